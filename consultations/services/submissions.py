"""A resident's opinion, or a community's joint opinion, on a consultation. Permission checks
stay in the views."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from communities.models import Community, Membership
from communities.roles import community_roles
from communities.services.activity import record_joint_opinion
from portal.history import record_start
from portal.validators import field_error

from ..models import Consultation, ConsultationDocument, Submission


def _refuse_closed(consultation):
    if consultation.accepts_submissions:
        return
    if consultation.not_yet_open or consultation.is_draft:
        message = _("This consultation does not accept submissions yet.")
    else:
        message = _("This consultation closed on %(date)s; submissions are no longer accepted.") % {
            "date": formats.date_format(consultation.closes_on, "SHORT_DATE_FORMAT")
        }
    raise ValidationError(message, code="closed")


@transaction.atomic
def submit_opinion(
    *,
    actor,
    consultation: Consultation,
    text: str,
    community: Community | None = None,
    document: ConsultationDocument | None = None,
    section: str = "",
    attachment=None,
    show_name: bool = False,
) -> Submission:
    """A resident's opinion, or (``community``) the joint opinion a leader submits for it."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _refuse_closed(consultation)
    if not (text or "").strip():
        raise field_error("text", _("Write your opinion."), "required")
    if community is not None:
        if community.municipality_id != consultation.municipality_id or (
            community_roles(actor).get(community.pk) != Membership.Role.LEADER
        ):
            raise ValidationError(
                _("Only a leader submits the community's joint opinion."), code="not_leader"
            )
        if community.status not in Community.WORKING_STATUSES:
            raise ValidationError(
                _("Only a verified community submits a joint opinion."), code="not_verified"
            )
    if document is not None and document.consultation_id != consultation.pk:
        raise field_error(
            "document", _("Choose a document of this consultation."), "wrong_document"
        )
    submission = Submission.objects.create(
        consultation=consultation,
        author=actor,
        community=community,
        text=text,
        document=document,
        section=section,
        attachment=attachment or "",
        show_name=bool(show_name) and community is None,
    )
    record_start(submission, actor=actor)
    if community is not None:  # it counts in the community's activity record
        record_joint_opinion(
            actor=actor,
            community=community,
            title=consultation.title[:200],
            sent_on=timezone.localdate(),
            addressee=consultation.municipality.name,
            summary=text,
        )
    return submission
