import pytest

from tests.councils.factories import CouncilFactory, MeetingFactory


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """These tests are about councils; tests/portal/test_security.py covers staff MFA."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def council(db):
    return CouncilFactory(seats=5)


@pytest.fixture
def meeting(council):
    return MeetingFactory(council=council)
