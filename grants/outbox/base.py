"""What the grants' kinds of message share: the application and the people of its community,
the round's link, and the shape of every reminder (its kind and what it says)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from communities.models import Membership
from portal.links import municipality_url
from portal.outbox import Kind, register


def _application(pk):
    from ..models import Application

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
        "url": lambda: municipality_url(
            application.round.municipality, application.get_absolute_url()
        ),
    }


def round_url(round_):
    return municipality_url(round_.municipality, reverse("grants:round-detail", args=[round_.slug]))


def _round(pk):
    from ..models import Round

    return Round.objects.select_related("municipality").get(pk=pk)


def _reminder_context(**ids):
    """What every reminder says: which round or report, by when, and a link."""
    from django.utils import formats
    from django.utils.dateparse import parse_date

    from ..models import Report

    due = parse_date(ids["due"])
    context = {
        "due": formats.date_format(due, "SHORT_DATE_FORMAT"),
        "days": ids.get("days"),
        "asked": bool(ids.get("asked")),
    }
    if "report" in ids:
        report = Report.objects.select_related(
            "application__round__municipality", "application__community"
        ).get(pk=ids["report"])
        application = report.application
        context.update(
            report=report,
            application=application,
            round=application.round,
            url=lambda: municipality_url(
                application.round.municipality,
                reverse(
                    "grants:report",
                    args=[application.round.slug, application.pk, report.pk],
                ),
            ),
        )
    else:
        round_ = _round(ids["round"])
        context.update(round=round_, url=lambda: round_url(round_))
    return context


def _reminder_kind(code, label, audience, template):
    register(
        Kind(
            code=code,
            label=label,
            audience=audience,
            template=template,
            context=_reminder_context,
        )
    )


def _admins_of(community_ids):
    rows = Membership.objects.filter(
        community_id__in=community_ids,
        status=Membership.Status.ACTIVE,
        role__in=Membership.ADMIN_ROLES,
        user__is_active=True,
    ).select_related("user")
    people = {}
    for membership in rows:
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())
