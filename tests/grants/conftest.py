import pytest

from tests.grants.factories import ApplicationFactory, ProgrammeFactory, RoundFactory


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """Most grants tests are not about MFA; test_evaluators.py turns it back on."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def open_round(db):
    return RoundFactory()


@pytest.fixture
def application_factory(db):
    return ApplicationFactory


@pytest.fixture
def round_factory(db):
    return RoundFactory
