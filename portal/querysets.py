from django.db import models


class InMunicipalityQuerySet(models.QuerySet):
    """Read methods of every model that belongs to a municipality (a ``municipality`` key).

    Views load through ``of(request.municipality)``, so nothing of another municipality is
    ever found on a host, not even by a direct address.
    """

    def of(self, municipality):
        return self.filter(municipality=municipality)


class TerritoryQuerySet(InMunicipalityQuerySet):
    def neighbourhoods(self):
        return self.filter(is_neighbourhood=True)

    def inside(self, territory):
        """``territory`` and everything inside it, at any depth: one indexed prefix query."""
        return self.filter(path__startswith=territory.path)

    def with_parent(self):
        return self.select_related("parent", "contact_person")


class ContactPersonQuerySet(InMunicipalityQuerySet):
    pass
