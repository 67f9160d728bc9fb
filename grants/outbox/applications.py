"""Messages about an application on its way: submitted, invited to the full stage, the results of
the round."""

from django.utils.translation import gettext_lazy as _

from portal.outbox import Kind, notify, register

from .base import _application_context, _community_admins

APPLICATION_RECEIVED = "grant-application-received"
INVITED_TO_FULL_STAGE = "grant-invited-to-full-stage"
RESULTS_PUBLISHED = "grant-results-published"


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
    from ..models import Application

    for application in round_.applications.filter(status__in=Application.DECIDED_STATUSES):
        notify(
            RESULTS_PUBLISHED,
            occasion=f"{change.pk}:{application.pk}",
            municipality=round_.municipality,
            ids={"application": application.pk},
        )
