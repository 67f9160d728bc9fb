"""``{% csrf_slot %}``: the CSRF field of a form inside cached content (``portal.page_cache``).

Cached content is shared by many people, so it cannot hold anybody's CSRF token: it holds
this slot, which ``CachedContentMixin`` fills with the person's own token on every request.
"""

from django import template
from django.utils.safestring import mark_safe

from portal.page_cache import CSRF_SLOT

register = template.Library()


@register.simple_tag
def csrf_slot():
    return mark_safe(CSRF_SLOT)
