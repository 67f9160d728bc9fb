"""The benchmark's scratch rows include the consultation pages' data (seed_bench)."""

import pytest
from django.test import Client

from bench.seed import scratch as bench
from consultations.models import Consultation, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.no_default_municipality]


def test_seed_bench_adds_consultations_and_clears_them_again(monkeypatch):
    monkeypatch.setattr(bench, "NEIGHBOURHOODS", 6, raising=False)
    monkeypatch.setattr(bench, "USER_POOL", 1_200)  # the pages' shapes, not their size
    bench.seed(communities=30, municipalities=2, log=lambda *_: None)
    feedback = Consultation.objects.get(slug="bench-feedback")
    assert feedback.submissions.count() == 1000
    client = Client(HTTP_HOST="bench-1.localhost")
    for path in (
        "/lv/consultations/",
        "/lv/consultations/bench-feedback/feedback/?page=10",
        "/lv/participation/",
    ):
        assert client.get(path).status_code == 200, path
    bench.seed(communities=40, municipalities=2, log=lambda *_: None)  # seeds afresh
    assert Submission.objects.count() == 1000
