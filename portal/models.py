"""The portal's core: people, the territory tree, its contact persons and the history base."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, _user_has_perm
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .querysets import TerritoryQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. The email address is the login; no personal code is kept."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name and surname"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_municipal_staff = models.BooleanField(
        _("municipal staff"),
        default=False,
        help_text=_("Verifies communities, runs grant rounds and consultations."),
    )
    is_evaluator = models.BooleanField(
        _("evaluator"), default=False, help_text=_("Scores grant applications.")
    )
    is_council_member = models.BooleanField(
        _("council member"), default=False, help_text=_("Reviews consultation results.")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_perm(self, perm, obj=None):
        """Object permissions always go through the rules, for administrators too.

        Django lets a superuser do anything; here an administrator is still held to the
        state of the object (nobody verifies a draft). Model permissions (the admin site)
        keep Django's behaviour.
        """
        if obj is not None:
            return self.is_active and _user_has_perm(self, perm, obj)
        return super().has_perm(perm, obj)

    @property
    def needs_mfa(self):
        """Accounts that act for the municipality must use a second factor."""
        return self.is_superuser or self.is_municipal_staff or self.is_evaluator


class ContactPerson(models.Model):
    """A municipal employee residents can reach about their neighbourhood."""

    name = models.CharField(_("name and surname"), max_length=150)
    position = models.CharField(_("position"), max_length=200, blank=True)
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


class Territory(models.Model):
    """A node of the tree municipality → parish or town → village or neighbourhood.

    The municipality is the root row; its settings hang off it (MunicipalitySettings).
    ``is_neighbourhood`` marks the units communities cover and contact persons serve.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "novads", pgettext_lazy("territory kind", "municipality")
        TOWN = "pilseta", _("town")
        PARISH = "pagasts", _("parish")
        VILLAGE = "ciems", _("village")
        NEIGHBOURHOOD = "apkaime", _("neighbourhood")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        unique=True,
        validators=[validate_territory_slug],
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

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory-detail", kwargs={"slug": self.slug})


class MunicipalitySettings(models.Model):
    """Per-municipality settings; defaults follow the guidelines and the law (DESIGN.md)."""

    municipality = models.OneToOneField(
        Territory,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="municipal_settings",
        limit_choices_to={"kind": Territory.Kind.MUNICIPALITY},
    )
    email = models.EmailField(_("municipality's email"), blank=True)
    phone = models.CharField(_("municipality's phone"), max_length=30, blank=True)
    website = models.URLField(_("municipality's website"), blank=True)
    response_working_days = models.PositiveSmallIntegerField(
        _("working days to answer a submission"), default=10
    )
    min_consultation_days = models.PositiveSmallIntegerField(
        _("minimum consultation period in days"), default=21
    )
    accessibility_evaluated_on = models.DateField(
        _("date of the last accessibility evaluation"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("municipality settings")
        verbose_name_plural = _("municipality settings")

    def __str__(self):
        return str(self.municipality)


class StatusChange(models.Model):
    """Base of every history model: who moved what from which status to which, when and why.

    Concrete history models add a foreign key to the object they follow. Only services
    write them, in the same transaction as the change.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    from_status = models.CharField(_("from"), max_length=30, blank=True)
    to_status = models.CharField(_("to"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
