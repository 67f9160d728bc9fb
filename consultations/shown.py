"""What a list of consultations shows on each row, worked out once in Python.

A long list pays for every template node a row renders (``{% blocktranslate count %}``,
``get_*_display``, an include per row); these functions give each row its labels as plain
attributes, in the exact words the templates would have written.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext


def state_tag(consultation):
    """The tag's CSS classes and label: draft, completed, open, opens soon or closed."""
    if consultation.is_draft:
        return "tag", gettext("draft")
    if consultation.is_completed:
        return "tag status--verified", gettext("completed")
    if consultation.accepts_submissions:
        return "tag status--verified", gettext("open for submissions")
    if consultation.not_yet_open:
        return "tag", gettext("opens soon")
    return "tag status--returned", gettext("closed, being answered")


def label_rows(consultations):
    """Give every consultation of a list (with ``for_list()``'s counts and neighbourhoods)
    its link, kind, state, period, neighbourhoods and counts, ready to print."""
    for consultation in consultations:
        consultation.url = reverse(
            "consultations:consultation-detail", kwargs={"slug": consultation.slug}
        )
        kind = consultation.get_kind_display()
        consultation.kind_label = kind[:1].upper() + kind[1:]
        consultation.state_class, consultation.state_label = state_tag(consultation)
        consultation.period_label = gettext("Open %(opens)s–%(closes)s") % {
            "opens": date_format(consultation.opens_on, "SHORT_DATE_FORMAT"),
            "closes": date_format(consultation.closes_on, "SHORT_DATE_FORMAT"),
        }
        consultation.areas_label = ", ".join(
            area.name for area in consultation.neighbourhoods.all()
        )
        consultation.counts_label = ngettext(
            "%(counter)s submission, %(answered)s answered",
            "%(counter)s submissions, %(answered)s answered",
            consultation.submission_count,
        ) % {"counter": consultation.submission_count, "answered": consultation.answered_count}
        if consultation.is_published:
            consultation.feedback_url = reverse(
                "consultations:feedback", kwargs={"slug": consultation.slug}
            )
    return consultations
