"""A person's municipal roles, loaded once per request and kept on the user object."""

_CACHE_ATTR = "_staff_municipality_ids_cache"


def staff_municipality_ids(user):
    """The ids of the municipalities whose staff the user is (one query a request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import MunicipalStaff

        cached = frozenset(
            MunicipalStaff.objects.filter(user=user).values_list("municipality_id", flat=True)
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_staff_roles(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


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
