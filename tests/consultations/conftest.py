import pytest

from tests.consultations.factories import ConsultationFactory, SubmissionFactory


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """These tests are about consultations; tests/portal/test_security.py covers staff MFA."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def consultation_factory(db):
    return ConsultationFactory


@pytest.fixture
def submission_factory(db):
    return SubmissionFactory
