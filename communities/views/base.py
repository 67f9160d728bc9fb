from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from portal.mixins import PortalPermissionMixin

from ..models import Community


class CommunityMixin(PortalPermissionMixin):
    """Loads the community named in the URL once, on its municipality's host only, and
    checks the view's permission on it. Another municipality's community is a 404 here, and
    so is one the person may not see at all (a draft of others): a refusal would tell that
    it exists."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("communities.view_community", self.community):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def community(self):
        return get_object_or_404(
            Community.objects.of(self.request.municipality), slug=self.kwargs["slug"]
        )

    def get_permission_object(self):
        return self.community

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["community"] = self.community
        return context
