"""Reports made by the worker: ask, watch the progress, download; each made once per content.

An app declares a kind of report in ``<app>/reports.py`` (imported at start-up, like
``messages.py``)::

    register_report(
        ReportKind(
            code="community-annual-activity",
            label=_("Annual activity report"),
            template="communities/pdf/annual_report.html",  # gets {{ data }}, {{ report }}
            permission="communities.request_activity_report",  # checked on subject(report)
            subject=_community_of,  # (report) -> the object the permission is checked on
            filename=_filename,  # (data) -> the download's name, without .pdf
        )
    )

and its service asks for one with the data it shows (plain JSON, taken now)::

    report = request_report("community-annual-activity", actor=user,
                            municipality=community.municipality,
                            subject=f"community:{community.pk}:{year}", data=data)

then sends the person to ``report.get_absolute_url()`` — the kit's page shows the progress
(htmx polling; without JavaScript a refresh) and the download once it is ready (the kit's
protected download, the kind's permission checked on the server).

Made once: ``content_key`` is the hash of kind, language and data. The same data finds the same
row: a ready file is reused, a report being made is waited for, a failed one is tried again.
The worker claims a row with a conditional update, so two workers or a task queued twice
render it once; a worker killed mid-render leaves the row "rendering" and, after
``PORTAL_REPORT_LEASE_SECONDS``, beat's ``resume_reports`` queues it for another worker (which
claims it once). Files nobody asked for in ``PORTAL_REPORT_RETENTION_DAYS`` are removed by
beat's ``purge_reports``.
"""

import datetime
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .models import Report
from .notifications import enqueue_on_commit

logger = logging.getLogger(__name__)
Status = Report.Status


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: Any
    template: str
    permission: str
    subject: Callable[[Report], Any]
    filename: Callable[[dict], str]


_kinds: dict[str, ReportKind] = {}


def register_report(kind: ReportKind) -> ReportKind:
    if kind.code in _kinds and _kinds[kind.code] != kind:
        raise ValueError(f"The kind of report {kind.code!r} is declared twice.")
    _kinds[kind.code] = kind
    return kind


def get_report_kind(code: str) -> ReportKind:
    return _kinds[code]


def content_key(kind: str, language: str, data: dict) -> str:
    """The hash of what a report is made from: the same data gives the same key."""
    text = json.dumps([kind, language, data], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def report_url(report) -> str:
    return reverse("report-detail", args=[report.pk])


def _queue(report_id):
    enqueue_on_commit(render_report, report_id)


def request_report(kind, *, actor, municipality, subject, data, language="lv") -> Report:
    """The report of ``kind`` made from ``data``: the existing one, or a new one queued."""
    spec = get_report_kind(kind)
    key = content_key(spec.code, language, data)
    now = timezone.now()
    rows = Report.objects.filter(municipality=municipality, kind=spec.code, content_key=key)
    with transaction.atomic():
        report = rows.first()
        if report is None:
            try:
                with transaction.atomic():
                    report = Report.objects.create(
                        municipality=municipality,
                        kind=spec.code,
                        subject=subject,
                        content_key=key,
                        data=data,
                        language=language,
                        requested_by=actor,
                    )
            except IntegrityError:  # someone asked for the same at the same moment
                report = rows.get()
        rows.filter(pk=report.pk).update(last_requested_at=now)
        lost = report.status == Status.READY and not (
            report.file and default_storage.exists(report.file.name)
        )
        if report.status == Status.FAILED or lost:
            rows.filter(pk=report.pk, status=report.status).update(
                status=Status.PENDING, attempts=0, last_error="", file=""
            )
        report.refresh_from_db()
        if report.status == Status.PENDING:
            _queue(report.pk)
    return report


def claim(pk, worker="", now=None) -> datetime.datetime | None:
    """Take the report to render; the claim's time, or ``None`` if someone else has it."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.PORTAL_REPORT_LEASE_SECONDS)
    taken = (
        Report.objects.filter(pk=pk)
        .filter(Q(status=Status.PENDING) | Q(status=Status.RENDERING, claimed_at__lt=now - lease))
        .update(
            status=Status.RENDERING, claimed_at=now, claimed_by=worker, attempts=F("attempts") + 1
        )
    )
    return now if taken else None


def render(pk, worker="") -> str | None:
    """Render one report if it waits and nobody else has it; return its new status."""
    from .pdf import render_pdf

    claimed_at = claim(pk, worker)
    if claimed_at is None:
        return None
    report = Report.objects.select_related("municipality").get(pk=pk)
    mine = Report.objects.filter(pk=pk, status=Status.RENDERING, claimed_at=claimed_at)
    try:
        spec = get_report_kind(report.kind)
        context = {"data": report.data, "report": report, "municipality": report.municipality}
        pdf = render_pdf(spec.template, context, report.language)
    except Exception as exc:  # noqa: BLE001 - kept on the row, tried again a few times
        logger.exception("Could not render report %s (%s)", pk, report.kind)
        failed = report.attempts >= settings.PORTAL_REPORT_MAX_ATTEMPTS
        mine.update(
            status=Status.FAILED if failed else Status.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return Status.FAILED if failed else Status.PENDING
    name = f"reports/{report.kind}/{report.content_key}.pdf"
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(pdf))
    if not mine.update(status=Status.READY, file=saved, ready_at=timezone.now(), last_error=""):
        return None  # our lease ran out and another worker took it over meanwhile
    return Status.READY


def resume(now=None) -> int:
    """Queue the reports a dead worker left rendering, or whose task the broker lost."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.PORTAL_REPORT_LEASE_SECONDS)
    waiting = Report.objects.filter(
        Q(status=Status.RENDERING, claimed_at__lt=now - lease)
        | Q(status=Status.PENDING, last_requested_at__lt=now - datetime.timedelta(minutes=1))
    ).values_list("pk", flat=True)
    ids = list(waiting[:500])
    with transaction.atomic():
        for pk in ids:
            _queue(pk)
    return len(ids)


def purge(now=None) -> int:
    """Remove the reports nobody asked for in ``PORTAL_REPORT_RETENTION_DAYS``, files first."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.PORTAL_REPORT_RETENTION_DAYS)
    old = Report.objects.filter(last_requested_at__lt=limit).exclude(status=Status.RENDERING)
    removed = 0
    for report in old.iterator():
        if report.file:
            default_storage.delete(report.file.name)
        removed += Report.objects.filter(pk=report.pk, last_requested_at__lt=limit).delete()[0]
    return removed


# The worker's task, beside the work it does (its name is the one queued messages use).
@shared_task(name="portal.tasks.render_report", bind=True, ignore_result=True)
def render_report(self, report_id):
    """Render one report (queued when it is asked for); a no-op if someone else has it."""
    return render(report_id, worker=self.request.hostname or "")
