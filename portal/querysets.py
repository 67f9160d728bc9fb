from django.db import models


class TerritoryQuerySet(models.QuerySet):
    def neighbourhoods(self):
        return self.filter(is_neighbourhood=True)

    def municipalities(self):
        return self.filter(kind="novads", parent__isnull=True)

    def with_parent(self):
        return self.select_related("parent", "contact_person")
