"""Writes about residents' council elections: calling one, standing, voting, reviewing the
voters and publishing the results."""

import datetime
import random
from collections import Counter
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.history import log_event, move_to, record_start
from portal.models import Territory
from portal.validators import field_error

from ..models import Candidacy, Council, Election, LotDrawing, Vote
from . import terms


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


def _counted(election: Election) -> list:
    """The candidacies with their votes: counted (not set aside) before the results, as
    published after."""
    candidacies = list(election.candidacies.select_related("person", "territory"))
    if not election.has_results:
        counts = dict(
            Vote.objects.filter(election=election, set_aside_reason="")
            .values_list("candidacy")
            .annotate(n=Count("pk"))
        )
        for candidacy in candidacies:
            candidacy.votes = counts.get(candidacy.pk, 0)
    return candidacies


def seats_to_fill(election: Election) -> int:
    return terms.vacant_seats(
        election.council, election.votes_until + datetime.timedelta(1)
    ).count()


def tie_for_last_seats(candidacies, seats: int):
    """The candidates with as many votes across the line of the last seat: their votes, the
    candidacies (in the order they stood) and how many seats they share; ``None`` if none."""
    with_votes = sorted((c for c in candidacies if c.votes), key=lambda c: -c.votes)
    if (
        seats < 1
        or len(with_votes) <= seats
        or with_votes[seats].votes != with_votes[seats - 1].votes
    ):
        return None
    votes = with_votes[seats - 1].votes
    tied = sorted((c for c in with_votes if c.votes == votes), key=lambda c: c.pk)
    above = sum(1 for c in with_votes if c.votes > votes)
    return SimpleNamespace(votes=votes, candidacies=tied, seats=seats - above)


def _drawing_for(election: Election, tie):
    if tie is None:
        return None
    keys = sorted(c.pk for c in tie.candidacies)
    for drawing in election.drawings.select_related("drawn_by").filter(votes=tie.votes):
        if sorted(drawing.order) == keys:
            return drawing
    return None


def standing(election: Election):
    """The candidacies ranked, ties marked (``tied``) and placed by the council's rule
    (``lot_place`` when lots were drawn); before the results also the tie for the last seats
    and whether lots must still be drawn."""
    council = election.council
    candidacies = _counted(election)
    tie = drawing = None
    if election.has_results:
        drawing = election.drawings.select_related("drawn_by").first()
    else:
        tie = tie_for_last_seats(candidacies, seats_to_fill(election))
        drawing = _drawing_for(election, tie)
    place = {pk: number for number, pk in enumerate(drawing.order, 1)} if drawing else {}
    same = Counter(c.votes for c in candidacies if c.votes)
    for candidacy in candidacies:
        candidacy.tied = same[candidacy.votes] > 1
        candidacy.lot_place = place.get(candidacy.pk)
    by_lots = council.tie_rule == Council.TieRule.LOTS
    candidacies.sort(
        key=lambda c: (
            -c.votes,
            not c.elected,
            (c.lot_place or 0) if by_lots else 0,
            c.pk,  # the candidate who stood first
        )
    )
    if drawing is not None:
        names = {c.pk: c.person.full_name or c.person.email for c in candidacies}
        drawing.names = [names.get(pk, "—") for pk in drawing.order]
    return SimpleNamespace(
        candidacies=candidacies,
        tie=tie,
        drawing=drawing,
        needs_lots=tie is not None and by_lots and drawing is None,
    )


@transaction.atomic
def draw_lots(*, actor, election: Election) -> LotDrawing:
    """Staff draw lots between the candidates tied for the last seats, when that is the
    council's rule: the portal draws (a system random source) and records who, when and the
    order drawn, shown with the results."""
    if election.has_results:
        raise ValidationError(_("The results are published."), code="published")
    if timezone.localdate() <= election.votes_until:
        raise ValidationError(_("Draw lots once voting has ended."), code="early")
    if election.council.tie_rule != Council.TieRule.LOTS:
        raise ValidationError(
            _("The council's rule settles a tie without lots: %(rule)s.")
            % {"rule": election.council.get_tie_rule_display()},
            code="rule",
        )
    tie = tie_for_last_seats(_counted(election), seats_to_fill(election))
    if tie is None:
        raise ValidationError(_("No candidates are tied for the last seats."), code="no_tie")
    if _drawing_for(election, tie) is not None:
        raise ValidationError(_("The lots are drawn already."), code="drawn")
    order = [c.pk for c in tie.candidacies]
    random.SystemRandom().shuffle(order)
    drawing = LotDrawing.objects.create(
        election=election, votes=tie.votes, seats=tie.seats, order=order, drawn_by=actor
    )
    names = {c.pk: c.person.full_name or c.person.email for c in tie.candidacies}
    log_event(
        election,
        "lots_drawn",
        actor=actor,
        data={"order": ", ".join(names[pk] for pk in order), "votes": tie.votes},
    )
    return drawing


@transaction.atomic
def publish_results(*, actor, election: Election) -> Election:
    """Count the votes, settle a tie for the last seats by the council's rule, give the
    elected their seats and publish the results."""
    if election.takes_votes or timezone.localdate() <= election.votes_until:
        raise ValidationError(_("Publish the results once voting has ended."), code="early")
    result = standing(election)
    if result.needs_lots:
        raise ValidationError(
            _(
                "Candidates are tied for the last seats: %(names)s (votes each: %(votes)s). "
                "The council's rule is a drawing of lots: draw them first."
            )
            % {
                "names": ", ".join(
                    c.person.full_name or c.person.email for c in result.tie.candidacies
                ),
                "votes": result.tie.votes,
            },
            code="tie",
        )
    council = election.council
    seats = list(terms.vacant_seats(council, election.votes_until + datetime.timedelta(1)))
    starts_on = timezone.localdate()
    for candidacy, seat in zip([c for c in result.candidacies if c.votes], seats, strict=False):
        candidacy.elected = True
        terms.fill_seat(actor=actor, seat=seat, member=candidacy.person, starts_on=starts_on)
    Candidacy.objects.bulk_update(result.candidacies, ["votes", "elected"])
    move_to(election, Election.Status.PUBLISHED, actor=actor, stamp="results_published_at")
    return election
