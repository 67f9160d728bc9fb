"""The kept community counts of territories (``Territory.community_count``) follow the tree:
counted again in the transaction that moves a territory (the admin, a plain ``save()``, a
re-run of ``load_territories``) or deletes one (issue 26, item 6)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from portal.models import Municipality, Territory
from tests.communities.factories import CommunityFactory
from tests.portal.factories import NeighbourhoodFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def kept(territory):
    return Territory.objects.get(pk=territory.pk).community_count


def shown(territory):
    """The count the territory's parent page shows for it."""
    page = Client().get(territory.parent.get_absolute_url())
    return {area.pk: area.community_count for area in page.context["subareas"]}[territory.pk]


@pytest.fixture
def tree(municipality):
    town = TerritoryFactory(parent=municipality.root, name="Pilsēta", slug="pilseta")
    parish = TerritoryFactory(
        parent=municipality.root, name="Pagasts", slug="pagasts", kind=Territory.Kind.PARISH
    )
    village = NeighbourhoodFactory(parent=parish, slug="ciems", kind=Territory.Kind.VILLAGE)
    CommunityFactory(neighbourhoods=[village])
    return {"town": town, "parish": parish, "village": village}


def test_a_territory_moved_in_the_admin_is_counted_where_it_went(
    client, admin_user, settings, tree
):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    village, town, parish = tree["village"], tree["town"], tree["parish"]
    assert (shown(town), shown(parish)) == (0, 1)
    client.force_login(admin_user)

    response = client.post(
        f"/lv/admin/portal/territory/{village.pk}/change/",
        {
            "municipality": village.municipality_id,
            "name": village.name,
            "slug": village.slug,
            "kind": village.kind,
            "parent": town.pk,
            "is_neighbourhood": "on",
            "contact_person": village.contact_person_id or "",
            "description": "",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (shown(town), shown(parish)) == (1, 0)


def test_a_move_is_counted_in_its_own_transaction(tree):
    village, town, parish = tree["village"], tree["town"], tree["parish"]
    with transaction.atomic():
        village.parent = town
        village.save()
        assert (kept(town), kept(parish)) == (1, 0)  # before the commit
    assert (shown(town), shown(parish)) == (1, 0)


def test_a_part_moved_with_everything_inside_it_counts_at_every_level(municipality, tree):
    """A parish moved under the town takes its village along: the town counts it, the parish
    keeps its own count."""
    parish, town = tree["parish"], tree["town"]
    parish.parent = town
    parish.save()
    assert (kept(town), kept(parish), kept(municipality.root)) == (1, 1, 1)


SAMPLE = """
- {slug: jauns-novads, name: "Jaunais novads", kind: novads}
- {slug: lauki, name: "Lauku pagasts", kind: pagasts, parent: jauns-novads}
- {slug: ciems, name: "Ciems", kind: ciems, parent: lauki}
"""

# The same file a year later: a town added, and the village moved into it.
WITH_A_TOWN = """
- {slug: jauns-novads, name: "Jaunais novads", kind: novads}
- {slug: pilseta, name: "Pilsēta", kind: pilseta, parent: jauns-novads}
- {slug: lauki, name: "Lauku pagasts", kind: pagasts, parent: jauns-novads}
- {slug: ciems, name: "Ciems", kind: ciems, parent: pilseta}
"""


def test_a_rerun_of_load_territories_counts_again(tmp_path):
    path = Path(tmp_path) / "jauns.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    call_command("load_territories", str(path), "--host", "jauns.test", stdout=StringIO())
    municipality = Municipality.objects.get(slug="jauns-novads")
    village = municipality.territories.get(slug="ciems")
    CommunityFactory(municipality=municipality, neighbourhoods=[village])
    parish = municipality.territories.get(slug="lauki")
    assert kept(parish) == 1

    path.write_text(WITH_A_TOWN, encoding="utf-8")
    call_command("load_territories", str(path), "--host", "jauns.test", stdout=StringIO())

    town = municipality.territories.get(slug="pilseta")
    assert (kept(town), kept(parish)) == (1, 0)
    page = Client(HTTP_HOST="jauns.test").get(municipality.root.get_absolute_url())
    assert {a.slug: a.community_count for a in page.context["subareas"]} == {
        "lauki": 0,
        "pilseta": 1,
    }


def test_a_territory_deleted_in_the_admin_is_no_longer_counted(client, admin_user, settings, tree):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    village, parish = tree["village"], tree["parish"]
    client.force_login(admin_user)

    response = client.post(f"/lv/admin/portal/territory/{village.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Territory.objects.filter(pk=village.pk).exists()
    assert kept(parish) == 0 and shown(parish) == 0


def test_a_deletion_is_counted_in_its_own_transaction(tree):
    village, parish = tree["village"], tree["parish"]
    with transaction.atomic():
        village.delete()
        assert kept(parish) == 0
