"""The results protocol, made through the reports kit (portal/reports.py): staff ask for it on
the round's page over HTTP, the worker renders it, they download it; in Latvian, with the
municipality and totals; the same data reuses the file; nobody else asks for it or sees it,
and another municipality's protocol is not found on this host."""

import datetime
from decimal import Decimal

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from grants.models import Application, Round
from grants.reports import RESULTS_PROTOCOL, request_protocol
from grants.services.evaluation import (
    assign_evaluator,
    decide_application,
    declare_conflict,
    publish_results,
    score_application,
)
from portal import reports
from portal.models import Report
from tests.dates import in_latvian
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.pdf_checks import assert_first_page_not_blank, download, pdf_text
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.dates
def test_staff_ask_for_the_protocol_and_download_it(client, staff, municipality, tmp_path):
    round_ = RoundFactory(
        title="Ķekavas apkaimju iniciatīvas",
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    judge = UserFactory(full_name="Žanis Ērglis")
    assign_evaluator(actor=staff, round=round_, user=judge)
    application = ApplicationFactory(
        round=round_,
        title="Šūpoļu laukums",
        status=Application.Status.ELIGIBLE,
        requested_amount=Decimal("1234.56"),
    )
    other = ApplicationFactory(round=round_, title="Ūdens svētki", status="eligible")
    declare_conflict(actor=judge, application=other, has_conflict=True, note="Kaimiņš")
    declare_conflict(actor=judge, application=application, has_conflict=False)
    first, second = round_.criteria.all()
    score_application(
        actor=judge,
        application=application,
        scores={first.pk: (5, "Ļoti vajadzīgs"), second.pk: (4, "Iesaistīti ģimeņu bērni")},
    )
    decide_application(actor=staff, application=application, award=True)
    decide_application(actor=staff, application=other, award=False, reason="Nepietiek")
    publish_results(actor=staff, round=round_)
    client.force_login(staff)
    page = client.get(round_.get_absolute_url())
    assert reverse("grants:protocol-request", args=[round_.slug]) in page.content.decode()

    response = client.post(reverse("grants:protocol-request", args=[round_.slug]))
    report = Report.objects.get(kind=RESULTS_PROTOCOL)
    assert response.status_code == 302
    assert response["Location"] == reverse("report-detail", args=[report.pk])
    waiting = client.get(response["Location"])
    assert "data-hx-trigger" in waiting.content.decode()
    assert reports.render(report.pk) == Report.Status.READY  # the worker

    page = client.get(round_.get_absolute_url())  # the round's page links to it
    assert report.get_absolute_url() in page.content.decode()
    data = download(client, response["Location"])
    text = pdf_text(data).replace("\n", " ").replace("\xa0", " ")
    assert "Rezultātu protokols" in text
    assert municipality.name in text
    assert "Ļoti vajadzīgs" in text and "Žanis Ērglis" in text and "ģimeņu" in text
    assert "1 234,56 €" in text  # requested and awarded, as in Latvia
    assert "14,00" in text  # weighted total: 2 × 5 + 1 × 4
    assert "interešu konflikts" in text
    assert in_latvian(round_.deadline) in text  # the local date, dd.mm.gggg.
    assert_first_page_not_blank(data, tmp_path)

    again = client.post(reverse("grants:protocol-request", args=[round_.slug]))
    assert again["Location"] == response["Location"]  # unchanged data: the same report
    assert Report.objects.count() == 1


def test_no_protocol_while_the_round_is_open(client, staff):
    round_ = RoundFactory()
    client.force_login(staff)
    response = client.post(reverse("grants:protocol-request", args=[round_.slug]))
    assert response["Location"] == round_.get_absolute_url()
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["resident", "leader", "member", "evaluator", "council_member"])
def test_only_staff_ask_for_and_see_the_protocol(request, client, staff, who):
    round_ = RoundFactory(status=Round.Status.RESULTS)
    report = request_protocol(actor=staff, round=round_)
    reports.render(report.pk)
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("grants:protocol-request", args=[round_.slug])).status_code == 403
    assert Report.objects.count() == 1
    for name in ("report-detail", "report-download"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, staff):
    round_ = RoundFactory(status=Round.Status.RESULTS)
    report = request_protocol(actor=staff, round=round_)
    response = client.post(reverse("grants:protocol-request", args=[round_.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ("report-detail", "report-download"):
        response = client.get(reverse(name, args=[report.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_municipalitys_protocol_is_not_found_on_this_host(client, staff):
    other = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    round_ = RoundFactory(programme__municipality=other, status=Round.Status.RESULTS)
    other_staff = UserFactory(staff_of=other)
    client.force_login(other_staff)
    asked = client.post(
        reverse("grants:protocol-request", args=[round_.slug]), HTTP_HOST="beta.test"
    )
    pk = resolve(asked["Location"]).kwargs["pk"]
    reports.render(pk)
    for person in (staff, other_staff):
        client.force_login(person)
        for name in ("report-detail", "report-download"):
            assert client.get(reverse(name, args=[pk])).status_code == 404
    there = client.get(reverse("report-download", args=[pk]), HTTP_HOST="beta.test")
    assert there.status_code == 200
