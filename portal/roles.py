"""A person's roles, loaded from rows once per request and kept on the user object.

``per_request(user, kind, loader)`` is the one cache every kind of role goes through:
municipal staff here, community memberships in ``communities.roles``, the evaluators' round
assignments in ``grants.roles``. A request builds a fresh user object, so what is kept lives
exactly as long as the request; a service that changes a person's rows calls
``forget(user, kind)`` so the same request sees the change.

Whether a person has any rows of a kind at all is read with the person on every request
(``flag_kind``: an ``EXISTS`` on the signed-in user's own query, ``portal.auth_backends``):
the MFA middleware asks on every page whether someone acts for a municipality, and for the
many people who are neither staff nor evaluators that costs no query of its own.
"""

from .shapes import shape

_PREFIX = "_portal_roles_"
_FLAG = "_portal_has_"

# kind -> (user pk expression) -> queryset whose existence says "has rows of this kind"
_flagged_kinds = {}


def flag_kind(kind, rows):
    """Read whether a person has rows of ``kind`` with the signed-in person's own query:
    ``rows(outer_pk)`` is a queryset of those rows for the person ``outer_pk``."""
    _flagged_kinds[kind] = rows


def with_role_flags(users):
    """``users`` with an ``EXISTS`` of every flagged kind (``flag_kind``)."""
    from django.db.models import Exists, OuterRef

    return users.annotate(
        **{_FLAG + kind: Exists(rows(OuterRef("pk"))) for kind, rows in _flagged_kinds.items()}
    )


def per_request(user, kind, loader, empty=frozenset()):
    """Return ``loader(user)``, computed once per user object; ``empty`` for anonymous people
    and for people whose own query said they have no rows of this kind."""
    if not user.is_authenticated or getattr(user, _FLAG + kind, None) is False:
        return empty
    attribute = _PREFIX + kind
    try:
        return getattr(user, attribute)
    except AttributeError:
        value = loader(user)
        setattr(user, attribute, value)
        return value


def forget(user, kind):
    """Drop what ``per_request`` kept of this kind and what the person's own query said of
    it, so the next call loads the rows again."""
    for attribute in (_PREFIX + kind, _FLAG + kind):
        if hasattr(user, attribute):  # delattr, not __dict__: request.user is a lazy proxy
            delattr(user, attribute)


@shape
def _staff_municipality_ids_of(user_id):
    from .models import MunicipalStaff

    # No order: the model's (by municipality, then person) joins both tables for nothing.
    rows = MunicipalStaff.objects.filter(user=user_id).order_by()
    return rows.values_list("municipality_id", flat=True)


def _load_staff_municipality_ids(user):
    return frozenset(_staff_municipality_ids_of(user.pk))


def _staff_rows(user_pk):
    from .models import MunicipalStaff

    return MunicipalStaff.objects.filter(user=user_pk)


flag_kind("staff", _staff_rows)


def staff_municipality_ids(user):
    """The ids of the municipalities whose staff the user is (one query a request, none
    for a person whose own query said they are nobody's staff)."""
    return per_request(user, "staff", _load_staff_municipality_ids)


def forget_staff_roles(user):
    forget(user, "staff")


# Other roles that act for a municipality, registered by the apps that keep their rows
# (grants: evaluators assigned to a round). Each is ``(user) -> bool``, read per request.
_acting_roles = []


def register_acting_role(check):
    """Add a role whose holders act for a municipality (and so must use MFA)."""
    if check not in _acting_roles:
        _acting_roles.append(check)
    return check


def acts_for_a_municipality(user):
    """Administrators, staff and the roles apps register (evaluators assigned to a round):
    they must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or staff_municipality_ids(user):
        return True
    return any(check(user) for check in _acting_roles)


def needs_mfa(user):
    """Accounts that act for a municipality or reach the admin must use a second factor.
    Read from the same per-request rows as the role predicates."""
    return bool(user.is_staff or acts_for_a_municipality(user))


def municipality_id_of(obj):
    """The municipality an object belongs to: itself, its ``municipality``, or its parent's."""
    from .models import Municipality

    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj.pk
    if hasattr(obj, "municipality_id"):
        return obj.municipality_id
    parent = getattr(obj, "community", None)
    return municipality_id_of(parent) if parent is not None else None


def is_staff_of(user, obj):
    """Staff of the object's municipality; administrators count as staff everywhere."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    municipality_id = municipality_id_of(obj)
    return municipality_id is not None and municipality_id in staff_municipality_ids(user)
