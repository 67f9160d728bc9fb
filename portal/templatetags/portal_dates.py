"""``{{ day|date_when }}``: the long date as a sentence says when ("beidzas 2027. gada
5. janvārī"), from ``portal.dates.date_when``."""

from django import template

from portal.dates import date_when as _date_when

register = template.Library()


@register.filter
def date_when(value):
    return _date_when(value)
