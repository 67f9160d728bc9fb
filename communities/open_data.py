"""Open data: the public registry of communities, the agreements and the stories as CSV and
JSON, per municipality (its host) or for the whole installation (the national host).

Every export is streamed: rows are read with ``.iterator()`` in chunks and written out one
by one, so an export of any size holds one chunk in memory. Each dataset names exactly the
fields it exports; nothing personal beyond what the public pages show (no contact persons,
no members, no questions).
"""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.dates import short_date, short_datetime
from portal.links import municipality_url
from portal.spreadsheets import csv_writer

from .models import Agreement, Community, Story

CHUNK = 500


def _names(rows):
    return "; ".join(row.name for row in rows.all())


def _url(row, name, **kwargs):
    path = reverse(name, kwargs=kwargs, urlconf=settings.ROOT_URLCONF)
    return municipality_url(row.municipality, path)


@dataclass(frozen=True)
class Dataset:
    slug: str
    label: object
    fields: tuple[str, ...]

    def rows(self, municipality):
        """``dict`` per public row, in a stable order, read in chunks."""
        raise NotImplementedError


class CommunityDataset(Dataset):
    def rows(self, municipality):
        rows = (
            Community.objects.public()
            .select_related("municipality")
            .prefetch_related(Prefetch("neighbourhoods"), "municipality__hosts")
        )
        if municipality is not None:
            rows = rows.of(municipality)
        for row in rows.order_by("municipality_id", "pk").iterator(chunk_size=CHUNK):
            yield {
                "id": row.pk,
                "municipality": row.municipality.name,
                "name": row.name,
                "url": _url(row, "communities:community-detail", slug=row.slug),
                "neighbourhoods": _names(row.neighbourhoods),
                "legal_form": row.legal_form,
                "register_number": row.register_number,
                "status": row.status,
                "declared_residents": row.declared_residents,
                "verified_on": row.verified_at.date() if row.verified_at else None,
                "description": row.description,
            }


class AgreementDataset(Dataset):
    def rows(self, municipality):
        rows = Agreement.objects.public().select_related("community", "municipality")
        rows = rows.prefetch_related("municipality__hosts")
        if municipality is not None:
            rows = rows.of(municipality)
        for row in rows.order_by("municipality_id", "pk").iterator(chunk_size=CHUNK):
            document = ""
            if row.document and row.document_public:
                document = _url(row, "practice:agreement-document", pk=row.pk)
            yield {
                "id": row.pk,
                "municipality": row.municipality.name,
                "community": row.community.name,
                "community_id": row.community_id,
                "kind": row.kind,
                "title": row.title,
                "url": _url(row, "practice:agreement-detail", pk=row.pk),
                "purpose": row.purpose,
                "municipality_duties": row.municipality_duties,
                "community_duties": row.community_duties,
                "starts_on": row.starts_on,
                "ends_on": row.ends_on,
                "signed_on": row.signed_on,
                "ended_on": row.ended_on,
                "status": row.status,
                "funding": row.funding,
                "amount": row.amount,
                "document": document,
            }


class StoryDataset(Dataset):
    def rows(self, municipality):
        rows = Story.objects.published().select_related("community", "municipality")
        rows = rows.prefetch_related("neighbourhoods", "municipality__hosts")
        if municipality is not None:
            rows = rows.of(municipality)
        for row in rows.order_by("municipality_id", "pk").iterator(chunk_size=CHUNK):
            yield {
                "id": row.pk,
                "municipality": row.municipality.name,
                "community": row.community.name,
                "community_id": row.community_id,
                "title": row.title,
                "url": _url(row, "practice:story-detail", pk=row.pk),
                "topic": row.topic,
                "participation_forms": "; ".join(row.participation_forms),
                "neighbourhoods": _names(row.neighbourhoods),
                "problem": row.problem,
                "actions": row.actions,
                "partners": row.partners,
                "costs": row.costs,
                "funding": row.funding,
                "results": row.results,
                "lessons": row.lessons,
                "published_on": row.published_at.date() if row.published_at else None,
            }


DATASETS = {
    dataset.slug: dataset
    for dataset in (
        CommunityDataset(
            "communities",
            _("The public registry of communities"),
            (
                "id",
                "municipality",
                "name",
                "url",
                "neighbourhoods",
                "legal_form",
                "register_number",
                "status",
                "declared_residents",
                "verified_on",
                "description",
            ),
        ),
        AgreementDataset(
            "agreements",
            _("Agreements with communities"),
            (
                "id",
                "municipality",
                "community",
                "community_id",
                "kind",
                "title",
                "url",
                "purpose",
                "municipality_duties",
                "community_duties",
                "starts_on",
                "ends_on",
                "signed_on",
                "ended_on",
                "status",
                "funding",
                "amount",
                "document",
            ),
        ),
        StoryDataset(
            "stories",
            _("Good-practice stories"),
            (
                "id",
                "municipality",
                "community",
                "community_id",
                "title",
                "url",
                "topic",
                "participation_forms",
                "neighbourhoods",
                "problem",
                "actions",
                "partners",
                "costs",
                "funding",
                "results",
                "lessons",
                "published_on",
            ),
        ),
    )
}


def _plain(value):
    if value is None:
        return None
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Line:
    """A file-like object ``csv.writer`` writes one line into, returned at once."""

    def write(self, value):
        return value


def _for_people(value, language):
    """A CSV cell: dates as the download's language writes them (07.12.2026. in Latvian)."""
    if isinstance(value, datetime.datetime):
        return short_datetime(value, lang=language)
    if isinstance(value, datetime.date):
        return short_date(value, lang=language)
    if isinstance(value, Decimal):
        return value  # a number stays a number (csv_writer neutralises only text)
    return _plain(value)


def stream_csv(dataset, municipality):
    """CSV is opened by people in spreadsheets: dates in the format of the page's language,
    and no text a spreadsheet would run as a formula (``portal.spreadsheets``). JSON, read
    by programs, keeps ISO 8601 (``_plain``) and every text as it is."""
    return _csv_lines(dataset, municipality, translation.get_language())


def _csv_lines(dataset, municipality, language):
    writer = csv_writer(_Line())
    yield "\ufeff"  # spreadsheet programs then read the Latvian letters as UTF-8
    yield writer.writerow(dataset.fields)
    for row in dataset.rows(municipality):
        yield writer.writerow(
            ["" if row[f] is None else _for_people(row[f], language) for f in dataset.fields]
        )


def metadata(dataset, municipality, generated):
    return {
        "dataset": dataset.slug,
        "title": str(dataset.label),
        "municipality": municipality.name if municipality is not None else None,
        "licence": settings.PORTAL_OPEN_DATA_LICENCE,
        "licence_url": settings.PORTAL_OPEN_DATA_LICENCE_URL,
        "generated": generated.isoformat(),
        "fields": list(dataset.fields),
    }


def stream_json(dataset, municipality, generated=None):
    head = metadata(dataset, municipality, generated or timezone.now())
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    first = True
    for row in dataset.rows(municipality):
        item = {field: _plain(row[field]) for field in dataset.fields}
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}"
