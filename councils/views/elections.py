from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from portal.history import conflict_message, is_conflict
from portal.mixins import flash_validation_error

from .. import election_services
from ..forms import CandidacyForm, ElectionForm, SetAsideForm, VoteForm
from ..models import Vote
from .base import CouncilMixin, ServiceFormView
from .councils import STAFF_ONLY


class ElectionCreateView(CouncilMixin, ServiceFormView):
    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = ElectionForm
    heading = gettext_lazy("Call an election")
    success_message = gettext_lazy("The election is called: candidates may stand.")

    def save(self, data):
        return election_services.call_election(
            actor=self.request.user, council=self.council, **data
        )


class ElectionMixin(CouncilMixin):
    @cached_property
    def election(self):
        election = get_object_or_404(self.council.elections.all(), pk=self.kwargs["pk"])
        election.council = self.council
        return election

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "election": self.election}


class ElectionDetailView(ElectionMixin, TemplateView):
    """Candidates, the vote, and the results once published; staff review the voters."""

    permission_required = "councils.view_council"
    template_name = "councils/election_detail.html"

    def get_context_data(self, **kwargs):
        election, user = self.election, self.request.user
        context = super().get_context_data(**kwargs)
        is_staff = user.has_perm("councils.change_council", self.council)
        voted = user.is_authenticated and election.votes.filter(voter=user).exists()
        counted = election.has_results or (is_staff and timezone.localdate() > election.votes_until)
        result = election_services.standing(election) if counted else None
        context.update(
            page_title=_("Election: %(council)s") % {"council": self.council.name},
            candidacies=result.candidacies
            if result
            else election.candidacies.select_related("person", "territory").order_by("pk"),
            result=result,
            voted=voted,
            vote_form=VoteForm(election=election)
            if election.takes_votes and user.is_authenticated and not voted
            else None,
            is_staff=is_staff,
        )
        if is_staff:
            context["votes"] = election.votes.select_related(
                "voter", "territory", "candidacy__person"
            )
            context["history"] = election.changes.select_related("actor")
        return context


class StandView(LoginRequiredMixin, ElectionMixin, ServiceFormView):
    permission_required = "councils.view_council"
    form_class = CandidacyForm
    heading = gettext_lazy("Stand as a candidate")
    success_message = gettext_lazy("You stand as a candidate.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council": self.council}

    def save(self, data):
        election_services.stand(actor=self.request.user, election=self.election, **data)
        return self.election


class VoteView(LoginRequiredMixin, ElectionMixin, View):
    permission_required = "councils.view_council"

    def post(self, request, *args, **kwargs):
        form = VoteForm(request.POST, election=self.election)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.election)
        try:
            election_services.cast_vote(
                actor=request.user, election=self.election, **form.cleaned_data
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("Your vote is counted."))
        return redirect(self.election)


class DrawLotsView(ElectionMixin, View):
    """POST: staff draw lots between the candidates tied for the last seats."""

    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY

    def post(self, request, *args, **kwargs):
        try:
            election_services.draw_lots(actor=request.user, election=self.election)
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("The lots are drawn; the order is shown with the count."))
        return redirect(self.election)


class ElectionStaffView(ElectionMixin, View):
    """POST: set a vote aside (``vote``), or publish the results."""

    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY

    def post(self, request, *args, **kwargs):
        try:
            if "vote" in kwargs:
                vote = get_object_or_404(Vote, election=self.election, pk=kwargs["vote"])
                vote.election = self.election
                form = SetAsideForm(request.POST)
                reason = form.data.get("reason", "")
                if reason.strip() and not form.is_valid():  # overlong, control characters
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                # (A blank reason: the service says what is missing.)
                election_services.set_vote_aside(actor=request.user, vote=vote, reason=reason)
                messages.success(request, _("The vote is set aside."))
            else:
                election_services.publish_results(actor=request.user, election=self.election)
                messages.success(request, _("The results are published."))
        except ValidationError as error:
            if is_conflict(error):
                messages.error(request, conflict_message())
            else:
                flash_validation_error(request, error)
        return redirect(self.election)


__all__ = [
    "DrawLotsView",
    "ElectionCreateView",
    "ElectionDetailView",
    "ElectionStaffView",
    "StandView",
    "VoteView",
]
