"""Changes of a verified community's key facts: the leaders request, staff accept or return.

Called by ``update_community`` (the profile form) and by the staff's review page.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move
from portal.outbox import notify
from portal.uploads import delete_file_on_commit

from ..duties import refuse_own_community
from ..models import CommunityChangeRequest
from ..models.key_changes import KEY_FIELDS
from ..outbox.key_changes import KEY_CHANGE_REQUESTED, KEY_CHANGE_RETURNED

Status = CommunityChangeRequest.Status


def _stored(value):
    """A key fact as the request's JSON keeps it (a date as its ISO text)."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _changed(community, values):
    """``[[field, verified value, proposed value], …]`` of the values that differ."""
    return [
        [name, _stored(getattr(community, name)), _stored(values[name])]
        for name in KEY_FIELDS
        if name in values and _stored(values[name]) != _stored(getattr(community, name))
    ]


@transaction.atomic
def request_key_change(
    *, actor, community, proposed: dict, document: File | None = None
) -> CommunityChangeRequest | None:
    """Turn the key facts the leaders changed into the community's one pending request.

    A pending request is updated by a new edit (a document sent earlier stays unless a new
    one replaces it); when the edit brings every key fact back to the verified values and no
    document waits, the pending request is withdrawn. Returns the pending request, if any.
    """
    changed = _changed(community, proposed)
    pending = (
        CommunityChangeRequest.objects.select_for_update()
        .filter(community=community)
        .pending()
        .first()
    )
    if not changed and document is None:
        if pending is not None and not pending.document:
            move_to(pending, Status.WITHDRAWN, actor=actor)
            return None
        if pending is None:
            return None
    data = {name: new for name, _old, new in changed}
    if pending is None:
        pending = CommunityChangeRequest(community=community, requested_by=actor, data=data)
        if document is not None:
            pending.document = document
        pending.save()
        start = record_start(pending, actor=actor)
        notify(
            KEY_CHANGE_REQUESTED,
            occasion=start.pk,
            municipality=community.municipality,
            ids={"community": community.pk},
        )
    else:
        pending.data, pending.requested_by = data, actor
        if document is not None:
            delete_file_on_commit(pending.document)  # replaced: it leaves the disk
            pending.document = document
        pending.save()
    log_event(
        community,
        "key_change_requested",
        actor=actor,
        data={"fields": changed, "document": bool(pending.document)},
    )
    return pending


@transaction.atomic
def withdraw_key_change(*, actor, change_request: CommunityChangeRequest) -> CommunityChangeRequest:
    """The leaders take a waiting change back; the community keeps its verified facts."""
    require_move(
        change_request, Status.WITHDRAWN, _("This change has already been decided."), code="decided"
    )
    delete_file_on_commit(change_request.document)  # never used: it leaves the disk
    move_to(change_request, Status.WITHDRAWN, actor=actor, fields={"document": ""})
    return change_request


def _lock(change_request, to_status, message, *, actor):
    community = (
        type(change_request.community)
        .objects.select_for_update()
        .get(pk=change_request.community_id)
    )
    refuse_own_community(actor, community)
    require_move(change_request, to_status, message, code="decided")
    return community


@transaction.atomic
def accept_key_change(*, actor, change_request: CommunityChangeRequest) -> CommunityChangeRequest:
    """Apply the requested key facts to the community, in one transaction with its history."""
    community = _lock(
        change_request, Status.ACCEPTED, _("This change has already been decided."), actor=actor
    )
    if not community.is_public:
        raise ValidationError(
            _("Only a verified community's key facts change this way."), code="wrong_status"
        )
    changed = _changed(community, change_request.data)
    update_fields = [name for name, _old, _new in changed]
    for name, _old, new in changed:
        setattr(community, name, type(community)._meta.get_field(name).to_python(new))
    with_document = bool(change_request.document)
    if with_document:
        # The file becomes the community's (the request lets go of it); the one it replaces
        # leaves the disk.
        if community.supporting_document.name != change_request.document.name:
            delete_file_on_commit(community.supporting_document)
        community.supporting_document = change_request.document.name
        update_fields.append("supporting_document")
    move_to(
        change_request,
        Status.ACCEPTED,
        actor=actor,
        fields={"decided_by": actor, "decided_at": timezone.now(), "document": ""},
    )
    if update_fields:
        community.save(update_fields=[*update_fields, "updated_at"])
    log_event(
        community,
        "key_change_accepted",
        actor=actor,
        data={"fields": changed, "document": with_document},
    )
    change_request.community = community
    return change_request


@transaction.atomic
def return_key_change(
    *, actor, change_request: CommunityChangeRequest, reason: str
) -> CommunityChangeRequest:
    """Refuse the requested key facts with the reason; the leaders are told by email."""
    community = _lock(
        change_request, Status.RETURNED, _("This change has already been decided."), actor=actor
    )
    if not reason.strip():
        raise ValidationError(_("Explain why the change is returned."), code="reason_required")
    reason = reason.strip()
    with_document = bool(change_request.document)
    delete_file_on_commit(change_request.document)  # never used: it leaves the disk
    change = move_to(
        change_request,
        Status.RETURNED,
        actor=actor,
        reason=reason,
        fields={
            "decided_by": actor,
            "decided_at": timezone.now(),
            "reason": reason,
            "document": "",
        },
    )
    log_event(
        community,
        "key_change_returned",
        actor=actor,
        reason=reason,
        data={
            "fields": _changed(community, change_request.data),
            "document": with_document,
        },
    )
    notify(
        KEY_CHANGE_RETURNED,
        occasion=change.pk,
        municipality=community.municipality,
        ids={"change": change.pk},
    )
    return change_request
