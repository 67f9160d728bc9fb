from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from communities.roles import led_communities
from consultations.shown import ANSWER_COLUMNS
from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin
from portal.pagination import paged, section_page
from portal.shapes import shape
from portal.views.service_forms import ServiceActionView

from .. import shown
from ..forms import CouncilForm, EndTermForm, NominateForm, NominationPeriodForm
from ..models import Council, Meeting, Nomination, NominationPeriod, Recommendation, Term
from ..services import councils, nominations
from ..services.terms import end_term, sitting_terms, vacant_seats
from .base import CouncilMixin, ServiceFormView

STAFF_ONLY = gettext_lazy("Only the municipality's staff run councils.")


class CouncilListView(TemplateView):
    template_name = "councils/council_list.html"

    def get_context_data(self, **kwargs):
        municipality = self.request.municipality
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Councils"),
            "councils": Council.objects.of(municipality).active().select_related("territory"),
            "can_add": self.request.user.has_perm("councils.add_council", municipality),
        }


class CouncilCreateView(PortalPermissionMixin, ServiceFormView):
    permission_required = "councils.add_council"
    permission_denied_message = STAFF_ONLY
    form_class = CouncilForm
    heading = gettext_lazy("Set up a council")
    success_message = gettext_lazy("The council is set up.")

    def get_permission_object(self):
        return self.request.municipality

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def save(self, data):
        return councils.create_council(
            actor=self.request.user, municipality=self.request.municipality, **data
        )


class CouncilEditView(CouncilMixin, ServiceFormView):
    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = CouncilForm
    heading = gettext_lazy("Council settings")
    success_message = gettext_lazy("The settings are saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "instance": self.council,
        }

    def save(self, data):
        return councils.update_council(actor=self.request.user, council=self.council, **data)


MEETINGS_SHOWN = 10
RECOMMENDATIONS_SHOWN = 10
SEATS_SHOWN = 20
# The columns the council page shows of a term (with its member, community and seat) and of
# a recommendation (with its item, meeting and answer).
TERM_COLUMNS = (
    "pk",
    "starts_on",
    "ends_on",
    "ended_reason",
    "seat__number",
    "member__full_name",
    "community__name",
)
RECOMMENDATION_COLUMNS = (
    "answer_id",
    "item_id",
    "item__meeting_id",
    "text",
    "voted",
    "votes_for",
    "votes_against",
    "abstentions",
    "answer_due_on",
    "item__title",
    "item__meeting__starts_at",
    *(f"answer__{name}" for name in ANSWER_COLUMNS),
)


@shape
def _nomination_periods(council_id):
    return NominationPeriod.objects.filter(council=council_id)[:5]


@paged
def _terms(council_id):
    terms = Term.objects.filter(seat__council=council_id)
    return terms.order_by("seat__number", "-starts_on").values(*TERM_COLUMNS)


@paged
def _meetings(council_id):
    meetings = Meeting.objects.filter(council=council_id)
    return meetings.values("pk", "starts_at", "place", "status").order_by("-starts_at")


@paged
def _meetings_announced(council_id):
    meetings = Meeting.objects.filter(council=council_id).exclude(status=Meeting.Status.DRAFT)
    return meetings.values("pk", "starts_at", "place", "status").order_by("-starts_at")


@paged
def _recommendations(council_id):
    return (
        Recommendation.objects.filter(
            item__meeting__council=council_id, item__meeting__status=Meeting.Status.MINUTED
        )
        .order_by("-item__meeting__starts_at", "item__number")
        .values(*RECOMMENDATION_COLUMNS)
    )


class CouncilDetailView(CouncilMixin, TemplateView):
    """The public council page: members and the communities they represent, seat history,
    meetings, minutes, recommendations and how the municipality answered each."""

    permission_required = "councils.view_council"
    template_name = "councils/council_detail.html"

    def get_context_data(self, **kwargs):
        council, user, request = self.council, self.request.user, self.request
        is_staff = user.has_perm("councils.change_council", council)
        is_member = user.has_perm("councils.view_papers", council)
        days = shown.days_once()
        periods = [p for p in _nomination_periods(council.pk) if p.is_open]
        # Meetings, recommendations and terms grow with the years: a page of each, turned
        # apart (?meetings=2, ?recommendations=2, ?seats=2).
        history = section_page(request, _terms(council.pk), SEATS_SHOWN, "seats")
        shown.label_terms(history, days=days)
        shown.label_history(history, council_slug=council.slug, is_staff=is_staff)
        if history.number == 1 and not history.has_next():
            # Every term is on the history's first page: the sitting ones are the members.
            members = [term for term in history if term["is_sitting"]]
        else:
            members = shown.label_terms(
                list(sitting_terms(council).values(*TERM_COLUMNS)), days=days
            )
        meetings = section_page(
            request,
            (_meetings if is_staff or is_member else _meetings_announced)(council.pk),
            MEETINGS_SHOWN,
            "meetings",
        )
        shown.label_meetings(meetings, council_slug=council.slug)
        recommendations = section_page(
            request, _recommendations(council.pk), RECOMMENDATIONS_SHOWN, "recommendations"
        )
        shown.label_recommendations(
            recommendations, council_slug=council.slug, is_staff=is_staff, days=days
        )
        context = {
            **super().get_context_data(**kwargs),
            "page_title": council.name,
            "members": shown.label_members(members),
            "history": history,
            "meetings": meetings,
            # Only a residents' council is elected (services.elections.call_election).
            "elections": list(council.elections.all()[:5]) if council.is_residents else [],
            "recommendations": recommendations,
            "recommendation_cards": shown.recommendations_html(
                recommendations.object_list, is_staff=is_staff
            ),
            "open_periods": periods,
            "is_staff": is_staff,
            "is_member": is_member,
            "can_nominate": bool(periods) and user.has_perm("councils.nominate", council),
            "my_nominations": (
                list(
                    Nomination.objects.filter(
                        period__council=council,
                        nominee=user,
                        status__in=(Nomination.Status.PROPOSED, Nomination.Status.CONSENTED),
                    ).select_related("community")
                )
                if user.is_authenticated and not is_staff  # staff: below, from every nomination
                else []
            ),
        }
        if is_staff:
            context["nominations"] = list(
                Nomination.objects.filter(period__council=council)
                .exclude(status__in=[Nomination.Status.APPOINTED, Nomination.Status.DECLINED])
                .select_related("community", "nominee")
            )
            # Staff see every open nomination: theirs among them, without a query of its own.
            context["my_nominations"] = [
                nomination
                for nomination in context["nominations"]
                if nomination.nominee_id == user.pk
            ]
            context["changes"] = council.changes.select_related("actor")
            context["vacant"] = vacant_seats(council).count()
        return context


