"""Emails about communities, sent by the worker in each recipient's language.

The fan-out tasks pick the recipients; each email is its own task, so a failure is retried
for that one person without sending the others twice.
"""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.notifications import MAIL_RETRY, absolute_url, send_templated_mail


def _community_url(name, community):
    def url():
        path = reverse(f"communities:{name}", kwargs={"slug": community.slug})
        return absolute_url(community.municipality, path)

    return url


def _page_url(community):
    return lambda: absolute_url(community.municipality, community.get_absolute_url())


@shared_task
def notify_registration_submitted(community_id):
    """Tell the staff of the community's municipality that a registration waits for them."""
    from .models import Community

    municipality_id = Community.objects.values_list("municipality_id", flat=True).get(
        pk=community_id
    )
    staff = get_user_model().objects.filter(
        is_active=True, staff_roles__municipality_id=municipality_id
    )
    user_ids = list(staff.values_list("pk", flat=True).distinct())
    for user_id in user_ids:
        send_registration_submitted.delay(user_id, community_id)
    return len(user_ids)


@shared_task(**MAIL_RETRY)
def send_registration_submitted(user_id, community_id):
    from .models import Community

    community = Community.objects.select_related("municipality").get(pk=community_id)
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/registration_submitted",
        {"community": community, "url": _community_url("community-review", community)},
        municipality=community.municipality,
    )


@shared_task
def notify_verification_result(change_id):
    """Tell the community's leaders that it was verified or returned, and what to do next."""
    from .models import CommunityStatusChange, Membership

    change = CommunityStatusChange.objects.select_related("community").get(pk=change_id)
    user_ids = list(
        change.community.memberships.active()
        .filter(role__in=Membership.ADMIN_ROLES)
        .values_list("user_id", flat=True)
    )
    for user_id in user_ids:
        send_verification_result.delay(user_id, change_id)
    return len(user_ids)


@shared_task(**MAIL_RETRY)
def send_verification_result(user_id, change_id):
    from .models import Community, CommunityStatusChange

    change = CommunityStatusChange.objects.select_related("community__municipality").get(
        pk=change_id
    )
    community = change.community
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/verification_result",
        {
            "community": community,
            "change": change,
            "verified": change.to_status == Community.Status.VERIFIED,
            "url": _page_url(community),
            "edit_url": _community_url("community-edit", community),
        },
        municipality=community.municipality,
    )


@shared_task(**MAIL_RETRY)
def notify_membership_decided(membership_id):
    from .models import Membership

    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership_id
    )
    send_templated_mail(
        membership.user,
        "communities/emails/membership_decided",
        {
            "membership": membership,
            "accepted": membership.status == Membership.Status.ACTIVE,
            "url": _page_url(membership.community),
        },
        municipality=membership.community.municipality,
    )


@shared_task
def notify_membership_requested(membership_id):
    """Tell the community's leaders that someone asks to join."""
    from .models import Membership

    membership = Membership.objects.get(pk=membership_id)
    user_ids = list(
        membership.community.memberships.active()
        .filter(role=Membership.Role.LEADER)
        .values_list("user_id", flat=True)
    )
    for user_id in user_ids:
        send_membership_requested.delay(user_id, membership_id)
    return len(user_ids)


@shared_task(**MAIL_RETRY)
def send_membership_requested(user_id, membership_id):
    from .models import Membership

    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership_id
    )
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/membership_requested",
        {
            "membership": membership,
            "url": _community_url("member-list", membership.community),
        },
        municipality=membership.community.municipality,
    )
