"""Writes about a meeting's papers: adding a batch of them and removing one.

Members of the council hear of the papers added to an announced meeting through the outbox:
one message per batch, keyed on the batch's history row.
"""

import os
import unicodedata

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import log_event
from portal.outbox import notify
from portal.validators import field_error

from .. import outbox
from ..models import AgendaItem, Meeting, MeetingPaper, Term
from .meetings import late_change_reason

TITLE_LENGTH = 200


def title_from_file_name(name: str) -> str:
    """A paper's title from the name the person gave its file: the stem, on one line, with
    no control characters; ``""`` when nothing is left."""
    stem = os.path.splitext(os.path.basename(name or ""))[0].replace("_", " ")
    kept = "".join(c if unicodedata.category(c)[0] not in "CZ" or c == " " else " " for c in stem)
    return " ".join(kept.split())[:TITLE_LENGTH]


def _titles(title: str, files) -> list[str]:
    title = " ".join((title or "").split())
    titles = []
    for number, (name, _upload) in enumerate(files, 1):
        own = title_from_file_name(name)
        if title and len(files) == 1:
            titles.append(title)
        elif title:
            titles.append(f"{title}: {own}" if own else f"{title} ({number})")
        else:
            titles.append(own or _("Paper %(number)s") % {"number": number})
    return [text[:TITLE_LENGTH] for text in titles]


def _members(meeting: Meeting, actor):
    day = timezone.localdate()
    sitting = Term.objects.sitting(day).filter(seat__council=meeting.council_id).values("member")
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=sitting)
        .exclude(pk=getattr(actor, "pk", None))
    )


@transaction.atomic
def add_papers(
    *,
    actor,
    meeting: Meeting,
    files,
    title: str = "",
    item: AgendaItem | None = None,
    public: bool = False,
    late_reason: str = "",
) -> list[MeetingPaper]:
    """Attach ``files`` (``(name the person gave it, file)`` pairs) to the meeting or to one
    of its items. Once the agenda is public, later than the council's notice, only with a
    reason, shown with each paper. The council's sitting members hear of the batch."""
    if meeting.status == Meeting.Status.MINUTED:
        raise ValidationError(
            _("The minutes are published; no papers are added any more."), code="minuted"
        )
    if not files:
        raise field_error("files", _("Choose at least one file."), "required")
    if item is not None and item.meeting_id != meeting.pk:
        raise field_error("item", _("Choose an item of this meeting's agenda."), "foreign")
    reason = late_change_reason(meeting, late_reason)
    now = timezone.now()
    papers = [
        MeetingPaper.objects.create(
            meeting=meeting,
            item=item,
            title=text,
            file=upload,
            public=public,
            added_by=actor,
            added_at=now,
            late_reason=reason,
        )
        for text, (_name, upload) in zip(_titles(title, files), files, strict=True)
    ]
    change = log_event(
        meeting,
        "papers_added",
        actor=actor,
        reason=reason,
        data={
            "titles": ", ".join(paper.title for paper in papers),
            "item": item.number if item else "",
            "public": public,
        },
    )
    if meeting.status == Meeting.Status.PUBLISHED:
        notify(
            outbox.PAPERS_ADDED,
            occasion=change.pk,
            municipality=meeting.council.municipality,
            ids={"meeting": meeting.pk, "papers": [paper.pk for paper in papers]},
            recipients=_members(meeting, actor),
        )
    return papers


@transaction.atomic
def remove_paper(*, actor, paper: MeetingPaper) -> Meeting:
    """Remove a paper: the row goes, its file leaves the storage on commit, and the meeting's
    history keeps who removed which paper when."""
    meeting = paper.meeting
    log_event(
        meeting,
        "paper_removed",
        actor=actor,
        data={"title": paper.title, "public": paper.public},
    )
    paper.delete()
    return meeting
