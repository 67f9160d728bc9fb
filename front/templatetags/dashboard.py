"""The rows of the staff dashboard's two long tables, written in Python like its charts
(``portal/charts.py``): a template node per cell was most of the page's rendering. The
markup is the one the template wrote; every text is escaped and every number localised as a
template does (``portal.charts.written``). The column labels come from the template (its
``{% translate %}``)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from front.views.dashboard import SLUG
from portal.charts import bar_chart, draw, written

register = template.Library()


def neighbourhood_rows(rows):
    """``communities.rows``: each neighbourhood, its count linked to the registry filtered by
    it."""
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{escape(row["name"])}</th><td><a href="{escape(row["link"])}" '
            f'data-figure="communities-{escape(row["slug"])}">{written(row["count"])}</a></td></tr>'
            for row in rows
        )
    )


def consultation_rows(rows, submissions, answered, rate, median, late):
    """``consultations.rows``, with the columns' labels (``data-label``, escaped) in their
    order."""
    return mark_safe(
        "".join(
            f"""<tr>
      <th scope="row"><a href="{escape(row["link"])}">{escape(row["title"])}</a> <span class="meta">({escape(row["until"])})</span></th>
      <td data-label="{submissions}" data-figure="consultation-{slug}-total">{written(row["total"])}</td>
      <td data-label="{answered}" data-figure="consultation-{slug}-answered">{written(row["answered"])}</td>
      <td data-label="{rate}">{escape(row["rate_text"])}</td>
      <td data-label="{median}" data-figure="consultation-{slug}-median">{escape(row["median_text"])}</td>
      <td data-label="{late}" data-figure="consultation-{slug}-late">{written(row["late"])}</td>
    </tr>"""  # noqa: E501 - the markup's own lines
            for row in rows
            for slug in (escape(row["slug"]),)
        )
    )


def _(message):
    """``{% translate message %}``: translated and escaped (named ``_`` so that
    ``makemessages`` finds the messages)."""
    return escape(gettext(message))


def _chart(rows, label, values, text=None, legend=()):
    """``{% bar_chart rows label=… values=… %}`` (``portal.templatetags.charts``)."""
    chart = bar_chart(rows, label=label, values=values, text=text)
    return draw(chart, list(zip(chart["series"], legend, strict=False)) if legend else [])


def _communities(communities):
    total, rows, without = communities["total"], communities["rows"], communities["without"]
    parts = [
        '<section aria-labelledby="chart-communities" class="dashboard-chart">\n'
        f'  <h2 id="chart-communities">{_("Communities by neighbourhood")}</h2>\n'
        "  <p>"
        + ngettext(
            "%(counter)s community in the registry.",
            "%(counter)s communities in the registry.",
            total,
        )
        % {"counter": written(total)}
        + f'\n  <a href="{escape(reverse("communities:community-list"))}">'
        f"{_('Community registry')}</a></p>\n"
        f"  {_chart(rows, 'name', ['count'])}\n  "
    ]
    if rows:
        parts.append(
            '<table class="chart-table">\n'
            f"    <caption>{_('Communities by neighbourhood')}</caption>\n"
            f'    <thead><tr><th scope="col">{_("Neighbourhood")}</th>'
            f'<th scope="col">{_("Communities")}</th></tr></thead>\n'
            f"    <tbody>{neighbourhood_rows(rows)}</tbody>\n"
            "  </table>\n  "
        )
        more = communities["more"]
        if more:
            parts.append(
                "<p>"
                + ngettext(
                    "And %(counter)s more neighbourhood with communities:",
                    "And %(counter)s more neighbourhoods with communities:",
                    more,
                )
                % {"counter": written(more)}
                + f' <a href="{escape(reverse("territory-list"))}">{_("Neighbourhoods")}</a></p>'
            )
    parts.append(
        "\n  <h3>"
        + ngettext(
            "%(counter)s neighbourhood without any community",
            "%(counter)s neighbourhoods without any community",
            len(without),
        )
        % {"counter": written(len(without))}
        + "</h3>\n  "
    )
    if without:
        items = "".join(
            f'<li><a href="{escape(row["link"])}">{escape(row["name"])}</a></li>' for row in without
        )
        parts.append(f'<ul class="inline-list">{items}</ul>\n  ')
    else:
        parts.append(f"<p>{_('Every neighbourhood has a community.')}</p>")
    parts.append("\n</section>\n\n")
    return "".join(parts)


def _consultations(consultations):
    year, rows = consultations["year"], consultations["rows"]
    figures = {key: written(year[key]) for key in ("total", "answered", "late")}
    parts = [
        '<section aria-labelledby="chart-consultations" class="dashboard-chart">\n'
        f'  <h2 id="chart-consultations">{_("Consultations: answers to submissions")}</h2>\n'
        "  <p>"
        + gettext(
            "Consultations closed in the last 365 days: %(total)s submissions, "
            "%(answered)s answered, %(late)s answered late or overdue."
        )
        % figures
        + "\n  "
    ]
    if year["rate"] is not None:
        parts.append(gettext("Answer rate %(rate)s %%.") % {"rate": written(year["rate"])})
    parts.append("\n  ")
    if year["median_days"] is not None:
        parts.append(
            gettext("Median %(days)s working days to answer.")
            % {"days": written(year["median_days"])}
        )
    parts.append(
        f'\n  <a href="{escape(reverse("consultations:overdue"))}">'
        f"{_('Overdue answers')}</a></p>\n  "
    )
    if rows:
        labels = [
            _("Submissions"),
            _("Answered"),
            _("Answer rate"),
            _("Median working days to answer"),
            _("Answered late or overdue"),
        ]
        # The template's legend: the escaped labels joined and split, escaped again by draw.
        legend = [str(_("answered")), str(_("waiting for an answer"))]
        header = "".join(f'<th scope="col">{label}</th>' for label in labels)
        parts.append(
            f"\n  \n  {_chart(rows, 'title', ['answered', 'waiting'], legend=legend)}\n"
            '  <table class="chart-table stack-on-narrow">\n'
            f"    <caption>{_('The latest consultations')}</caption>\n"
            f'    <thead><tr><th scope="col">{_("Consultation")}</th>{header}</tr></thead>\n'
            f"    <tbody>{consultation_rows(rows, *labels)}</tbody>\n"
            "  </table>\n  "
        )
    else:
        parts.append(f"<p>{_('No consultation has been published yet.')}</p>")
    parts.append("\n</section>\n\n")
    return "".join(parts)


def _money_rows(rows):
    return "".join(
        f'<tr><th scope="row">{escape(row["name"])}</th><td>{written(row["count"])}</td>'
        f"<td>{escape(row['amount_text'])}</td></tr>"
        for row in rows
    )


def _grants(grants):
    count = grants["count"]
    parts = [
        '<section aria-labelledby="chart-grants" class="dashboard-chart">\n'
        f'  <h2 id="chart-grants">{_("Grants awarded")}</h2>\n'
        "  <p>"
        + ngettext(
            "In the rounds whose results are published: %(counter)s project awarded, "
            "%(amount)s in all.",
            "In the rounds whose results are published: %(counter)s projects awarded, "
            "%(amount)s in all.",
            count,
        )
        % {"counter": written(count), "amount": escape(grants["amount_text"])}
        + f'\n  <a href="{escape(reverse("grants:round-list"))}">{_("Grant rounds")}</a></p>\n  '
    ]
    programmes, neighbourhoods = grants["programmes"], grants["neighbourhoods"]
    if programmes:
        columns = (
            f'<th scope="col">{_("Projects")}</th><th scope="col">{_("Awarded")}</th></tr></thead>'
        )
        parts.append(
            f"\n  <h3>{_('By programme')}</h3>\n"
            f"  {_chart(programmes, 'name', ['amount'], text='amount_text')}\n"
            '  <table class="chart-table">\n'
            f"    <caption>{_('Grants awarded by programme')}</caption>\n"
            f'    <thead><tr><th scope="col">{_("Programme")}</th>{columns}\n'
            f"    <tbody>{_money_rows(programmes)}</tbody>\n"
            "  </table>\n"
            f"  <h3>{_('By neighbourhood')}</h3>\n"
            f"  <p>{_('A project serving several neighbourhoods counts in each of them.')}</p>\n  "
        )
        if neighbourhoods:
            parts.append(
                f"\n  {_chart(neighbourhoods, 'name', ['amount'], text='amount_text')}\n"
                '  <table class="chart-table">\n'
                f"    <caption>{_('Grants awarded by neighbourhood')}</caption>\n"
                f'    <thead><tr><th scope="col">{_("Neighbourhood")}</th>{columns}\n'
                f"    <tbody>{_money_rows(neighbourhoods)}</tbody>\n"
                "  </table>\n  "
            )
        else:
            parts.append(f"<p>{_('No awarded project names a neighbourhood.')}</p>")
        parts.append("\n  ")
    else:
        parts.append(f"<p>{_('No grant has been awarded yet.')}</p>")
    parts.append("\n</section>\n\n")
    return "".join(parts)


def _tiers(tiers):
    year = written(tiers["year"])
    parts = [
        '<section aria-labelledby="chart-tiers" class="dashboard-chart">\n'
        '  <h2 id="chart-tiers">'
        + gettext("Subsidy tiers met in %(year)s") % {"year": year}
        + "</h2>\n  "
    ]
    overview = reverse("grants:subsidy-overview", args=[SLUG])
    for programme in tiers["programmes"]:
        slug = escape(programme["slug"])
        rows = "".join(
            f'<tr><th scope="row">{escape(tier["name"])} ({escape(tier["amount_text"])})</th>'
            f'<td data-figure="tier-{slug}-{number}">{written(tier["met"])}</td></tr>'
            for number, tier in enumerate(programme["tiers"], 1)
        )
        link = escape(overview.replace(SLUG, programme["slug"]))
        parts.append(
            f'\n  <h3><a href="{link}?year={year}">{escape(programme["name"])}</a></h3>\n'
            f"  {_chart(programme['bars'], 'name', ['met'])}\n"
            '  <table class="chart-table">\n'
            "    <caption>"
            + gettext("Communities meeting each tier of “%(name)s”")
            % {"name": escape(programme["name"])}
            + "</caption>\n"
            f'    <thead><tr><th scope="col">{_("Tier")}</th>'
            f'<th scope="col">{_("Communities meeting it")}</th></tr></thead>\n'
            f"    <tbody>{rows}\n"
            f'      <tr><th scope="row">{_("No tier met")}</th>'
            f"<td>{written(programme['none'])}</td></tr></tbody>\n"
            "  </table>\n  "
        )
    if not tiers["programmes"]:
        parts.append(f"<p>{_('The municipality has no annual subsidy programme.')}</p>\n  ")
    parts.append("\n</section>\n\n")
    return "".join(parts)


def _problems(problems):
    total, buckets = problems["total"], problems["buckets"]
    queue = escape(reverse("problems:report-queue"))
    rows = "".join(
        f'<tr><th scope="row">{escape(bucket["label"])}</th><td><a href="{queue}?age='
        f'{escape(bucket["key"])}" data-figure="problems-{escape(bucket["key"])}">'
        f"{written(bucket['count'])}</a></td></tr>"
        for bucket in buckets
    )
    return (
        '<section aria-labelledby="chart-problems" class="dashboard-chart">\n'
        f'  <h2 id="chart-problems">{_("Problem reports waiting for an answer, by age")}</h2>\n'
        "  <p>"
        + ngettext(
            "%(counter)s report waits for an answer, %(overdue)s of them overdue.",
            "%(counter)s reports wait for an answer, %(overdue)s of them overdue.",
            total,
        )
        % {"counter": written(total), "overdue": written(problems["overdue"])}
        + f'\n  <a href="{queue}">{_("Reports to handle")}</a></p>\n'
        f"  {_chart(buckets, 'label', ['count'])}\n"
        '  <table class="chart-table">\n'
        "    <caption>"
        + _("Problem reports waiting for an answer, by days since they were reported")
        + "</caption>\n"
        f'    <thead><tr><th scope="col">{_("Reported")}</th>'
        f'<th scope="col">{_("Waiting reports")}</th></tr></thead>\n'
        f"    <tbody>{rows}</tbody>\n"
        "  </table>\n"
        "</section>\n"
    )


@register.simple_tag
def dashboard_content(data):
    """The dashboard's charts and tables (the page's and the PDF's), written in Python: a
    template node per text and cell was most of the page's rendering."""
    return mark_safe(
        '\n<p class="meta">'
        + gettext(
            "Figures of %(date)s. Each chart has a table beside it with the same figures; "
            "each figure links to the list it counts."
        )
        % {"date": escape(data["date"])}
        + "</p>\n\n"
        + _communities(data["communities"])
        + _consultations(data["consultations"])
        + _grants(data["grants"])
        + _tiers(data["tiers"])
        + _problems(data["problems"])
        + "\n"
    )


# The messages written inside f-strings above: xgettext does not read f-strings, so they are
# named here for makemessages (``gettext_noop`` translates nothing).
_IN_F_STRINGS = (
    gettext_noop("Communities by neighbourhood"),
    gettext_noop("Consultations: answers to submissions"),
    gettext_noop("The latest consultations"),
    gettext_noop("No consultation has been published yet."),
    gettext_noop("Grants awarded"),
    gettext_noop("By programme"),
    gettext_noop("Grants awarded by programme"),
    gettext_noop("Projects"),
    gettext_noop("A project serving several neighbourhoods counts in each of them."),
    gettext_noop("Grants awarded by neighbourhood"),
    gettext_noop("No awarded project names a neighbourhood."),
    gettext_noop("No grant has been awarded yet."),
    gettext_noop("Tier"),
    gettext_noop("Communities meeting it"),
    gettext_noop("The municipality has no annual subsidy programme."),
    gettext_noop("Problem reports waiting for an answer, by age"),
    gettext_noop("Waiting reports"),
)
