"""Every write that means something for a community. Permission checks stay in the views."""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality, Territory
from portal.outbox import notify
from portal.uploads import delete_file_on_commit

from . import outbox
from .activity_services import (  # noqa: F401 - the activity record's writes, re-exported
    record_event,
    record_joint_opinion,
    remove_activity,
    reopen_activity_year,
    update_activity,
)
from .completeness import missing_for_submission  # noqa: F401 - the review page's too
from .duties import refuse_own_community
from .key_change_services import (  # noqa: F401 - changes of key facts, re-exported
    accept_key_change,
    request_key_change,
    return_key_change,
    withdraw_key_change,
)
from .models import Community, Membership
from .roles import forget_community_roles

Status = Community.Status


# A declined request to join is not repeated for this long (issue 16: no spam of leaders).
DECLINED_REQUEST_WAIT = datetime.timedelta(days=30)

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
        outbox.REGISTRATION_SUBMITTED,
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


@transaction.atomic
def verify_community(
    *, actor, community: Community, note: str = "", register_checked: bool = False
) -> Community:
    """Verify a submitted registration; ``register_checked`` records that staff checked an
    association's register number and date of registration in the Register of Enterprises
    (kept with the history row, with the values they checked)."""
    refuse_own_community(actor, community)
    require_move(community, Status.VERIFIED, _("Only a submitted registration can be verified."))
    data = None
    if register_checked:
        registered_on = community.registered_on
        data = {
            "register_checked": True,
            "register_number": community.register_number,
            "registered_on": registered_on.isoformat() if registered_on else "",
        }
    change = move_to(
        community, Status.VERIFIED, actor=actor, reason=note, stamp="verified_at", data=data
    )
    _tell_leaders_the_result(community, change)
    return community


@transaction.atomic
def return_community(*, actor, community: Community, reason: str) -> Community:
    """Return a registration to its leaders with the reasons they must address."""
    refuse_own_community(actor, community)
    require_move(community, Status.RETURNED, _("Only a submitted registration can be returned."))
    if not reason.strip():
        raise ValidationError(
            _("Explain what the community has to correct."), code="reason_required"
        )
    change = move_to(community, Status.RETURNED, actor=actor, reason=reason.strip())
    _tell_leaders_the_result(community, change)
    return community


def _tell_leaders_the_result(community, change):
    notify(
        outbox.VERIFICATION_RESULT,
        occasion=change.pk,
        municipality=community.municipality,
        ids={"change": change.pk},
    )


@transaction.atomic
def activate_community(*, actor, community: Community, reason: str = "") -> Community:
    refuse_own_community(actor, community)
    require_move(
        community, Status.ACTIVE, _("Only a verified or inactive community can be marked active.")
    )
    move_to(community, Status.ACTIVE, actor=actor, reason=reason)
    return community


@transaction.atomic
def deactivate_community(*, actor, community: Community, reason: str) -> Community:
    refuse_own_community(actor, community)
    require_move(
        community, Status.INACTIVE, _("Only a verified or active community can be marked inactive.")
    )
    if not reason.strip():
        raise ValidationError(
            _("Say why the community is marked inactive."), code="reason_required"
        )
    move_to(community, Status.INACTIVE, actor=actor, reason=reason.strip())
    return community


def may_ask_again_on(user, community: Community) -> datetime.date | None:
    """The day from which ``user`` may ask to join again after the leaders declined, or None
    when nothing holds them back."""
    declined = (
        Membership.objects.filter(community=community, user=user, status=Membership.Status.DECLINED)
        .values_list("decided_at", flat=True)
        .first()
    )
    if declined is None:
        return None
    day = timezone.localdate(declined + DECLINED_REQUEST_WAIT)
    return day if day > timezone.localdate() else None


def declined_request_message(day: datetime.date) -> str:
    return _("The leaders declined your request to join. You can ask again from %(date)s.") % {
        "date": formats.date_format(day, "SHORT_DATE_FORMAT")
    }


