from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.views.service_forms import ServiceActionView

from ..forms import CandidacyForm, ElectionForm, SetAsideForm, VoteForm
from ..models import Vote
from ..services import elections
from .base import CouncilMixin, ServiceFormView
from .councils import STAFF_ONLY


class ElectionCreateView(CouncilMixin, ServiceFormView):
    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = ElectionForm
    heading = gettext_lazy("Call an election")
    success_message = gettext_lazy("The election is called: candidates may stand.")

    def save(self, data):
        return elections.call_election(actor=self.request.user, council=self.council, **data)


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
        result = elections.standing(election) if counted else None
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
        elections.stand(actor=self.request.user, election=self.election, **data)
        return self.election


class VoteView(LoginRequiredMixin, ElectionMixin, ServiceActionView):
    permission_required = "councils.view_council"
    success_message = gettext_lazy("Your vote is counted.")

    def act(self):
        form = VoteForm(self.request.POST, election=self.election)
        if not form.is_valid():  # each error flashed on the election's page
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        return elections.cast_vote(
            actor=self.request.user, election=self.election, **form.cleaned_data
        )

    def get_success_url(self, result):
        return self.election.get_absolute_url()


class DrawLotsView(ElectionMixin, ServiceActionView):
    """POST: staff draw lots between the candidates tied for the last seats."""

    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    success_message = gettext_lazy("The lots are drawn; the order is shown with the count.")

    def act(self):
        return elections.draw_lots(actor=self.request.user, election=self.election)

    def get_success_url(self, result):
        return self.election.get_absolute_url()


class ElectionStaffView(ElectionMixin, ServiceActionView):
    """POST: set a vote aside (``vote``), or publish the results."""

    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY

    def act(self):
        if "vote" not in self.kwargs:
            return elections.publish_results(actor=self.request.user, election=self.election)
        vote = get_object_or_404(Vote, election=self.election, pk=self.kwargs["vote"])
        vote.election = self.election
        form = SetAsideForm(self.request.POST)
        reason = form.data.get("reason", "")
        if reason.strip() and not form.is_valid():  # overlong, control characters
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        # (A blank reason: the service says what is missing.)
        return elections.set_vote_aside(actor=self.request.user, vote=vote, reason=reason)

    def get_success_message(self, result):
        if "vote" in self.kwargs:
            return _("The vote is set aside.")
        return _("The results are published.")

    def get_success_url(self, result):
        return self.election.get_absolute_url()


__all__ = [
    "DrawLotsView",
    "ElectionCreateView",
    "ElectionDetailView",
    "ElectionStaffView",
    "StandView",
    "VoteView",
]
