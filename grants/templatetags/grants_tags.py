from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..budget import money as format_money

register = template.Library()


@register.filter
def money(value):
    """``1 234,56 €`` in Latvian (Django's lv formats)."""
    if value is None or value == "":
        return "—"
    return format_money(value)


@register.simple_tag
def application_rows(applications, project, community, requested, submitted, status):
    """The rows of the staff's application list, written in Python: eleven template nodes a
    row were most of the page's rendering. The template's markup; every text escaped as a
    template does; the column labels (``data-label``) from the template's ``{% translate %}``.
    Each application is a ``values()`` row labelled by ``ApplicationListView`` (``review_url``,
    ``*_label``)."""
    project, community, requested, submitted, status = (
        conditional_escape(label) for label in (project, community, requested, submitted, status)
    )
    return mark_safe(
        "".join(
            f"""<tr>
    <td class="long-text" data-label="{project}"><a href="{escape(application["review_url"])}">{escape(application["title"])}</a></td>
    <td class="long-text" data-label="{community}">{escape(application["community__name"])}</td>
    <td data-label="{requested}">{escape(application["requested_label"])}</td>
    <td data-label="{submitted}">{escape(application["submitted_label"])}</td>
    <td data-label="{status}">{escape(application["status_label"])}</td>
  </tr>"""  # noqa: E501 - the markup's own lines
            for application in applications
        )
    )
