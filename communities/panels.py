"""Sections that other apps add to a community's page, without communities importing them.

An app registers ``panel(community, user) -> dict | None`` in its ``AppConfig.ready``; the
dict names a ``template`` and holds that template's context, or the function returns
``None`` when it has nothing for this person. A panel costs the community's page no query it
can avoid: grants names the place of the annual subsidy standing, which htmx fills in as the
page loads, for the community's leaders and board and for staff (issue 14 item 7).
"""

PANELS = []


def register_panel(func):
    PANELS.append(func)
    return func


def panels_for(community, user):
    return [panel for func in PANELS if (panel := func(community, user))]
