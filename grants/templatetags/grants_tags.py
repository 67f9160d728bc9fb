from django import template

from ..budget import money as format_money

register = template.Library()


@register.filter
def money(value):
    """``1 234,56 €`` in Latvian (Django's lv formats)."""
    if value is None or value == "":
        return "—"
    return format_money(value)
