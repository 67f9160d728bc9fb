"""What the communities' kinds of message share: links to a community's pages, the active
people of a list, the staff who verify a community, a community's leaders and board."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.links import municipality_url

from ..models import Community, Membership


def _community_url(name, community):
    path = reverse(f"communities:{name}", kwargs={"slug": community.slug})
    return municipality_url(community.municipality, path)


def _page_url(community):
    return municipality_url(community.municipality, community.get_absolute_url())


def _active_users(ids):
    return get_user_model().objects.filter(pk__in=list(ids), is_active=True)


def _staff_for_the_registration(community):
    """The contact persons of the covered neighbourhoods who have an account and are staff
    of the municipality; the municipality's other staff only when there is none."""
    municipality_id = Community.objects.values_list("municipality_id", flat=True).get(pk=community)
    staff = get_user_model().objects.filter(
        is_active=True, staff_roles__municipality_id=municipality_id
    )
    contacts = staff.filter(
        contact_roles__municipality_id=municipality_id,
        contact_roles__territories__communities=community,
    ).distinct()
    if contacts.exists():
        return contacts
    return staff.distinct()


def _url(municipality, name, **kwargs):
    return municipality_url(municipality, reverse(name, kwargs=kwargs))


def _admins_of(community_id):
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return get_user_model().objects.filter(
        pk__in=memberships.values_list("user_id", flat=True), is_active=True
    )
