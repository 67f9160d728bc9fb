"""What a list of territories shows on each row, worked out once per list in Python.

The territory list prints every neighbourhood of the municipality with its link, its number
of communities and its contact person; a row used to pay for two includes, two ``{% url %}``,
a ``{% blocktranslate count %}``, a ``{% has_perm %}`` and some twenty variables
(``docs/performance.md``). Here each row gets its labels, and each row of the table its
markup, in the exact words and markup the templates wrote (the same msgids; the contact
person as ``portal/_contact_person.html``, compared in ``tests/portal/test_territory_rows.py``).
"""

from html import escape
from types import SimpleNamespace

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from portal.models import Territory

SLUG = "--slug--"

# What a territory of a list reads: the tree, the kept count and the contact person.
TERRITORY_COLUMNS = (
    "municipality_id",
    "name",
    "slug",
    "kind",
    "parent_id",
    "path",
    "is_neighbourhood",
    "community_count",
)
PERSON_FIELDS = ("name", "position", "email", "phone", "reception_hours")
CONTACT_COLUMNS = tuple(f"contact_person__{name}" for name in PERSON_FIELDS)


class Row(SimpleNamespace):
    """A row of a list as plain attributes: for a list of the whole tree, building a model
    instance per territory (and per contact person) cost more than reading the rows."""


def territory_rows(territories):
    """The territories of a queryset as ``Row``s with ``pk``, ``TERRITORY_COLUMNS``,
    ``kind_label`` and ``contact_person`` (a ``Row`` of ``PERSON_FIELDS``, or None)."""
    names = ("pk", *TERRITORY_COLUMNS)
    kinds = dict(Territory.Kind.choices)
    rows = []
    for values in territories.values_list(*names, "contact_person_id", *CONTACT_COLUMNS):
        territory = Row(**dict(zip(names, values[: len(names)], strict=True)))
        territory.kind_label = kinds.get(territory.kind, territory.kind)
        person = values[len(names) + 1 :]
        territory.contact_person = (
            Row(**dict(zip(PERSON_FIELDS, person, strict=True)))
            if values[len(names)] is not None
            else None
        )
        rows.append(territory)
    return rows


def community_count_label(count):
    return ngettext("%(counter)s community", "%(counter)s communities", count) % {"counter": count}


def label_territories(territories, *, contact_links=False):
    """Give each territory its ``url`` and ``count_label`` (empty without communities);
    ``contact_links``: also ``contact_url``, where staff change the contact person."""
    territories = list(territories)
    if not territories:
        return territories
    detail = reverse("territory-detail", kwargs={"slug": SLUG})
    contact = reverse("territory-contact", kwargs={"slug": SLUG}) if contact_links else ""
    for territory in territories:
        territory.url = detail.replace(SLUG, territory.slug)
        count = territory.community_count
        territory.count_label = community_count_label(count) if count else ""
        if contact_links:
            territory.contact_url = contact.replace(SLUG, territory.slug)
    return territories


ROW = """
    <tr>
      <th scope="row"><a href="{url}">{name}</a>{part_of}</th>
      <td data-label="{communities}">{count}</td>
      <td data-label="{contact}">{person}{change}</td>
    </tr>"""


def table_rows(territories, *, can_change):
    """The rows of ``portal/_neighbourhood_table.html`` for labelled territories (with
    ``part_of``, the part of the area a neighbourhood lies in, where the table says it),
    as the row of that table was written in the template."""
    e = escape
    communities, contact = e(gettext("Communities")), e(gettext("Municipal contact person"))
    no_community = f'<span class="tag">{e(gettext("no community yet"))}</span>'
    change = e(gettext("Change the contact person"))
    rows = []
    for territory in territories:
        name, url = e(territory.name), e(territory.url)
        part_of = getattr(territory, "part_of", None)
        rows.append(
            ROW.format(
                url=url,
                name=name,
                part_of=f' <span class="meta">({e(part_of.name)})</span>' if part_of else "",
                communities=communities,
                count=(
                    f'<a href="{url}">{e(territory.count_label)}'
                    f'<span class="visually-hidden"> — {name}</span></a>'
                    if territory.count_label
                    else no_community
                ),
                contact=contact,
                person=contact_person_html(territory.contact_person),
                change=(
                    f' <a href="{e(territory.contact_url)}">{change}'
                    f'<span class="visually-hidden">: {name}</span></a>'
                    if can_change
                    else ""
                ),
            )
        )
    return mark_safe("".join(rows))


def contact_person_html(person):
    """What ``portal/_contact_person.html`` renders for ``person`` (or for nobody)."""
    if person is None:
        return mark_safe(f'<span class="meta">{escape(gettext("not appointed yet"))}</span>\n')
    e = escape
    position = f", {e(person.position)}" if person.position else ""
    phone = (
        f', <a href="tel:{e(person.phone.replace(" ", ""))}">{e(person.phone)}</a>'
        if person.phone
        else ""
    )
    hours = (
        f'<br><span class="meta">{e(person.reception_hours)}</span>'
        if person.reception_hours
        else ""
    )
    return mark_safe(
        f'<div class="contact-person">\n  <strong>{e(person.name)}</strong>{position}<br>\n'
        f'  <a href="mailto:{e(person.email)}">{e(person.email)}</a>{phone}\n'
        f"  {hours}\n</div>\n"
    )
