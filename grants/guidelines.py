"""The guidelines' good practice for a round, as warnings that never block staff.

"Pašvaldības finansiāls atbalsts kopienām": a submission period of about three months, an
application seminar two to three weeks before the deadline, and an implementation period of
at least a year. Staff may depart from them; the form and the round's page say so.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SHORT_SUBMISSION_DAYS = 60  # "much shorter than three months"
SEMINAR_DAYS_BEFORE = (14, 21)
MIN_IMPLEMENTATION_DAYS = 365


def guideline_warnings(
    *,
    announced_on: datetime.date | None,
    deadline: datetime.datetime | None,
    seminar_on: datetime.date | None,
    implementation_starts: datetime.date | None,
    implementation_ends: datetime.date | None,
    **_ignored,
) -> list[str]:
    warnings = []
    deadline_day = deadline.date() if isinstance(deadline, datetime.datetime) else deadline
    if announced_on and deadline_day:
        days = (deadline_day - announced_on).days
        if days < SHORT_SUBMISSION_DAYS:
            warnings.append(
                ngettext(
                    "The submission period is %(days)s day. The guidelines recommend about "
                    "three months, so that volunteers can prepare an application.",
                    "The submission period is %(days)s days. The guidelines recommend about "
                    "three months, so that volunteers can prepare an application.",
                    days,
                )
                % {"days": days}
            )
    if deadline_day:
        low, high = SEMINAR_DAYS_BEFORE
        if seminar_on is None:
            warnings.append(
                _(
                    "There is no application seminar. The guidelines recommend one 2–3 weeks "
                    "before the deadline."
                )
            )
        elif not low <= (deadline_day - seminar_on).days <= high:
            warnings.append(
                ngettext(
                    "The application seminar is %(days)s day before the deadline. The "
                    "guidelines recommend 2–3 weeks before it.",
                    "The application seminar is %(days)s days before the deadline. The "
                    "guidelines recommend 2–3 weeks before it.",
                    (deadline_day - seminar_on).days,
                )
                % {"days": (deadline_day - seminar_on).days}
            )
    if (
        implementation_starts
        and implementation_ends
        and (implementation_ends - implementation_starts).days < MIN_IMPLEMENTATION_DAYS
    ):
        warnings.append(
            _(
                "The implementation period is shorter than a year. The guidelines "
                "recommend at least one year."
            )
        )
    return warnings


def round_warnings(round_) -> list[str]:
    return guideline_warnings(
        announced_on=round_.announced_on,
        deadline=round_.deadline,
        seminar_on=round_.seminar_on,
        implementation_starts=round_.implementation_starts,
        implementation_ends=round_.implementation_ends,
    )
