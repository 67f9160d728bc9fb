from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from portal.querysets import InMunicipalityQuerySet
from portal.roles import staff_municipality_ids
from portal.text import fold


class CommunityQuerySet(InMunicipalityQuerySet):
    def public(self):
        return self.filter(status__in=self.model.PUBLIC_STATUSES)

    def working(self):
        """Verified or active: the communities that take members and record activities."""
        return self.filter(status__in=self.model.WORKING_STATUSES)

    def visible_to(self, user):
        """What ``communities.view_community`` allows: the same rule, as a query."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self
        membership = self._membership_model()
        led = membership.objects.filter(
            user=user, status=membership.Status.ACTIVE, role__in=membership.ADMIN_ROLES
        ).values("community_id")
        return self.filter(
            Q(status__in=self.model.PUBLIC_STATUSES)
            | Q(pk__in=led)
            | Q(municipality_id__in=staff_municipality_ids(user))
        )

    def matching(self, words):
        """Names or descriptions holding every word, ignoring case and Latvian diacritics."""
        found = self
        for word in fold(words).split()[:8]:
            found = found.filter(search_text__contains=word)
        return found

    def inside(self, territory):
        """Communities covering a neighbourhood anywhere inside ``territory`` (any depth)."""
        if territory.parent_id is None:  # the municipality: every community of it
            return self.filter(municipality_id=territory.municipality_id)
        parts = type(territory).objects.filter(path__startswith=territory.path).values("pk")
        covers = self.model.neighbourhoods.through.objects.filter(territory_id__in=parts)
        return self.filter(pk__in=covers.values("community_id"))

    def with_counts(self):
        """``members_count``: active members, as a subquery per row (no GROUP BY over the
        table; with ``portal.pagination.KeyFirstPaginator`` it runs for the page's rows only)."""
        membership = self._membership_model()
        active = (
            membership.objects.filter(community=OuterRef("pk"), status=membership.Status.ACTIVE)
            .order_by()
            .values("community")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(members_count=Coalesce(Subquery(active), 0))

    def with_member_count(self):
        """``members_count`` of one community (its page): counted by joining its members,
        which Django builds quicker than the subquery ``with_counts`` runs for each row."""
        membership = self._membership_model()
        return self.annotate(
            members_count=Count(
                "memberships", filter=Q(memberships__status=membership.Status.ACTIVE)
            )
        )

    def for_cards(self):
        """What cards show (``communities.cards.for_cards`` adds their neighbourhoods): the
        columns shown and the member count, for the page's rows read by key."""
        from .cards import CARD_COLUMNS

        return self.with_member_count().only(*CARD_COLUMNS)

    def for_list(self):
        return self.with_counts().prefetch_related("neighbourhoods")

    def _membership_model(self):
        return self.model._meta.get_field("memberships").related_model


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=self.model.Status.ACTIVE)


class ActivityQuerySet(models.QuerySet):
    """Events and joint opinions: ``recorded()`` leaves out what was removed."""

    def recorded(self):
        return self.filter(removed_at__isnull=True)

    def removed(self):
        return self.filter(removed_at__isnull=False)

    def of_year(self, year):
        return self.filter(**{f"{self.model.date_field}__year": year})
