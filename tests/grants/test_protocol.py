"""The results protocol: made by the worker, in Latvian, with the municipality and totals."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from grants import services
from grants.models import Application, Round
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_ask_for_the_protocol_and_download_it(
    client, staff, municipality, django_capture_on_commit_callbacks
):
    round_ = RoundFactory(
        title="Ķekavas apkaimju iniciatīvas",
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    judge = UserFactory(full_name="Žanis Ērglis")
    services.assign_evaluator(actor=staff, round=round_, user=judge)
    application = ApplicationFactory(
        round=round_,
        title="Šūpoļu laukums",
        status=Application.Status.ELIGIBLE,
        requested_amount=Decimal("1234.56"),
    )
    other = ApplicationFactory(round=round_, title="Ūdens svētki", status="eligible")
    services.declare_conflict(actor=judge, application=other, has_conflict=True, note="Kaimiņš")
    services.declare_conflict(actor=judge, application=application, has_conflict=False)
    first, second = round_.criteria.all()
    services.score_application(
        actor=judge,
        application=application,
        scores={first.pk: (5, "Ļoti vajadzīgs"), second.pk: (4, "Iesaistīti ģimeņu bērni")},
    )
    services.decide_application(actor=staff, application=application, award=True)
    services.decide_application(actor=staff, application=other, award=False, reason="Nepietiek")
    services.publish_results(actor=staff, round=round_)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("grants:protocol-request", args=[round_.slug]))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.protocol and not round_.protocol_in_progress
    download = client.get(reverse("grants:protocol", args=[round_.slug]))
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = text.replace("\xa0", " ")
    assert "Rezultātu protokols" in text
    assert municipality.name in text
    assert "Ļoti vajadzīgs" in text and "Žanis Ērglis" in text and "ģimeņu" in text
    assert "1 234,56 €" in text  # requested and awarded, as in Latvia
    assert "14,00" in text  # weighted total: 2 × 5 + 1 × 4
    assert "interešu konflikts" in text


def test_residents_do_not_get_the_protocol(client, resident):
    round_ = RoundFactory(status=Round.Status.RESULTS)
    client.force_login(resident)
    assert client.post(reverse("grants:protocol-request", args=[round_.slug])).status_code == 403
    assert client.get(reverse("grants:protocol", args=[round_.slug])).status_code == 403