class NominationPeriodCreateView(CouncilMixin, ServiceFormView):
    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = NominationPeriodForm
    heading = gettext_lazy("Open nominations")
    success_message = gettext_lazy("Nominations are open.")

    def save(self, data):
        nominations.open_nominations(actor=self.request.user, council=self.council, **data)
        return self.council


class NominateView(CouncilMixin, ServiceFormView):
    """A leader of a verified community nominates one of its members."""

    permission_required = "councils.nominate"
    permission_denied_message = gettext_lazy("Leaders of verified communities nominate members.")
    form_class = NominateForm
    heading = gettext_lazy("Nominate a member")
    success_message = gettext_lazy(
        "The member is nominated. They confirm their consent on the council's page."
    )

    def get_permission_object(self):
        return self.council

    @cached_property
    def period(self):
        for period in self.council.nomination_periods.all()[:5]:
            if period.is_open:
                return period
        raise Http404

    def dispatch(self, request, *args, **kwargs):
        self.period  # noqa: B018 - a 404 when nominations are not open
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        communities = led_communities(self.request.user, self.request.municipality)
        return {**super().get_form_kwargs(), "communities": communities}

    def save(self, data):
        nominations.nominate(actor=self.request.user, period=self.period, **data)
        return self.council


class TermEndView(CouncilMixin, ServiceFormView):
    """Staff end a term early (resigned, moved away): access ends with it."""

    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = EndTermForm
    heading = gettext_lazy("End a term early")
    success_message = gettext_lazy("The term is ended; the seat is vacant from the next day.")

    @cached_property
    def term(self):
        rows = Term.objects.filter(seat__council=self.council).select_related("member", "seat")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"ends_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "term": self.term}

    def save(self, data):
        self.term.seat.council = self.council
        end_term(actor=self.request.user, term=self.term, **data)
        return self.council


class NominationMoveView(CouncilMixin, ServiceActionView):
    """POST: the nominee consents (``consent``) or declines (``decline``, staff too), or staff
    appoint (``appoint``)."""

    permission_required = "councils.view_council"
    said = {
        "consent": gettext_lazy("Your consent is recorded."),
        "decline": gettext_lazy("The nomination is declined."),
        "appoint": gettext_lazy("The member is appointed."),
    }

    @cached_property
    def nomination(self):
        nomination = get_object_or_404(
            Nomination.objects.filter(period__council=self.council).select_related("period"),
            pk=self.kwargs["pk"],
        )
        nomination.period.council = self.council
        return nomination

    def post(self, request, *args, **kwargs):
        self.nomination  # noqa: B018 - a 404 for another council's nomination
        action = kwargs["action"]
        if action not in self.said:
            raise Http404
        if action == "appoint" and not request.user.has_perm(
            "councils.change_council", self.council
        ):
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)

    def act(self):
        user, nomination = self.request.user, self.nomination
        action = self.kwargs["action"]
        if action == "consent":
            return nominations.consent_to_nomination(actor=user, nomination=nomination)
        if action == "decline":
            by_staff = user.has_perm("councils.change_council", self.council)
            return nominations.decline_nomination(
                actor=user,
                nomination=nomination,
                by_staff=by_staff and user.pk != nomination.nominee_id,
            )
        return nominations.appoint(actor=user, nomination=nomination)

    def get_success_message(self, result):
        return self.said[self.kwargs["action"]]

    def get_success_url(self, result):
        return self.council.get_absolute_url()


class CouncilBylawsView(ProtectedDownloadView):
    """The council's bylaws, public like the council's page, through the download kit (the
    file is never served from ``/media/``)."""

    permission_required = "councils.view_council"
    model = Council
    lookup_field = "slug"
    file_field = "bylaws"

    def get_download_stem(self):
        return f"{self.object.slug}-bylaws"
