"""The territory list's rows written in Python (front.shown) give the templates' markup."""

import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from front.shown import contact_person_html, label_territories, table_rows
from portal.models import ContactPerson, Territory
from tests.communities.factories import CommunityFactory
from tests.mfa import enable_totp
from tests.portal.factories import NeighbourhoodFactory, TerritoryFactory

TRICKY = 'Anna "Ā" <b>&amp; Liepa'

PERSONS = [
    None,
    ContactPerson(
        name=TRICKY,
        position=TRICKY,
        email="anna@example.lv",
        phone="+371 670 00 000",
        reception_hours=TRICKY,
    ),
    ContactPerson(name="Jānis", email="j@example.lv"),
    ContactPerson(name="Jānis", email="j@example.lv", phone="2000 0000"),
]

# The row of portal/_neighbourhood_table.html before it was written in Python, with its
# includes (portal/_community_count.html and portal/_contact_person.html) in place.
ROW = """{% load i18n %}{% for territory in rows %}
    <tr>
      <th scope="row"><a href="{{ territory.get_absolute_url }}">{{ territory.name }}</a>{% if territory.part_of %} <span class="meta">({{ territory.part_of.name }})</span>{% endif %}</th>
      <td data-label="{% translate 'Communities' %}">{% if territory.community_count %}<a href="{{ territory.get_absolute_url }}">{% blocktranslate count counter=territory.community_count %}{{ counter }} community{% plural %}{{ counter }} communities{% endblocktranslate %}<span class="visually-hidden"> — {{ territory.name }}</span></a>{% else %}<span class="tag">{% translate "no community yet" %}</span>{% endif %}</td>
      <td data-label="{% translate 'Municipal contact person' %}">{% include "portal/_contact_person.html" with person=territory.contact_person only %}{% if can_change %} <a href="{% url 'territory-contact' territory.slug %}">{% translate "Change the contact person" %}<span class="visually-hidden">: {{ territory.name }}</span></a>{% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501


def _squeezed(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("person", PERSONS)
@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_contact_person_is_written_as_the_template_writes_it(person, language):
    with translation.override(language):
        assert contact_person_html(person) == render_to_string(
            "portal/_contact_person.html", {"person": person}
        )


@pytest.mark.parametrize("can_change", [False, True])
@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_row_of_the_territory_list_is_written_as_the_template_wrote_it(can_change, language):
    parish = Territory(name=TRICKY, slug="pagasts")
    rows = []
    for number, person in enumerate(PERSONS * 2):
        territory = Territory(
            name=f"{TRICKY} {number}",
            slug=f"apkaime-{number}",
            community_count=[0, 1, 2, 5, 11, 21, 0, 1000][number],
            contact_person=person,
        )
        territory.part_of = parish if number % 2 else None
        rows.append(territory)
    with translation.override(language):
        expected = Template(ROW).render(Context({"rows": rows, "can_change": can_change}))
        labelled = label_territories(rows, contact_links=can_change)
        assert _squeezed(table_rows(labelled, can_change=can_change)) == _squeezed(expected)


@pytest.mark.django_db
def test_the_territory_list_shows_every_depth_in_one_query(
    client, municipality, staff, django_assert_max_num_queries
):
    root = municipality.root
    centre = NeighbourhoodFactory(parent=root, name="Centrs", slug="centrs")  # with parts
    old_town = NeighbourhoodFactory(parent=centre, name="Vecpilsēta", slug="vecpilseta")
    parish = TerritoryFactory(parent=root, name="Pagasts", slug="pagasts")
    village = TerritoryFactory(parent=parish, name="Ciems", slug="ciems")
    farm = NeighbourhoodFactory(parent=village, name="Mājas", slug="majas", contact_person=None)
    bare = NeighbourhoodFactory(parent=root, name="Tuvums", slug="tuvums")
    CommunityFactory.create_batch(2, neighbourhoods=[old_town])

    with django_assert_max_num_queries(3):
        html = client.get(reverse("territory-list")).content.decode()

    assert f'<h3 id="area-{centre.pk}"><a href="/lv/territories/centrs/">Centrs</a>' in html
    assert '<span class="meta">(apkaime)</span>' in html
    assert '<dt>Kopienas</dt>\n  <dd><a href="/lv/territories/centrs/">2 kopienas' in html
    assert centre.contact_person.email in html and old_town.contact_person.email in html
    assert '<a href="/lv/territories/majas/">Mājas</a> <span class="meta">(Ciems)</span>' in html
    assert '<span class="meta">vēl nav noteikta</span>' in html  # Mājas has no contact person
    assert '<a href="/lv/territories/tuvums/">Tuvums</a></th>' in html
    assert '<span class="tag">kopienas vēl nav</span>' in html
    assert "/contact/" not in html and farm.get_absolute_url() in html and bare.name in html

    enable_totp(staff)
    client.force_login(staff)
    html = client.get(reverse("territory-list")).content.decode()
    for territory in (centre, old_town, farm, bare):
        assert reverse("territory-contact", args=[territory.slug]) in html
    assert reverse("contact-list") in html
