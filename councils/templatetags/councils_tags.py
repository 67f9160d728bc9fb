from django import template

from .. import shown

register = template.Library()


@register.simple_tag(takes_context=True)
def review_rows(context, rows, can_comment):
    """The submissions of the council's papers, written in Python (``councils.shown``); the
    comment forms carry the context's CSRF token, as ``{% csrf_token %}`` writes it."""
    return shown.review_rows(
        rows, can_comment=can_comment, csrf_token=context.get("csrf_token") if can_comment else None
    )
