"""Every write about agreements. Permission checks stay in the views."""

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move

from ..duties import refuse_own_community
from ..models import Agreement

Status = Agreement.Status


class AgreementDetails(TypedDict, total=False):
    kind: str
    title: str
    purpose: str
    municipality_duties: str
    community_duties: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    funding: str
    amount: object
    document: object
    document_public: bool


def _check(agreement):
    if agreement.ends_on and agreement.starts_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError(
            {"ends_on": _("An agreement cannot end before it starts.")}, code="dates"
        )


def _write(agreement, details):
    changed = []
    for name, value in details.items():
        if name not in AgreementDetails.__annotations__:
            raise TypeError(f"An agreement has no detail {name!r}.")
        if name == "document" and (not value or isinstance(value, FieldFile)):
            continue  # keeps the stored file
        if getattr(agreement, name) != value:
            changed.append(name)
        setattr(agreement, name, value)
    _check(agreement)
    return changed


@transaction.atomic
def create_agreement(*, actor, community, **details: Unpack[AgreementDetails]) -> Agreement:
    """Record a draft agreement between the municipality and ``community``."""
    refuse_own_community(actor, community)
    agreement = Agreement(
        municipality_id=community.municipality_id,
        community=community,
        created_by=actor,
        status=Status.DRAFT,
    )
    _write(agreement, details)
    agreement.save()
    record_start(agreement, actor=actor)
    return agreement


@transaction.atomic
def update_agreement(
    *, actor, agreement: Agreement, expected_version=None, **details: Unpack[AgreementDetails]
) -> Agreement:
    current = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _("Someone else changed this agreement since you opened the form; reload it."),
            code="stale",
        )
    if not current.is_editable:
        raise ValidationError(
            _("An agreement that has ended is no longer changed."), code="wrong_status"
        )
    refuse_own_community(actor, current.community)
    changed = _write(current, details)
    current.version += 1
    current.save()
    if changed and current.status != Status.DRAFT:
        log_event(current, "agreement_changed", actor=actor, data={"fields": changed})
    return current


@transaction.atomic
def sign_agreement(
    *,
    actor,
    agreement: Agreement,
    signed_on: datetime.date,
    document=None,
    document_public: bool | None = None,
) -> Agreement:
    """Record that both parties signed, with the signed document: given here (it replaces
    one attached to the draft) or attached before. ``document_public`` decides who downloads
    it (``None`` keeps the agreement's choice)."""
    refuse_own_community(actor, agreement.community)
    require_move(agreement, Status.SIGNED, _("Only a draft agreement can be signed."))
    changed = []
    if document:
        agreement.document = document
        changed.append("document")
    if document_public is not None and document_public != agreement.document_public:
        agreement.document_public = document_public
        changed.append("document_public")
    if changed:
        agreement.version += 1
        agreement.save(update_fields=[*changed, "version", "updated_at"])
    if not agreement.document:
        raise ValidationError(
            _("Attach the signed document before recording the signature."), code="document"
        )
    move_to(agreement, Status.SIGNED, actor=actor, fields={"signed_on": signed_on})
    return agreement


@transaction.atomic
def end_agreement(
    *, actor, agreement: Agreement, reason: str, ended_on: datetime.date | None = None
) -> Agreement:
    """End a signed agreement before its term, saying why."""
    refuse_own_community(actor, agreement.community)
    require_move(agreement, Status.ENDED, _("Only a signed agreement can be ended early."))
    if not reason.strip():
        raise ValidationError(_("Say why the agreement ends early."), code="reason_required")
    move_to(
        agreement,
        Status.ENDED,
        actor=actor,
        reason=reason.strip(),
        fields={"ended_on": ended_on or timezone.localdate()},
    )
    return agreement


def expire_agreements(today: datetime.date | None = None) -> int:
    """Signed agreements whose term is over become expired (``manage.py expire_agreements``,
    and the reminder sweep's task); returns how many moved."""
    today = today or timezone.localdate()
    moved = 0
    for agreement in Agreement.objects.filter(status=Status.SIGNED, ends_on__lt=today):
        with transaction.atomic():
            try:
                move_to(
                    agreement, Status.EXPIRED, actor=None, fields={"ended_on": agreement.ends_on}
                )
            except ValidationError:  # moved by someone else meanwhile
                continue
            moved += 1
    return moved
