"""The rows of the staff dashboard's two long tables, written in Python like its charts
(``portal/charts.py``): a template node per cell was most of the page's rendering. The
markup is the one the template wrote; every text is escaped and every number localised as a
template does (``portal.charts.written``). The column labels come from the template (its
``{% translate %}``)."""

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..charts import written

register = template.Library()


@register.simple_tag
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


@register.simple_tag
def consultation_rows(rows, submissions, answered, rate, median, late):
    """``consultations.rows``, with the columns' labels (``data-label``) in their order."""
    submissions, answered, rate, median, late = (
        conditional_escape(label) for label in (submissions, answered, rate, median, late)
    )
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
