"""A community's registration: its leaders create, edit, submit, withdraw or delete it.
Permission checks stay in the views."""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality, Territory
from portal.outbox import notify
from portal.uploads import delete_file_on_commit

from ..completeness import missing_for_submission
from ..models import Community, Membership
from ..outbox.registration import REGISTRATION_SUBMITTED
from ..roles import forget_community_roles
from .key_changes import request_key_change

Status = Community.Status


# Addresses under /communities/ that belong to pages, not to a community.
RESERVED_SLUGS = {"register", "mine", "verification"}


def _unique_slug(municipality, name):
    """A short name for addresses, unique within the municipality."""
    base = slugify(name, allow_unicode=False)[:200] or "kopiena"
    taken = Community.objects.of(municipality)
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class CommunityDetails(TypedDict, total=False):
    """What the leaders fill in about a community (the registration and profile form)."""

    name: str
    neighbourhoods: Iterable[Territory]
    description: str
    founding_motives: list[str]
    founding_motive_other: str
    legal_form: str
    register_number: str
    registered_on: datetime.date | None
    contact_name: str
    contact_email: str
    contact_phone: str
    declared_residents: int | None
    residents_evidence: str
    supporting_document: File | None


def _as_json(value):
    """A key fact as the history's JSON keeps it (a date as its ISO text)."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _new_file(upload):
    """An uploaded or generated file, or None when the field keeps its stored file."""
    if not upload or isinstance(upload, FieldFile):
        return None
    return upload


def _write_details(community, details, *, neighbourhoods, document):
    for name, value in details.items():
        if name not in CommunityDetails.__annotations__:
            raise TypeError(f"A community has no detail {name!r}.")
        setattr(community, name, value)
    if document is not None:
        if community.pk:
            delete_file_on_commit(community.supporting_document)  # replaced: it leaves the disk
        community.supporting_document = document
    if community.pk:
        community.version += 1
    community.save()
    if neighbourhoods is not None:
        community.neighbourhoods.set(neighbourhoods)


@transaction.atomic
def create_community(
    *, actor, municipality: Municipality, **details: Unpack[CommunityDetails]
) -> Community:
    """Save a new registration as a draft; the person registering it becomes its leader."""
    neighbourhoods = details.pop("neighbourhoods", None)
    document = _new_file(details.pop("supporting_document", None))
    community = Community(
        municipality=municipality,
        slug=_unique_slug(municipality, details.get("name", "")),
        created_by=actor,
        status=Status.DRAFT,
    )
    _write_details(community, details, neighbourhoods=neighbourhoods, document=document)
    record_start(community, actor=actor)
    membership = Membership.objects.create(
        community=community,
        user=actor,
        role=Membership.Role.LEADER,
        status=Membership.Status.ACTIVE,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    record_start(membership, actor=actor)
    forget_community_roles(actor)
    return community


@transaction.atomic
def update_community(
    *,
    actor,
    community: Community,
    expected_version: int | None = None,
    **details: Unpack[CommunityDetails],
) -> Community:
    """Save the profile. Before verification, changes of key facts go into the history;
    after it, they become one pending change request for staff (``request_key_change``)
    and the community keeps its verified values until staff accept it.

    ``expected_version``: the version the person's form was opened on; when someone saved
    or decided something since, nothing is written (a ``ValidationError`` coded ``stale``).
    """
    current = Community.objects.select_for_update().get(pk=community.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed this community since you opened the form. Their "
                "changes are shown now; check them, then save yours again."
            ),
            code="stale",
        )
    neighbourhoods = details.pop("neighbourhoods", None)
    document = _new_file(details.pop("supporting_document", None))
    if current.status in Community.PUBLIC_STATUSES:
        proposed = {name: details.pop(name) for name in Community.KEY_FIELDS if name in details}
        _write_details(current, details, neighbourhoods=neighbourhoods, document=None)
        request_key_change(actor=actor, community=current, proposed=proposed, document=document)
        return current
    before = {name: getattr(current, name) for name in Community.KEY_FIELDS}
    _write_details(current, details, neighbourhoods=neighbourhoods, document=document)
    changed = [
        [name, _as_json(before[name]), _as_json(getattr(current, name))]
        for name in Community.KEY_FIELDS
        if before[name] != getattr(current, name)
    ]
    if changed and not current.is_draft:
        log_event(current, "fields_changed", actor=actor, data={"fields": changed})
    return current


@transaction.atomic
def submit_community(*, actor, community: Community) -> Community:
    """Send a draft or a returned registration to the municipality for verification."""
    require_move(
        community,
        Status.SUBMITTED,
        _("Only a draft or a returned registration can be submitted."),
    )
    missing = missing_for_submission(community)
    if missing:
        raise ValidationError(
            _("Before submitting, fill in: %(fields)s.") % {"fields": ", ".join(missing)},
            code="incomplete",
        )
    change = move_to(community, Status.SUBMITTED, actor=actor, stamp="submitted_at")
    notify(
        REGISTRATION_SUBMITTED,
        occasion=change.pk,
        municipality=community.municipality,
        ids={"community": community.pk},
    )
    return community


@transaction.atomic
def withdraw_registration(*, actor, community: Community, reason: str = "") -> Community:
    """The leaders take a submitted registration back before staff decide: it is a draft
    again, which they may correct and submit, or delete."""
    require_move(
        community,
        Status.DRAFT,
        _("Only a registration waiting for verification can be withdrawn."),
    )
    move_to(
        community,
        Status.DRAFT,
        actor=actor,
        reason=reason.strip(),
        event="registration_withdrawn",
        fields={"submitted_at": None},
    )
    return community


@transaction.atomic
def delete_draft_registration(*, actor, community: Community) -> None:
    """Delete a draft registration with its history and memberships (after a confirmation).

    Only a draft, which nobody outside the community has decided on, is deleted for good;
    its supporting document is deleted once the transaction commits.
    """
    current = Community.objects.select_for_update().filter(pk=community.pk).first()
    if current is None or current.status != Status.DRAFT:
        raise ValidationError(_("Only a draft registration can be deleted."), code="wrong_status")
    document = current.supporting_document
    current_requests = list(current.change_requests.exclude(document=""))
    people = list(get_user_model().objects.filter(memberships__community=current))
    current.delete()
    for person in people:
        forget_community_roles(person)
    delete_file_on_commit(document)
    for change_request in current_requests:
        delete_file_on_commit(change_request.document)


@transaction.atomic
def remove_supporting_document(*, actor, community: Community) -> Community:
    """A leader removes the community's supporting document (after a confirmation): the
    file leaves the disk once this commits; the history and the security log keep that it
    was removed, and by whom."""
    current = Community.objects.select_for_update().get(pk=community.pk)
    if not current.supporting_document:
        raise ValidationError(_("The community has no supporting document."), code="no_document")
    delete_file_on_commit(current.supporting_document)
    current.supporting_document = ""
    current.version += 1  # a form opened before shows the document no more
    current.save(update_fields=["supporting_document", "version", "updated_at"])
    log_event(current, "document_removed", actor=actor)
    return current
