from django.db import models
from django.db.models import Count, Q


class CommunityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=self.model.PUBLIC_STATUSES)

    def working(self):
        """Verified or active: the communities that take members and record activities."""
        return self.filter(status__in=self.model.WORKING_STATUSES)

    def visible_to(self, user):
        """What ``communities.view_community`` allows: the same rule, as a query."""
        if user.is_authenticated and (user.is_superuser or user.is_municipal_staff):
            return self
        if not user.is_authenticated:
            return self.public()
        membership = self._membership_model()
        led = membership.objects.filter(
            user=user, status=membership.Status.ACTIVE, role__in=membership.ADMIN_ROLES
        ).values("community_id")
        return self.filter(Q(status__in=self.model.PUBLIC_STATUSES) | Q(pk__in=led))

    def with_counts(self):
        return self.annotate(
            members_count=Count(
                "memberships",
                filter=Q(memberships__status=self._membership_model().Status.ACTIVE),
                distinct=True,
            )
        )

    def for_list(self):
        return self.with_counts().prefetch_related("neighbourhoods")

    def _membership_model(self):
        return self.model._meta.get_field("memberships").related_model


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)