@transaction.atomic
def request_membership(*, actor, community: Community, message: str = "") -> Membership:
    if community.status not in Community.WORKING_STATUSES:
        raise ValidationError(
            _("This community does not take new members now."), code="wrong_status"
        )
    day = may_ask_again_on(actor, community)
    if day is not None:
        raise ValidationError(declined_request_message(day), code="declined_recently")
    membership, created = Membership.objects.get_or_create(
        community=community, user=actor, defaults={"message": message}
    )
    if created:
        change = record_start(membership, actor=actor)
    else:
        require_move(
            membership,
            Membership.Status.PENDING,
            _("You are already a member or have already asked to join."),
            code="duplicate",
        )
        change = move_to(
            membership,
            Membership.Status.PENDING,
            actor=actor,
            fields={"message": message, "decided_by": None, "decided_at": None},
        )
    notify(
        outbox.MEMBERSHIP_REQUESTED,
        occasion=change.pk,
        municipality=community.municipality,
        ids={"membership": membership.pk},
    )
    return membership


@transaction.atomic
def decide_membership(*, actor, membership: Membership, accept: bool) -> Membership:
    to_status = Membership.Status.ACTIVE if accept else Membership.Status.DECLINED
    require_move(membership, to_status, _("This request has already been decided."), code="decided")
    change = move_to(
        membership,
        to_status,
        actor=actor,
        fields={"decided_by": actor, "decided_at": timezone.now()},
    )
    forget_community_roles(membership.user)
    notify(
        outbox.MEMBERSHIP_DECIDED,
        occasion=change.pk,
        municipality=membership.community.municipality,
        ids={"membership": membership.pk, "accepted": accept},
    )
    return membership


@transaction.atomic
def withdraw_membership_request(*, actor, membership: Membership) -> Membership:
    """The person who asked to join takes the request back before the leaders decide."""
    require_move(
        membership,
        Membership.Status.WITHDRAWN,
        _("This request has already been decided."),
        code="decided",
    )
    move_to(membership, Membership.Status.WITHDRAWN, actor=actor)
    forget_community_roles(membership.user)
    return membership


def _refuse_losing_the_last_leader(membership):
    if membership.role != Membership.Role.LEADER:
        return
    leaders = membership.community.memberships.active().filter(role=Membership.Role.LEADER)
    if leaders.count() <= 1:
        raise ValidationError(
            _("A community needs at least one leader. Name another leader first."),
            code="last_leader",
        )


@transaction.atomic
def leave_community(*, actor, membership: Membership) -> Membership:
    """A member leaves; the history keeps that they were a member."""
    require_move(
        membership,
        Membership.Status.LEFT,
        _("You are not a member of this community."),
        code="inactive",
    )
    _refuse_losing_the_last_leader(membership)
    move_to(membership, Membership.Status.LEFT, actor=actor)
    forget_community_roles(membership.user)
    return membership


@transaction.atomic
def remove_member(*, actor, membership: Membership, reason: str) -> Membership:
    """A leader ends someone's membership, saying why."""
    require_move(
        membership,
        Membership.Status.LEFT,
        _("Only an active member can be removed."),
        code="inactive",
    )
    if not reason.strip():
        raise ValidationError(_("Say why the member is removed."), code="reason_required")
    _refuse_losing_the_last_leader(membership)
    move_to(
        membership,
        Membership.Status.LEFT,
        actor=actor,
        reason=reason.strip(),
        event="member_removed",
    )
    forget_community_roles(membership.user)
    return membership


@transaction.atomic
def change_member_role(*, actor, membership: Membership, role: str) -> Membership:
    if not membership.is_active:
        raise ValidationError(_("Only an active member can be given a role."), code="inactive")
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose a role from the list."), code="role")
    if role != Membership.Role.LEADER:
        _refuse_losing_the_last_leader(membership)
    old_role = membership.role
    if old_role == role:
        return membership
    membership.role = role
    membership.save(update_fields=["role"])
    log_event(membership, "role_changed", actor=actor, data={"old": old_role, "new": role})
    forget_community_roles(membership.user)
    return membership
