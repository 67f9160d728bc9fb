"""The registration emails go through a real Celery worker on Redis and PostgreSQL."""

import pytest

from communities import services
from communities.models import Community
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory
from tests.worker_harness import celery_worker_process  # noqa: F401 - fixture

pytestmark = pytest.mark.worker


def test_a_real_worker_tells_staff_about_a_registration_in_their_language(
    celery_worker_process,  # noqa: F811
):
    staff_lv = UserFactory(is_municipal_staff=True, language="lv")
    staff_en = UserFactory(is_municipal_staff=True, language="en")
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)

    services.submit_community(actor=leader, community=community)

    mail = celery_worker_process.wait_for_mail(2)
    assert staff_lv.email in mail and staff_en.email in mail
    assert f"/lv/communities/{community.slug}/review/" in mail
    assert f"/en/communities/{community.slug}/review/" in mail


def test_a_real_worker_tells_the_leader_the_registration_was_returned(
    celery_worker_process,  # noqa: F811
):
    staff = UserFactory(is_municipal_staff=True)
    leader = UserFactory(language="en")
    community = CommunityFactory(status=Community.Status.SUBMITTED, leader=leader)

    services.return_community(actor=staff, community=community, reason="Add the member list.")

    mail = celery_worker_process.wait_for_mail(1)
    assert leader.email in mail
    assert "Add the member list." in mail
    assert f"/en/communities/{community.slug}/edit/" in mail
