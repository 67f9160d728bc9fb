"""Role predicates shared by every app. Each is cheap: it reads fields of the user row
or a per-request cache, never one query per object of a list.

Staff are staff of a municipality: the object checked is the municipality itself (pages
that list, e.g. the verification queue, check against ``request.municipality``) or a row
that belongs to one (``municipality_id``).
"""

import rules

from .roles import is_staff_of


def can_move_to(status):
    """A predicate: the object's lifecycle table allows a move from its status to ``status``.

    Rules name states through this, so the table in the model stays the only place that
    says which moves exist.
    """

    @rules.predicate(name=f"can_move_to_{status}")
    def predicate(_user, obj):
        return obj is not None and obj.can_move_to(status)

    return predicate


@rules.predicate
def is_municipal_staff(user, obj=None):
    return is_staff_of(user, obj)


@rules.predicate
@rules.predicate
def is_administrator(user):
    return bool(user.is_authenticated and user.is_superuser)


rules.add_perm("portal.view_staff_area", is_municipal_staff)
rules.add_perm("portal.change_territory", is_municipal_staff)
rules.add_perm("portal.view_contact_list", is_municipal_staff)
rules.add_perm("portal.change_contact_person", is_municipal_staff)
rules.add_perm("portal.view_delivery_log", is_municipal_staff)
rules.add_perm("portal.resend_notification", is_municipal_staff)
# Security events: staff of the host's municipality; administrators see every municipality's.
rules.add_perm("portal.view_security_events", is_municipal_staff)
# The staff dashboard of the municipality (front/views/dashboard.py), also as a PDF.
rules.add_perm("portal.view_dashboard", is_municipal_staff)
