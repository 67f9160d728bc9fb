"""The municipality's decisions on a registration: verify, return, activate, deactivate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.history import move_to, require_move
from portal.outbox import notify

from ..duties import refuse_own_community
from ..models import Community
from ..outbox.registration import VERIFICATION_RESULT

Status = Community.Status


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
        VERIFICATION_RESULT,
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
