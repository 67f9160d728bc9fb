"""The outbox's pages: a person's choice of emails, the one-click unsubscribe, and the
delivery log staff read for their municipality (with resending a failed message)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView

from portal.pagination import CountingPaginator

from ..forms import DeliveryLogFilterForm, NotificationChoicesForm
from ..mixins import PortalPermissionMixin
from ..models import Notification
from ..outbox import all_kinds, get_kind, optional_kinds
from ..outbox import services as outbox
from ..outbox.tokens import read_token
from .service_forms import ServiceActionView

STAFF_ONLY = gettext_lazy("Only the municipality's staff read its delivery log.")


class NotificationPreferencesView(LoginRequiredMixin, FormView):
    """A person chooses which kinds of email they get."""

    form_class = NotificationChoicesForm
    template_name = "portal/notifications/preferences.html"
    success_url = reverse_lazy("notification-preferences")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": optional_kinds()}

    def get_initial(self):
        return {"wanted": outbox.wanted_kinds(self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["required_kinds"] = [kind for kind in all_kinds() if kind.required]
        return context

    def form_valid(self, form):
        outbox.set_wanted_kinds(actor=self.request.user, wanted=form.cleaned_data["wanted"])
        messages.success(self.request, _("Your choice of emails was saved."))
        return super().form_valid(form)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The link in every email: GET asks, POST stops that kind (RFC 8058 one-click POST too).

    No sign-in and no CSRF token: the signed token is the authentication, and it can do
    nothing but turn one kind of email off for one person.
    """

    template_name = "portal/notifications/unsubscribe.html"

    def _resolve(self, token):
        found = read_token(token)
        if found is None:
            return None, None
        user_id, code = found
        try:
            kind = get_kind(code)
        except KeyError:
            return None, None
        user = get_user_model().objects.filter(pk=user_id).first()
        return (user, kind) if user is not None and not kind.required else (None, None)

    def get(self, request, token):
        user, kind = self._resolve(token)
        if user is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        return render(request, self.template_name, {"kind": kind, "email": user.email})

    def post(self, request, token):
        user, kind = self._resolve(token)
        if user is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        outbox.unsubscribe(user=user, kind=kind.code)
        return render(
            request, self.template_name, {"kind": kind, "email": user.email, "done": True}
        )


class DeliveryLogView(PortalPermissionMixin, ListView):
    """What went to whom and when, and what failed, for the municipality of the host."""

    permission_required = "portal.view_delivery_log"
    permission_denied_message = STAFF_ONLY
    template_name = "portal/notifications/log.html"
    context_object_name = "notifications"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    @cached_property
    def filter_form(self):
        return DeliveryLogFilterForm(self.request.GET or None, kinds=all_kinds())

    def get_queryset(self):
        rows = Notification.objects.of(self.request.municipality).for_log()
        form = self.filter_form
        if form.is_bound and form.is_valid():
            if form.cleaned_data["status"]:
                rows = rows.filter(status=form.cleaned_data["status"])
            if form.cleaned_data["kind"]:
                rows = rows.filter(kind=form.cleaned_data["kind"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = {kind.code: kind.label for kind in all_kinds()}
        for row in context["notifications"]:
            row.kind_label = labels.get(row.kind, row.kind)
        context["filter_form"] = self.filter_form
        return context


class NotificationResendView(PortalPermissionMixin, ServiceActionView):
    """Staff send a failed message of their municipality again (POST only)."""

    permission_required = "portal.resend_notification"
    permission_denied_message = STAFF_ONLY
    http_method_names = ["post"]

    @cached_property
    def notification(self):
        return get_object_or_404(
            Notification.objects.of(self.request.municipality), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.notification

    def act(self):
        outbox.resend_notification(actor=self.request.user, notification=self.notification)
        return self.notification

    def get_success_message(self, notification):
        return _("The message to %(email)s will be sent again.") % {"email": notification.email}

    def get_success_url(self, result):
        back = self.request.POST.get("next", "")
        # A path of this host only (anything else would be taken for a view's name).
        if back.startswith("/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={self.request.get_host()}
        ):
            return back
        return reverse("notification-log")
