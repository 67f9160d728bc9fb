from django.http import Http404
from django.utils.functional import cached_property

from portal.mixins import PortalPermissionMixin
from portal.rules import is_municipal_staff
from portal.shapes import shape

from ..duties import own_community_message
from ..models import Community
from ..rules import is_involved_in


@shape
def _community_of(municipality_id, slug, *, signed_in, with_members, with_agreements):
    """The community at ``slug`` on its municipality's host, with what its pages ask of it."""
    communities = Community.objects.filter(municipality_id=municipality_id, slug=slug)
    if signed_in:
        # Whether a change of key facts waits, in the same query (``pending_key_change``):
        # only its leaders and staff are told, and a visitor signed out is neither.
        communities = communities.with_pending_key_change()
    if with_members:  # ``members_count`` and the offer, in the same query
        communities = communities.with_member_count().select_related("experience_offer")
    if with_agreements:
        communities = communities.with_has_agreements()
    return communities[:1]


class CommunityMixin(PortalPermissionMixin):
    """Loads the community named in the URL once, on its municipality's host only, and
    checks the view's permission on it. Another municipality's community is a 404 here, and
    so is one the person may not see at all (a draft of others): a refusal would tell that
    it exists."""

    with_members_count = False
    with_agreements = False  # ``has_agreements``, whether it has any (most have none)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("communities.view_community", self.community):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def community(self):
        municipality = self.request.municipality
        rows = _community_of(
            municipality.pk,
            self.kwargs["slug"],
            signed_in=self.request.user.is_authenticated,
            with_members=self.with_members_count,
            with_agreements=self.with_agreements,
        )
        if not rows:
            raise Http404
        community = rows[0]
        community.municipality = municipality  # the same row: no query for it
        return community

    def get_permission_object(self):
        return self.community

    def decides_own_community(self):
        """Staff involved in this community: someone else decides about it (the reason a
        staff decision is refused to them, said on the page and in the refusal)."""
        user, community = self.request.user, self.community
        return is_municipal_staff(user, community) and is_involved_in(user, community)

    # What staff decide about a community (communities.rules.decides_as_staff).
    STAFF_DECISIONS = frozenset(
        {
            "communities.verify_community",
            "communities.activate_community",
            "communities.deactivate_community",
            "communities.decide_key_change",
            "communities.reopen_activity_year",
        }
    )

    def get_permission_denied_message(self):
        decision = self.STAFF_DECISIONS.intersection(self.get_permission_required())
        if decision and self.decides_own_community():
            return own_community_message()
        return super().get_permission_denied_message()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["community"] = self.community
        return context
