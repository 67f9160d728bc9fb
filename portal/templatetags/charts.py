from django import template

from ..charts import bar_chart as compute_bar_chart
from ..charts import draw

register = template.Library()


@register.simple_tag
def bar_chart(rows, label, values, text=None, legend=None):
    """``{% bar_chart rows label="name" values="answered,waiting" text="shown" %}``;
    ``legend``: the names of the stacked values, ``|``-separated, in their order."""
    keys = [key.strip() for key in values.split(",") if key.strip()]
    chart = compute_bar_chart(rows, label=label, values=keys, text=text)
    names = legend.split("|") if legend else []
    return draw(chart, list(zip(chart["series"], names, strict=False)) if len(keys) > 1 else [])
