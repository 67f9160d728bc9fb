"""What a community shows in a list — its card (``cards_html``) and its
row of the verification queue — worked out once per list in Python: a list of cards is the
longest loop of the registry, the home page and a territory's page, and template nodes cost
per row (``docs/performance.md``). The texts are the templates' own (the same msgids), so
nothing changes for the reader."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from portal.dates import short_date
from portal.shapes import shape
from portal.text import Once

from .models import Community

SLUG = "--slug--"


def _labels(choices):
    """``get_<field>_display`` for a field of these choices, each label translated once."""
    labels = dict(choices)
    return Once(lambda value: str(labels.get(value, value)))


def url_of(name, key=SLUG):
    """``url(key)``: the address of URL ``name`` for a row's slug (or its number, with a
    ``key`` that is one), reversed once per list."""
    head, tail = reverse(name, args=[key]).rsplit(str(key), 1)
    return lambda value: f"{head}{value}{tail}"


def _places(neighbourhoods):
    """A shape reading the neighbourhoods' names of the rows with given keys, in order."""
    owner = neighbourhoods.field.m2m_field_name()  # "community_id" or "story_id"

    def names_of(keys):
        return (
            neighbourhoods.through.objects.filter(**{f"{owner}__in": keys})
            .order_by("territory__sort_name", "territory_id")
            .values_list(owner, "territory__name")
        )

    names_of.__qualname__ = f"names of {owner}"
    return shape(names_of)


_PLACES = {}  # a shape for each many-to-many relation to neighbourhoods, made once


def places_of(rows, neighbourhoods=Community.neighbourhoods):
    """``{pk: "Apkaime 00, Apkaime 01"}``: the names of the neighbourhoods each row (a
    community, or a story with ``Story.neighbourhoods``) covers, in their order; prefetched
    ones as they are, the others in one narrow query."""
    places, asked = {}, []
    for row in rows:
        prefetched = getattr(row, "_prefetched_objects_cache", {}).get("neighbourhoods")
        if prefetched is None:
            asked.append(row.pk)
        else:
            places[row.pk] = ", ".join(t.name for t in prefetched)
    if asked:
        names = {pk: [] for pk in asked}
        read = _PLACES.get(neighbourhoods) or _PLACES.setdefault(
            neighbourhoods, _places(neighbourhoods)
        )
        for pk, name in read(tuple(asked)):
            names[pk].append(name)
        places.update((pk, ", ".join(shown)) for pk, shown in names.items())
    return places


def for_cards(communities):
    """``communities`` as a list, each with ``card_url``, ``card_places``, ``card_status``,
    ``card_legal_form``, ``card_summary`` and ``card_members`` (empty when the list did not
    count the members)."""
    communities = list(communities)
    if not communities:
        return communities
    detail = url_of("communities:community-detail")
    places = places_of(communities)
    forms, statuses = _labels(Community.LegalForm.choices), _labels(Community.Status.choices)
    for community in communities:
        community.card_url = detail(community.slug)
        community.card_places = places[community.pk]
        community.card_status = statuses[community.status]
        community.card_legal_form = forms[community.legal_form]
        community.card_summary = Truncator(community.description).words(30, truncate=" …")
        count = getattr(community, "members_count", None)
        community.card_members = (
            ngettext("%(counter)s member", "%(counter)s members", count) % {"counter": count}
            if count is not None
            else ""
        )
    return communities


CARD = """<li class="card">
  <{heading}><a href="{url}">{name}</a></{heading}>
  <p class="meta">
    {places}
  </p>
  <p><span class="tag status--{status}">{status_label}</span>
     <span class="meta">· {legal_form}{members}</span></p>
  {summary}
</li>"""


def cards_html(communities, heading="h2"):
    """The cards (the markup the card template had) of communities
    labelled by ``for_cards``, every text escaped: written once per list, where an included
    template per card was most of the registry's, the home's and a territory's rendering."""
    e = escape  # plain strings only: html.escape, without Django's lazy wrapper
    heading = e(heading)
    return mark_safe(  # noqa: S308 - every text escaped
        "".join(
            CARD.format(
                heading=heading,
                url=e(community.card_url),
                name=e(community.name),
                places=e(community.card_places),
                status=e(community.status),
                status_label=e(community.card_status),
                legal_form=e(community.card_legal_form),
                members=f" · {e(community.card_members)}" if community.card_members else "",
                summary=f"<p>{e(community.card_summary)}</p>" if community.card_summary else "",
            )
            for community in communities
        )
    )


# What a row of the verification queue shows.
QUEUE_COLUMNS = ("name", "slug", "status", "legal_form", "created_at", "submitted_at")


def for_key_changes(changes):
    """The waiting changes of key facts (the queue's second list, a page of them), each with
    ``row_url`` (its review) and ``row_at`` (the day it was asked)."""
    review = url_of("communities:key-change-review")
    for change in changes:
        change.row_url = review(change.community.slug)
        change.row_at = short_date(change.at)
    return changes


QUEUE_ROW = """
  <tr>
    <th scope="row"><a href="{url}">{name}</a></th>
    <td data-label="{label_places}">{places}</td>
    <td data-label="{label_form}">{legal_form}</td>
    <td data-label="{label_submitted}">{submitted}</td>
    <td data-label="{label_status}"><span class="tag status--{status}">{status_label}</span></td>
  </tr>
  """


def queue_rows(communities):
    """The rows of the verification queue's table (``communities/_community_queue_content.html``)
    for a page of ``communities``: the review's address, the neighbourhoods, the legal form,
    the day submitted (or that it is a draft, since when) and the status, every text escaped.
    Written in Python once per list: as template nodes, a page of rows cost more than the
    rest of the page."""
    communities = list(communities)
    if not communities:
        return ""
    e = escape  # plain strings only: html.escape, without Django's lazy wrapper
    review = url_of("communities:community-review")
    places = places_of(communities)
    days = Once(short_date)
    forms, statuses = _labels(Community.LegalForm.choices), _labels(Community.Status.choices)
    labels = {
        "label_places": e(gettext("Neighbourhoods")),
        "label_form": e(gettext("Legal form")),
        "label_submitted": e(gettext("Submitted")),
        "label_status": e(gettext("Status")),
    }
    rows = []
    for community in communities:
        if community.is_draft:
            submitted = gettext("draft since %(date)s") % {"date": days[community.created_at]}
        else:
            submitted = days[community.submitted_at] or "—"
        rows.append(
            QUEUE_ROW.format(
                url=e(review(community.slug)),
                name=e(community.name),
                places=e(places[community.pk]),
                legal_form=e(forms[community.legal_form]),
                submitted=e(submitted),
                status=e(community.status),
                status_label=e(statuses[community.status]),
                **labels,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped
    review = url_of("communities:community-review")
    places = places_of(communities)
    days = Once(short_date)
    forms, statuses = _labels(Community.LegalForm.choices), _labels(Community.Status.choices)
    for community in communities:
        community.row_url = review(community.slug)
        community.row_places = places[community.pk]
        community.row_legal_form = forms[community.legal_form]
        community.row_status = statuses[community.status]
        if community.is_draft:
            community.row_submitted = gettext("draft since %(date)s") % {
                "date": days[community.created_at]
            }
        else:
            community.row_submitted = days[community.submitted_at] or "—"
    return communities
