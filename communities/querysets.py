from django.db import connection, models
from django.db.models import BooleanField, IntegerField, Q
from django.db.models.expressions import RawSQL

from portal.querysets import InMunicipalityQuerySet
from portal.roles import staff_municipality_ids
from portal.text import fold

MATCHED_WORDS = 8  # a search matches at most this many words

# What a card shows of a community (with ``with_counts()``'s ``members_count``;
# ``communities.cards``).
CARD_COLUMNS = ("municipality_id", "name", "slug", "status", "legal_form", "description")


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
        for word in fold(words).split()[:MATCHED_WORDS]:
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
        """``members_count``: active members (``of_each_row``: a count for each row, the
        same on the registry's page of rows and on one community's page)."""
        membership = self._membership_model()
        return self.annotate(
            members_count=of_each_row(
                "SELECT COUNT(*)", membership, status=membership.Status.ACTIVE
            )
        )

    def with_member_count(self):
        """``members_count`` of one community (its page), as ``with_counts``."""
        return self.with_counts()

    def with_has_agreements(self):
        """``has_agreements``: whether it has agreements at all (most have none)."""
        agreements = self.model._meta.get_field("agreements").related_model
        return self.annotate(has_agreements=of_each_row("EXISTS (SELECT 1", agreements, ")"))

    def with_pending_key_change(self):
        """``pending_key_change_id``: a change of key facts waiting, or None (only that is
        asked of it: ``Community.pending_key_change``)."""
        requests = self.model._meta.get_field("change_requests").related_model
        return self.annotate(
            pending_key_change_id=of_each_row(
                "SELECT id",
                requests,
                "LIMIT 1",
                status=requests.Status.PENDING,
            )
        )

    def for_cards(self):
        """What cards show (``communities.cards.for_cards`` adds their neighbourhoods): the
        columns shown and the member count, for the page's rows read by key."""
        return self.with_member_count().only(*CARD_COLUMNS)

    def for_list(self):
        return self.with_counts().prefetch_related("neighbourhoods")

    def _membership_model(self):
        return self.model._meta.get_field("memberships").related_model


def of_each_row(head, model, tail="", **equal):
    """A subquery of the community row's ``model`` rows (``community_id`` its key), written
    as SQL: ``head`` (what it selects), ``FROM`` the rows of that community with
    ``equal`` columns, ``tail``. Django compiles a ``Subquery``, an ``Exists`` or a join with
    ``GROUP BY`` several times slower than the database runs any of them (0.3-0.5 ms a
    community page); this SQL is the same on PostgreSQL and SQLite. The community's table
    must be the query's own (not relabelled inside another query)."""
    community = model._meta.get_field("community").related_model
    quote = connection.ops.quote_name
    table, outer = quote(model._meta.db_table), quote(community._meta.db_table)
    where = [f"{table}.{quote('community_id')} = {outer}.{quote('id')}"]
    where += [f"{table}.{quote(column)} = %s" for column in equal]
    sql = f"({head} FROM {table} WHERE {' AND '.join(where)} {tail})"
    field = BooleanField() if head.startswith("EXISTS") else IntegerField()
    return RawSQL(sql, tuple(str(value) for value in equal.values()), output_field=field)


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
