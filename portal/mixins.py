from django.contrib import messages
from django.core.exceptions import ValidationError
from rules.contrib.views import PermissionRequiredMixin


class PortalPermissionMixin(PermissionRequiredMixin):
    """rules' permission check: anonymous people get the login page, others a 403 that says why."""

    def get_permission_denied_message(self):
        from django.utils.translation import gettext as _

        return self.permission_denied_message or _("You may not open this page.")


def flash_validation_error(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)
