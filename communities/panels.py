"""Sections that other apps add to a community's page, without communities importing them.

An app registers ``panel(community, user) -> dict | None`` in its ``AppConfig.ready``; the
dict names a ``template`` and holds that template's context, or the function returns
``None`` when it has nothing for this person (the page anonymous visitors see is cached, so
a panel for them must not depend on the person). Grants shows the annual subsidy standing
to the community's leaders and board and to staff (issue 14 item 7).
"""

PANELS = []


def register_panel(func):
    PANELS.append(func)
    return func


def panels_for(community, user):
    return [panel for func in PANELS if (panel := func(community, user))]
