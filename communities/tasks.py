"""Emails about communities, sent by the worker in each recipient's language.

The fan-out tasks pick the recipients; each email is its own task, so a failure is retried
for that one person without sending the others twice.
"""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.notifications import MAIL_RETRY, absolute_url, send_templated_mail


def _community_url(name, community):
    return lambda: absolute_url(reverse(f"communities:{name}", kwargs={"slug": community.slug}))


@shared_task
def notify_registration_submitted(community_id):
    """Tell municipal staff that a registration waits for verification."""
    staff = get_user_model().objects.filter(is_active=True, is_municipal_staff=True)
    user_ids = list(staff.values_list("pk", flat=True))
    for user_id in user_ids:
        send_registration_submitted.delay(user_id, community_id)
    return len(user_ids)


@shared_task(**MAIL_RETRY)
def send_registration_submitted(user_id, community_id):
    from .models import Community

    community = Community.objects.get(pk=community_id)
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/registration_submitted",
        {"community": community, "url": _community_url("community-review", community)},
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
    from .models import CommunityStatusChange

    change = CommunityStatusChange.objects.select_related("community").get(pk=change_id)
    community = change.community
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/verification_result",
        {
            "community": community,
            "change": change,
            "verified": change.to_status == "verified",
            "url": lambda: absolute_url(community.get_absolute_url()),
            "edit_url": _community_url("community-edit", community),
        },
    )


@shared_task(**MAIL_RETRY)
def notify_membership_decided(membership_id):
    from .models import Membership

    membership = Membership.objects.select_related("community", "user").get(pk=membership_id)
    send_templated_mail(
        membership.user,
        "communities/emails/membership_decided",
        {
            "membership": membership,
            "accepted": membership.status == Membership.Status.ACTIVE,
            "url": lambda: absolute_url(membership.community.get_absolute_url()),
        },
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

    membership = Membership.objects.select_related("community", "user").get(pk=membership_id)
    send_templated_mail(
        get_user_model().objects.get(pk=user_id),
        "communities/emails/membership_requested",
        {
            "membership": membership,
            "url": _community_url("member-list", membership.community),
        },
    )
