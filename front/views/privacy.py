"""Personal data under the GDPR: the privacy notice of the host's municipality, and each
person's download of everything the portal holds about them (a readable page and JSON)."""

import json
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext
from django.views import View
from django.views.generic import TemplateView

from communities.models import Community, CommunityChangeRequest, Event, JointOpinion, Membership
from front import accounts
from front import personal_data as whole
from portal.forms import AccountDeleteForm
from portal.models import MunicipalStaff, Notification, NotificationOptOut
from portal.pagination import CountingPaginator

# How many of a person's messages the download lists (newest first); older ones are kept
# only as long as the delivery log needs them.
MESSAGES_LISTED = 500


class PrivacyNoticeView(TemplateView):
    """Who the controller is (the host's municipality), what is kept, why, for how long and
    who sees it; the person's rights and how to use them."""

    template_name = "portal/privacy.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "municipality": self.request.municipality,
            "periods": retention_periods(),
            "third_parties": third_parties(),
        }


def _days(days):
    return npgettext("for how long", "%(count)d day", "%(count)d days", days) % {"count": days}


def retention_periods():
    """The retention periods (portal.retention) as words for the notice."""
    return {
        "message_bodies": _days(settings.PORTAL_OUTBOX_BODY_RETENTION_DAYS),
        "delivery_log": _days(settings.PORTAL_DELIVERY_LOG_RETENTION_DAYS),
        "security_addresses": _days(settings.PORTAL_SECURITY_IP_RETENTION_DAYS),
        "security_events": _days(settings.PORTAL_SECURITY_EVENT_RETENTION_DAYS),
        "sessions": _days(max(1, settings.SESSION_COOKIE_AGE // (24 * 60 * 60))),
        "known_device": _days(settings.PORTAL_KNOWN_DEVICE_DAYS),
    }


def _host(url):
    return urlsplit(url).hostname or ""


def third_parties():
    """The services outside the portal that see something of a visitor, by host name: the
    map's tile server, the mail server and the file storage, when they are configured."""
    local = {"", "localhost", "127.0.0.1", "::1"}
    parties = {}
    if settings.PORTAL_MAP_TILE_URL:
        parties["tiles"] = _host(settings.PORTAL_MAP_TILE_URL.replace("{s}", "a"))
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and settings.EMAIL_HOST not in local:
        parties["mail"] = settings.EMAIL_HOST
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
        parties["storage"] = _host(endpoint) if endpoint else "Amazon S3"
    return parties


def activity_entries(user):
    """The events and joint opinions ``user`` recorded, newest first, in one query:
    ``(community name, title, date)`` rows that a paginator can page through."""
    events = (
        Event.objects.filter(created_by=user)
        .order_by()
        .values_list("community__name", "title", "date")
    )
    opinions = (
        JointOpinion.objects.filter(created_by=user)
        .order_by()
        .values_list("community__name", "title", "sent_on")
    )
    return events.union(opinions, all=True).order_by("-date", "title")


def personal_data(user, *, entries=None, sections=None):
    """Everything the portal holds about ``user``, as plain data (lists of dicts).

    ``entries``: the rows of ``activity_entries(user)`` to list (one page of them on the
    readable page); all of them when not given (the download). ``sections``: the keys of the
    other apps' sections (``front.personal_data.SECTIONS``) whose rows to list; the
    others are ``None`` (the readable page counts them and lists one at a time); every one
    when not given."""

    def when(value):
        return value.isoformat() if value else None

    memberships = Membership.objects.filter(user=user).select_related("community__municipality")
    registered = Community.objects.filter(created_by=user).select_related("municipality")
    return {
        "downloaded_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.full_name,
            "language_of_emails": user.language,
            "joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "staff_of": [
            {"municipality": role.municipality.name, "since": when(role.since)}
            for role in MunicipalStaff.objects.filter(user=user).select_related("municipality")
        ],
        "memberships": [
            {
                "community": m.community.name,
                "municipality": m.community.municipality.name,
                "role": m.get_role_display(),
                "status": m.get_status_display(),
                "asked_to_join": when(m.requested_at),
                "message_to_the_leaders": m.message,
            }
            for m in memberships.order_by("requested_at", "pk")
        ],
        "communities_registered": [
            {
                "community": c.name,
                "municipality": c.municipality.name,
                "status": c.get_status_display(),
                "created": when(c.created_at),
            }
            for c in registered.order_by("created_at", "pk")
        ],
        "changes_of_key_facts_asked": [
            {"community": r.community.name, "at": when(r.at), "status": r.get_status_display()}
            for r in CommunityChangeRequest.objects.filter(requested_by=user)
            .select_related("community")
            .order_by("at", "pk")
        ],
        "activity_entries_recorded": [
            {"community": community, "title": title, "date": when(date)}
            for community, title, date in (activity_entries(user) if entries is None else entries)
        ],
        "messages_sent_to_you": [
            {"kind": n.kind, "written": when(n.created_at), "sent": when(n.sent_at)}
            for n in Notification.objects.filter(user=user).order_by("-created_at", "-pk")[
                :MESSAGES_LISTED
            ]
        ],
        "kinds_of_message_you_stopped": sorted(
            NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True)
        ),
        # Every other app (issue 25, item 5): front.personal_data.
        **{
            section.key: section.rows(user) if sections is None or section.key in sections else None
            for section in whole.SECTIONS
        },
        "part_in_records": whole.part_in_records(user),
    }


