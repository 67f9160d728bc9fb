"""The registration form as the views build it: for the municipality of the host."""

from communities.forms.community import CommunityForm
from communities.models import Community
from tests.portal.factories import default_municipality


def community_form(*args, municipality=None, instance=None, **kwargs):
    municipality = municipality or default_municipality()
    instance = instance or Community(municipality=municipality)
    return CommunityForm(*args, municipality=municipality, instance=instance, **kwargs)


__all__ = ["community_form", "default_municipality"]
