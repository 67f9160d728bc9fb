"""Emails about communities, sent by the worker in each recipient's language."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.notifications import absolute_url, send_templated_mail


@shared_task
def notify_registration_submitted(community_id):
    """Tell municipal staff that a registration waits for verification."""
    from .models import Community

    community = Community.objects.get(pk=community_id)
    staff = get_user_model().objects.filter(is_active=True, is_municipal_staff=True)
    for user in staff:
        send_templated_mail(
            user,
            "communities/emails/registration_submitted",
            {
                "community": community,
                "url": lambda: absolute_url(
                    reverse("communities:community-review", kwargs={"slug": community.slug})
                ),
            },
        )
    return len(staff)


@shared_task
def notify_verification_result(change_id):
    """Tell the community's leaders that it was verified or returned, and what to do next."""
    from .models import CommunityStatusChange, Membership

    change = CommunityStatusChange.objects.select_related("community").get(pk=change_id)
    community = change.community
    leaders = [
        m.user
        for m in community.memberships.active()
        .filter(role__in=Membership.ADMIN_ROLES)
        .select_related("user")
    ]
    for user in leaders:
        send_templated_mail(
            user,
            "communities/emails/verification_result",
            {
                "community": community,
                "change": change,
                "verified": change.to_status == "verified",
                "url": lambda: absolute_url(community.get_absolute_url()),
                "edit_url": lambda: absolute_url(
                    reverse("communities:community-edit", kwargs={"slug": community.slug})
                ),
            },
        )
    return len(leaders)


@shared_task
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
