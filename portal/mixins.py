from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.cache import patch_vary_headers
from rules.contrib.views import PermissionRequiredMixin


class PortalPermissionMixin(PermissionRequiredMixin):
    """rules' permission check: anonymous people get the login page, others a 403 that says why."""

    def get_permission_denied_message(self):
        from django.utils.translation import gettext as _

        return self.permission_denied_message or _("You may not open this page.")


def flash_validation_error(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


class HtmxFragmentMixin:
    """A list page whose results htmx replaces in place: an htmx request gets only
    ``htmx_template_name``, any other the whole page; both from one address, so the answer
    varies on ``HX-Request``."""

    htmx_template_name = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return [self.htmx_template_name]
        return super().get_template_names()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response
