"""The territory tree of a municipality and the contact persons of its neighbourhoods."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..querysets import ContactPersonQuerySet, TerritoryQuerySet
from ..text import sort_key
from ..validators import single_line
from .base import KeptCounts
from .municipalities import municipality_key

# Sent when a territory moves in the tree (the admin, ``load_territories``, any ``save()``),
# in the transaction that moves it, with the paths before and after: what apps keep per
# territory (``communities.counts``) is counted again along both.
territory_moved = Signal()


class ContactPerson(models.Model):
    """A municipal employee residents can reach about their neighbourhood."""

    municipality = municipality_key("contact_persons")
    name = models.CharField(_("name and surname"), max_length=150, validators=[single_line])
    position = models.CharField(_("position"), max_length=200, blank=True, validators=[single_line])
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    reception_hours = models.CharField(_("reception hours and place"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_roles",
    )

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name


RESERVED_TERRITORY_SLUGS = {"contacts"}  # paths under /territories/ taken by pages


def validate_territory_slug(value):
    if value in RESERVED_TERRITORY_SLUGS:
        raise ValidationError(_("This short name is taken by a page of the portal."))


class Territory(KeptCounts):
    """A node of a municipality's tree, of any depth: municipality → … → neighbourhood.

    The root row (no parent) is the municipality itself. ``path`` lists the primary keys
    from the root down (``/1/5/9/``), so "everything inside T" is one indexed prefix query:
    ``Territory.objects.inside(T)``. ``is_neighbourhood`` marks the units communities cover
    and contact persons serve.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "novads", pgettext_lazy("territory kind", "municipality")
        TOWN = "pilseta", _("town")
        PARISH = "pagasts", _("parish")
        VILLAGE = "ciems", _("village")
        NEIGHBOURHOOD = "apkaime", _("neighbourhood")

    municipality = municipality_key("territories")
    name = models.CharField(_("name"), max_length=150)
    sort_name = models.CharField(max_length=250, editable=False, default="")  # portal.text
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        validators=[validate_territory_slug],
        help_text=_("Unique within the municipality."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path in the tree"), max_length=255, db_index=True, editable=False)
    is_neighbourhood = models.BooleanField(
        _("neighbourhood"),
        default=False,
        help_text=_("Communities cover neighbourhoods; each has a municipal contact person."),
    )
    contact_person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("municipal contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="territories",
    )
    description = models.TextField(_("description"), blank=True)
    community_count = models.PositiveIntegerField(
        _("public communities"),
        default=0,
        editable=False,
        help_text=_("Public communities here and in every part of it; kept by the portal."),
    )

    objects = TerritoryQuerySet.as_manager()
    kept_fields = ("community_count",)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="territory_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        if self.parent_id:
            self.municipality_id = self.parent.municipality_id
        # The row, the paths inside it and what is kept along them, together.
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            self._update_path()

    def get_absolute_url(self):
        return reverse("territory-detail", kwargs={"slug": self.slug})

    @property
    def depth(self):
        """0 for the municipality, 1 for its towns and parishes, and so on."""
        return self.path.count("/") - 2 if self.path else 0

    def clean(self):
        if self.parent_id and self.parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("A territory is part of a territory of the same municipality.")}
            )
        if self.parent_id and self.pk and f"/{self.pk}/" in self.parent.path:
            raise ValidationError({"parent": _("A territory cannot be part of itself.")})

    def _update_path(self):
        """Write the path, and when the territory moved, the paths of everything inside it."""
        parent_path = self.parent.path if self.parent_id else "/"
        path = f"{parent_path}{self.pk}/"
        if path == self.path:
            return
        old, self.path = self.path, path
        Territory.objects.filter(pk=self.pk).update(path=path)
        if old:
            Territory.objects.filter(path__startswith=old).exclude(pk=self.pk).update(
                path=Concat(
                    Value(path, output_field=models.CharField()), Substr("path", len(old) + 1)
                ),
                municipality_id=self.municipality_id,
            )
            territory_moved.send(sender=Territory, instance=self, old_path=old, new_path=path)
