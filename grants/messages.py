"""Every kind of message about grants, and the deadlines grants know (reminders)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Membership
from portal.notifications import absolute_url
from portal.outbox import Kind, notify, register

APPLICATION_RECEIVED = "grant-application-received"
INVITED_TO_FULL_STAGE = "grant-invited-to-full-stage"
RESULTS_PUBLISHED = "grant-results-published"


def _application(pk):
    from .models import Application

    return Application.objects.select_related("round__municipality", "community").get(pk=pk)


def _community_admins(application):
    application = _application(application)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__community_id=application.community_id,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=Membership.ADMIN_ROLES,
        )
        .distinct()
    )


def _application_context(application):
    application = _application(application)
    return {
        "application": application,
        "round": application.round,
        "url": lambda: absolute_url(application.round.municipality, application.get_absolute_url()),
    }


register(
    Kind(
        code=APPLICATION_RECEIVED,
        label=_("Our grant application was submitted"),
        audience=_("leaders and board of the applying community"),
        template="grants/emails/application_received",
        recipients=_community_admins,
        context=_application_context,
    )
)
register(
    Kind(
        code=INVITED_TO_FULL_STAGE,
        label=_("Our idea is invited to the full stage of a grant round"),
        audience=_("leaders and board of the applying community"),
        template="grants/emails/invited",
        recipients=_community_admins,
        context=_application_context,
    )
)
register(
    Kind(
        code=RESULTS_PUBLISHED,
        label=_("The results of a grant round we applied to"),
        audience=_("leaders and board of the applying communities"),
        template="grants/emails/results",
        recipients=_community_admins,
        context=_application_context,
    )
)


def tell_application_received(application):
    notify(
        APPLICATION_RECEIVED,
        occasion=f"{application.pk}:{application.version}",
        municipality=application.round.municipality,
        ids={"application": application.pk},
    )


def tell_invited(application):
    notify(
        INVITED_TO_FULL_STAGE,
        occasion=application.pk,
        municipality=application.round.municipality,
        ids={"application": application.pk},
    )


def tell_results(round_, change):
    from .models import Application

    for application in round_.applications.filter(status__in=Application.DECIDED_STATUSES):
        notify(
            RESULTS_PUBLISHED,
            occasion=f"{change.pk}:{application.pk}",
            municipality=round_.municipality,
            ids={"application": application.pk},
        )


def round_url(round_):
    return absolute_url(round_.municipality, reverse("grants:round-detail", args=[round_.slug]))
