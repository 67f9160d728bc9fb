"""Pagination that stays cheap on the last page of a long list."""

from django.core.paginator import Paginator


class KeyFirstPaginator(Paginator):
    """Finds the page's primary keys first, then loads only those rows.

    A plain ``queryset[9980:10000]`` makes the database compute every annotation (member
    counts, ...) of the 9,980 rows it skips; here the skipping is an index-only walk over
    keys, and annotations and prefetches run for the 20 rows shown.
    """

    def __init__(self, object_list, per_page, *, known_count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if known_count is not None:
            self.count = known_count  # a kept count (Territory.community_count): no COUNT query

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
