"""``{% url %}`` with each address worked out once per process (a built-in of the engine:
``TEMPLATES["OPTIONS"]["builtins"]``, so every template's ``{% url %}`` is this one).

Reversing a URL name walks Django's resolver in Python: some 75 calls for each ``{% url %}``,
about a tenth of a page whose menu, footer and forms link twenty addresses. An address is a
function of code alone — the URL name, its arguments, the URL configuration in force, the
language (``i18n_patterns`` prefixes it) and the script prefix — so it is kept under all of
them, like the cached template loader keeps compiled templates: nothing read from the
database is kept. Arguments other than plain strings and numbers (a model instance, a lazy
text) are reversed every time, as Django does.
"""

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

_PLAIN = (str, int)  # a template's literal is a SafeString: a str all the same


@functools.lru_cache(maxsize=4096)
def _address(view_name, args, kwargs, current_app, language, urlconf, prefix):
    """``reverse()`` under everything its result depends on (the last four are read by
    ``reverse`` itself from the request's state; they are here to key the result)."""
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs):
    """Tests that change the URL configuration or the languages reverse anew."""
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _address.cache_clear()


class AddressNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((name, value.resolve(context)) for name, value in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        if not isinstance(view_name, str) or not all(
            isinstance(value, _PLAIN) for value in (*args, *(value for _n, value in kwargs))
        ):
            return super().render(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        try:
            address = _address(
                view_name,
                args,
                kwargs,
                current_app,
                get_language(),
                get_urlconf() or settings.ROOT_URLCONF,
                get_script_prefix(),
            )
        except NoReverseMatch:
            if self.asvar is None:
                raise
            address = ""
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def url(parser, token):
    """Django's ``{% url %}`` (the same syntax and result), its address kept."""
    node = django_url(parser, token)
    return AddressNode(node.view_name, node.args, node.kwargs, node.asvar)
