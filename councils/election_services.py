"""Writes about residents' council elections: calling one, standing, voting, reviewing the
voters and publishing the results."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations.boilerplate import field_error
from portal.history import log_event, move_to, record_start
from portal.models import Territory

from . import services
from .models import Candidacy, Council, Election, Vote


def _inside(territory, area):
    return territory.path.startswith(area.path)


@transaction.atomic
def call_election(
    *,
    actor,
    council: Council,
    stand_until: datetime.date,
    votes_from: datetime.date,
    votes_until: datetime.date,
) -> Election:
    if not council.is_residents:
        raise ValidationError(_("Only residents' councils are elected."), code="advisory")
    if not stand_until < votes_from <= votes_until:
        raise field_error(
            "votes_from",
            _("Candidates stand first; voting starts after that and ends after it starts."),
            "order",
        )
    election = Election.objects.create(
        council=council, stand_until=stand_until, votes_from=votes_from, votes_until=votes_until
    )
    record_start(election, actor=actor)
    return election


def stand(
    *, actor, election: Election, territory: Territory, statement: str, meets_conditions: bool
) -> Candidacy:
    council = election.council
    if not election.takes_candidates:
        raise ValidationError(_("Candidates no longer stand in this election."), code="closed")
    if not meets_conditions:
        raise field_error(
            "meets_conditions",
            ngettext(
                "Candidates must be at least %(age)s and live in the council's territory.",
                "Candidates must be at least %(age)s and live in the council's territory.",
                council.min_candidate_age,
            )
            % {"age": council.min_candidate_age},
            "conditions",
        )
    if not _inside(territory, council.territory):
        raise field_error("territory", _("Choose a territory the council serves."), "outside")
    if Candidacy.objects.filter(election=election, person=actor).exists():
        raise ValidationError(_("You already stand in this election."), code="twice")
    return Candidacy.objects.create(
        election=election,
        person=actor,
        territory=territory,
        statement=statement,
        meets_conditions=True,
    )


def cast_vote(*, actor, election: Election, candidacy: Candidacy, territory: Territory) -> Vote:
    """One vote per account, for a candidate whose territory includes the voter's."""
    if not election.takes_votes:
        raise ValidationError(_("Voting is not open."), code="closed")
    if candidacy.election_id != election.pk:
        raise field_error("candidacy", _("Choose a candidate of this election."), "foreign")
    if not _inside(territory, election.council.territory):
        raise field_error(
            "territory", _("Only residents of the council's territory vote."), "outside"
        )
    if not _inside(territory, candidacy.territory):
        raise field_error(
            "candidacy", _("Vote for a candidate of the territory you live in."), "elsewhere"
        )
    try:
        with transaction.atomic():
            return Vote.objects.create(
                election=election, voter=actor, candidacy=candidacy, territory=territory
            )
    except IntegrityError:
        raise ValidationError(_("You have already voted in this election."), code="twice") from None


@transaction.atomic
def set_vote_aside(*, actor, vote: Vote, reason: str) -> Vote:
    """Staff, reviewing the voters before the results, set a doubtful vote aside."""
    if vote.election.has_results:
        raise ValidationError(_("The results are published."), code="published")
    if not (reason or "").strip():
        raise field_error("reason", _("Say why the vote is set aside."), "reason_required")
    vote.set_aside_reason = reason
    vote.save(update_fields=["set_aside_reason"])
    log_event(vote.election, "vote_set_aside", actor=actor, reason=reason, data={})
    return vote


@transaction.atomic
def publish_results(*, actor, election: Election) -> Election:
    """Count the votes, give the elected their seats and publish the results."""
    if election.takes_votes or timezone.localdate() <= election.votes_until:
        raise ValidationError(_("Publish the results once voting has ended."), code="early")
    counts = dict(
        Vote.objects.filter(election=election, set_aside_reason="")
        .values_list("candidacy")
        .annotate(n=Count("pk"))
    )
    candidacies = list(election.candidacies.select_related("person", "territory"))
    for candidacy in candidacies:
        candidacy.votes = counts.get(candidacy.pk, 0)
    ranked = sorted(candidacies, key=lambda c: (-c.votes, c.pk))
    council = election.council
    seats = list(services.vacant_seats(council, election.votes_until + datetime.timedelta(1)))
    starts_on = timezone.localdate()
    for candidacy, seat in zip([c for c in ranked if c.votes], seats, strict=False):
        candidacy.elected = True
        services.fill_seat(actor=actor, seat=seat, member=candidacy.person, starts_on=starts_on)
    Candidacy.objects.bulk_update(candidacies, ["votes", "elected"])
    move_to(election, Election.Status.PUBLISHED, actor=actor, stamp="results_published_at")
    return election
