import pytest

from tests.practice.factories import StoryFactory


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """These tests are about good practice; tests/portal/test_security.py covers staff MFA."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def story_factory(db):
    return StoryFactory
