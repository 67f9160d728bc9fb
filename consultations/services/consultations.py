"""Every write that means something for a consultation itself: open, edit, add a document,
publish, complete. Permission checks stay in the views."""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import Community, Membership
from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality, Territory
from portal.outbox import notify
from portal.validators import field_error

from .. import outbox
from ..models import Consultation, ConsultationDocument, NeighbourhoodFollow
from ..models.consultations import minimum_days

Status = Consultation.Status
RESERVED_SLUGS = {"new", "mine", "overdue", "following", "events", "calendar"}


class ConsultationDetails(TypedDict, total=False):
    """What staff fill in about a consultation (the open/edit form)."""

    title: str
    kind: str
    description: str
    easy_summary: str
    neighbourhoods: Iterable[Territory]
    opens_on: datetime.date
    closes_on: datetime.date
    short_period_reason: str
    responsible: object
    remote_participation: str
    venue: str
    meeting_at: datetime.datetime | None
    venue_step_free: bool


def _unique_slug(municipality, title):
    base = slugify(title)[:200] or "apspriesana"
    taken = Consultation.objects.of(municipality)
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_period(*, municipality, kind, opens_on, closes_on, short_period_reason=""):
    """Refuse a close before the opening, and a period shorter than the kind's minimum
    without a stated reason (it is recorded and shown on the consultation's page)."""
    if not (opens_on and closes_on):
        return
    if closes_on < opens_on:
        raise field_error(
            "closes_on", _("The consultation closes after it opens."), "closes_before"
        )
    minimum = minimum_days(municipality, kind)
    days = (closes_on - opens_on).days + 1
    if days < minimum and not (short_period_reason or "").strip():
        raise field_error(
            "short_period_reason",
            ngettext(
                "A consultation of this kind is open at least %(minimum)d day; this one "
                "is open %(days)d. Give the reason for the shorter period: it is shown to "
                "residents.",
                "A consultation of this kind is open at least %(minimum)d days; this one "
                "is open %(days)d. Give the reason for the shorter period: it is shown to "
                "residents.",
                minimum,
            )
            % {"minimum": minimum, "days": days},
            "period_too_short",
        )


def _write(consultation, details):
    neighbourhoods = details.pop("neighbourhoods", None)
    for name, value in details.items():
        if name not in ConsultationDetails.__annotations__:
            raise TypeError(f"A consultation has no detail {name!r}.")
        setattr(consultation, name, value)
    check_period(
        municipality=consultation.municipality,
        kind=consultation.kind,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        short_period_reason=consultation.short_period_reason,
    )
    if consultation.period_days >= minimum_days(consultation.municipality, consultation.kind):
        consultation.short_period_reason = ""
    consultation.save()
    if neighbourhoods is not None:
        consultation.neighbourhoods.set(neighbourhoods)


@transaction.atomic
def create_consultation(
    *, actor, municipality: Municipality, **details: Unpack[ConsultationDetails]
) -> Consultation:
    """Save a new consultation as a draft; nobody outside the staff sees it yet."""
    consultation = Consultation(
        municipality=municipality,
        slug=_unique_slug(municipality, details.get("title", "")),
        created_by=actor,
        status=Status.DRAFT,
    )
    details.setdefault("responsible", actor)
    _write(consultation, dict(details))
    record_start(consultation, actor=actor)
    return consultation


@transaction.atomic
def update_consultation(
    *, actor, consultation: Consultation, **details: Unpack[ConsultationDetails]
) -> Consultation:
    """Change a consultation before it is completed; a published one's changes are recorded."""
    if consultation.is_completed:
        raise ValidationError(_("A completed consultation is not changed."), code="completed")
    before = {name: str(getattr(consultation, name)) for name in _TRACKED}
    _write(consultation, dict(details))
    changed = [
        [name, before[name], str(getattr(consultation, name))]
        for name in _TRACKED
        if before[name] != str(getattr(consultation, name))
    ]
    if changed and consultation.is_published:
        log_event(consultation, "fields_changed", actor=actor, data={"fields": changed})
    return consultation


_TRACKED = ("title", "kind", "opens_on", "closes_on", "short_period_reason")


@transaction.atomic
def add_document(*, actor, consultation: Consultation, title: str, file) -> ConsultationDocument:
    if consultation.is_completed:
        raise ValidationError(_("A completed consultation is not changed."), code="completed")
    return ConsultationDocument.objects.create(consultation=consultation, title=title, file=file)


def affected_territory_ids(consultation):
    """The affected territories and everything inside them, as a subquery."""
    areas = list(consultation.neighbourhoods.all())
    if not areas:
        return Territory.objects.none().values("pk")
    inside = Q()
    for area in areas:
        inside |= Q(path__startswith=area.path)
    return Territory.objects.of(consultation.municipality).filter(inside).values("pk")


def invited_people(consultation):
    """Leaders and board of the communities covering an affected neighbourhood (at any depth
    of the tree), and the residents who follow one of those neighbourhoods."""
    territories = affected_territory_ids(consultation)
    communities = (
        Community.objects.of(consultation.municipality)
        .working()
        .filter(neighbourhoods__in=territories)
        .values("pk")
    )
    leaders = (
        Membership.objects.active()
        .filter(community__in=communities, role__in=Membership.ADMIN_ROLES)
        .values("user_id")
    )
    followers = NeighbourhoodFollow.objects.filter(territory__in=territories).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=leaders) | Q(pk__in=followers))
    )


@transaction.atomic
def publish_consultation(*, actor, consultation: Consultation) -> Consultation:
    """Publish a draft: it is public, and the people of the affected neighbourhoods invited."""
    require_move(consultation, Status.PUBLISHED, _("Only a draft consultation is published."))
    if not consultation.responsible_id:
        raise ValidationError(
            _("Name the staff member responsible before publishing."), code="no_responsible"
        )
    change = move_to(consultation, Status.PUBLISHED, actor=actor, stamp="published_at")
    notify(
        outbox.INVITATION,
        occasion=change.pk,
        municipality=consultation.municipality,
        ids={"consultation": consultation.pk},
        recipients=invited_people(consultation),
    )
    return consultation


@transaction.atomic
def complete_consultation(*, actor, consultation: Consultation) -> Consultation:
    """Close the file: only after the close date and once every submission has its answer."""
    require_move(consultation, Status.COMPLETED, _("Only a published consultation is completed."))
    if not consultation.has_closed:
        raise ValidationError(
            _("The consultation is still open; complete it after it closes."), code="still_open"
        )
    waiting = consultation.submissions.unanswered().count()
    if waiting:
        raise ValidationError(
            _(
                "%(count)d submissions have no answer yet. Every submission is answered before "
                "the consultation is completed."
            )
            % {"count": waiting},
            code="unanswered",
        )
    move_to(consultation, Status.COMPLETED, actor=actor, stamp="completed_at")
    request_feedback_report(actor=actor, consultation=consultation)
    return consultation


def request_feedback_report(*, actor, consultation):
    """Ask the kit for the feedback report now, so it is ready when the first reader opens it."""
    from ..reports import request_feedback_report as ask

    return ask(actor=actor, consultation=consultation)
