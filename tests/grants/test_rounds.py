"""Staff create, edit and publish rounds; the public list and round page (items 1, 2)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.guidelines import guideline_warnings
from grants.models import Programme, Round
from tests.grants.factories import ProgrammeFactory, RoundFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def round_data(programme, **overrides):
    today = timezone.localdate()
    data = {
        "programme": programme.pk,
        "title": "Apkaimju iniciatīvas 2027",
        "description": "Atbalsts kopienu projektiem.",
        "budget": "20000",
        "announced_on": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=90)).isoformat() + "T17:00",
        "seminar_on": (today + datetime.timedelta(days=74)).isoformat(),
        "evaluation_deadline": (today + datetime.timedelta(days=110)).isoformat(),
        "decision_on": (today + datetime.timedelta(days=120)).isoformat(),
        "implementation_starts": (today + datetime.timedelta(days=130)).isoformat(),
        "implementation_ends": (today + datetime.timedelta(days=500)).isoformat(),
        "progress_report_due_on": (today + datetime.timedelta(days=320)).isoformat(),
        "final_report_due_on": (today + datetime.timedelta(days=530)).isoformat(),
        "eligible_applicants": "Reģistrētas kopienas",
        "priorities": "Apkaimes ārpus blīvi apdzīvotām vietām",
        "min_request": "",
        "max_request": "3000",
        "admin_cap_percent": "15",
        "in_kind_accepted": "on",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "Nozīme apkaimei",
        "criteria-0-weight": "2",
        "criteria-0-max_score": "5",
        "criteria-1-name": "Iedzīvotāju iesaiste",
        "criteria-1-weight": "1",
        "criteria-1-max_score": "10",
        "criteria-2-name": "",
        "criteria-2-weight": "1",
        "criteria-2-max_score": "5",
    }
    data.update(overrides)
    return data


def test_staff_create_a_round_with_criteria_and_publish_it(client, staff):
    programme = ProgrammeFactory()
    client.force_login(staff)
    response = client.post(reverse("grants:round-create"), round_data(programme))
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert round_.status == Round.Status.DRAFT
    assert round_.municipality == programme.municipality
    assert [(c.name, c.weight, c.max_score) for c in round_.criteria.all()] == [
        ("Nozīme apkaimei", 2, 5),
        ("Iedzīvotāju iesaiste", 1, 10),
    ]
    assert client.get(reverse("grants:round-list")).status_code == 200
    response = client.post(reverse("grants:round-move", args=[round_.slug, "publish"]))
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN
    assert round_.status_changes.filter(to_status="open", actor=staff).exists()
    client.logout()
    page = client.get(round_.get_absolute_url())
    assert page.status_code == 200
    assert "Nozīme apkaimei" in page.content.decode()


def test_the_form_warns_but_does_not_block_when_settings_depart_from_the_guidelines(client, staff):
    programme = ProgrammeFactory()
    client.force_login(staff)
    today = timezone.localdate()
    data = round_data(
        programme,
        deadline=(today + datetime.timedelta(days=30)).isoformat() + "T17:00",
        seminar_on="",
        implementation_ends=(today + datetime.timedelta(days=200)).isoformat(),
    )
    response = client.post(reverse("grants:round-create"), data, follow=True)
    assert Round.objects.count() == 1  # saved all the same
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 3  # short period, no seminar, implementation under a year
    assert "30" in str(warnings[0])


def test_guideline_warnings():
    today = datetime.date(2027, 1, 4)
    good = {
        "announced_on": today,
        "deadline": datetime.datetime(2027, 4, 5, 17, 0),
        "seminar_on": datetime.date(2027, 3, 20),
        "implementation_starts": datetime.date(2027, 5, 1),
        "implementation_ends": datetime.date(2028, 5, 1),
    }
    assert guideline_warnings(**good) == []
    assert len(guideline_warnings(**{**good, "deadline": datetime.datetime(2027, 2, 1)})) == 2
    assert len(guideline_warnings(**{**good, "seminar_on": datetime.date(2027, 4, 1)})) == 1
    assert len(guideline_warnings(**{**good, "seminar_on": None})) == 1
    assert (
        len(guideline_warnings(**{**good, "implementation_ends": datetime.date(2027, 12, 1)})) == 1
    )


def test_a_round_cannot_be_published_without_criteria(client, staff):
    round_ = RoundFactory(status=Round.Status.DRAFT, criteria=[])
    client.force_login(staff)
    client.post(reverse("grants:round-move", args=[round_.slug, "publish"]))
    round_.refresh_from_db()
    assert round_.status == Round.Status.DRAFT


def test_criteria_do_not_change_once_published(client, staff):
    round_ = RoundFactory()
    client.force_login(staff)
    data = round_data(round_.programme, title=round_.title, **{"criteria-0-weight": "5"})
    data["version"] = round_.version
    response = client.post(reverse("grants:round-edit", args=[round_.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert round_.criteria.first().weight == 2


def test_the_public_list_shows_published_rounds_only(client, resident):
    RoundFactory(title="Atvērtā kārta")
    draft = RoundFactory(title="Melnraksta kārta", status=Round.Status.DRAFT)
    text = client.get(reverse("grants:round-list")).content.decode()
    assert "Atvērtā kārta" in text and "Melnraksta kārta" not in text
    client.force_login(resident)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_another_municipality_s_round_is_not_found_here(client, staff):
    elsewhere = MunicipalityFactory()
    round_ = RoundFactory(programme=ProgrammeFactory(municipality=elsewhere))
    assert client.get(round_.get_absolute_url()).status_code == 404
    assert (
        client.get(round_.get_absolute_url(), HTTP_HOST=f"{elsewhere.slug}.test").status_code == 200
    )
    client.force_login(staff)
    response = client.post(reverse("grants:round-move", args=[round_.slug, "publish"]))
    assert response.status_code == 404


def test_participatory_budget_links_to_geolatvija(client):
    ProgrammeFactory(kind=Programme.Kind.PARTICIPATORY, name="Līdzdalības budžets 2027")
    text = client.get(reverse("grants:round-list")).content.decode()
    assert "geolatvija.lv" in text


def test_the_national_view_lists_open_rounds_of_every_municipality(client):
    elsewhere = MunicipalityFactory(name="Ķekavas novads")
    here = RoundFactory(title="Testa kārta")
    there = RoundFactory(title="Ķekavas kārta", programme=ProgrammeFactory(municipality=elsewhere))
    RoundFactory(title="Melnraksta kārta", status=Round.Status.DRAFT)
    text = client.get("/lv/", HTTP_HOST="localhost").content.decode()
    assert here.title in text and there.title in text
    assert "Melnraksta kārta" not in text
    assert f"{elsewhere.slug}.test" in text  # links to the municipality's host