SECTIONS = {
    "account": gettext_lazy("Your account"),
    "email_addresses": gettext_lazy("Email addresses"),
    "staff_of": gettext_lazy("Municipal staff of"),
    "memberships": gettext_lazy("Memberships"),
    "communities_registered": gettext_lazy("Communities you registered"),
    "changes_of_key_facts_asked": gettext_lazy("Changes of key facts you asked for"),
    "activity_entries_recorded": gettext_lazy("Activity record entries you recorded"),
    "messages_sent_to_you": gettext_lazy("Messages the portal wrote to you"),
    "kinds_of_message_you_stopped": gettext_lazy("Kinds of message you stopped"),
    **{section.key: section.title for section in whole.SECTIONS},
    "part_in_records": whole.PART_IN_RECORDS_TITLE,
}
# The labels of the other apps' sections: their fields' own names.
SECTION_LABELS = {
    **{section.key: section.labels for section in whole.SECTIONS},
    "part_in_records": lambda: whole.PART_IN_RECORDS_LABELS,
}
FIELDS = {
    "email": gettext_lazy("Email"),
    "name": gettext_lazy("Name"),
    "language_of_emails": gettext_lazy("Language of emails"),
    "joined": gettext_lazy("Account created"),
    "last_login": gettext_lazy("Last sign-in"),
    "verified": gettext_lazy("Verified"),
    "primary": gettext_lazy("Primary"),
    "municipality": gettext_lazy("Municipality"),
    "since": gettext_lazy("Since"),
    "community": gettext_lazy("Community"),
    "role": gettext_lazy("Role"),
    "status": gettext_lazy("Status"),
    "asked_to_join": gettext_lazy("Asked to join"),
    "message_to_the_leaders": gettext_lazy("Message to the leaders"),
    "created": gettext_lazy("Created"),
    "at": gettext_lazy("When"),
    "title": gettext_lazy("Title"),
    "date": gettext_lazy("Date"),
    "kind": gettext_lazy("Kind"),
    "written": gettext_lazy("Written"),
    "sent": gettext_lazy("Sent"),
}


def readable(data, counts=None):
    """``[(section key, section title, [[(field label, value), ...], ...], count), ...]`` for
    the page; a section not read (``None``) has no rows and its ``counts`` entry."""
    counts = counts or {}
    sections = []
    for key, title in SECTIONS.items():
        value = data[key]
        if value is None:
            sections.append((key, title, None, counts.get(key, 0)))
            continue
        labels = SECTION_LABELS[key]() if key in SECTION_LABELS else FIELDS
        rows = [value] if isinstance(value, dict) else value
        rows = [
            [(labels.get(k, k), v) for k, v in row.items()]
            if isinstance(row, dict)
            else [(FIELDS["kind"], row)]
            for row in rows
        ]
        sections.append((key, title, rows, len(rows)))
    return sections


class MyDataView(LoginRequiredMixin, TemplateView):
    """The person's own data: a readable page, or ``?format=json`` as a file."""

    template_name = "portal/my_data.html"
    ENTRIES_PER_PAGE = 50  # the readable page lists the activity entries in pages

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") != "json":
            return self.render_page(request)
        data = personal_data(request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response

    def render_page(self, request):
        entries = CountingPaginator(activity_entries(request.user), self.ENTRIES_PER_PAGE).get_page(
            request.GET.get("entries")
        )
        # The other apps' sections are counted in one query and listed one at a time
        # (``?section=``): the page reads a fixed number of queries however much there is.
        chosen = request.GET.get("section", "")
        data = personal_data(request.user, entries=entries.object_list, sections={chosen})
        context = self.get_context_data(
            sections=readable(data, whole.section_counts(request.user)),
            entries=entries,
            page_title=_("Your data"),
        )
        return self.render_to_response(context)


class AccountDeleteView(LoginRequiredMixin, View):
    """The person deletes their own account, after a confirmation page that says what goes
    and what stays, with their password (``front.accounts``)."""

    template_name = "portal/account_delete.html"
    # Wrong passwords before the person is signed out (a session left open is no way in).
    MAX_FAILURES = 5

    def get(self, request):
        return self._render(AccountDeleteForm(user=request.user))

    def post(self, request):
        user = request.user
        form = AccountDeleteForm(request.POST, user=user)
        if accounts.refusals(user):
            return self._render(form)
        if not form.is_valid():
            failures = request.session.get("account_delete_failures", 0) + 1
            request.session["account_delete_failures"] = failures
            if failures >= self.MAX_FAILURES:
                logout(request)
                return redirect_to_login(reverse("account-delete"))
            return self._render(form)
        accounts.delete_account(user=user, request=request)
        request.session.flush()  # no sign-out event: the account is gone
        request.user = AnonymousUser()
        messages.success(request, _("Your account was deleted."))
        return redirect("home")

    def _render(self, form):
        user = self.request.user
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "refusals": accounts.refusals(user),
                "drafts": accounts.drafts_deleted_with(user),
                "page_title": _("Delete your account"),
            },
        )
