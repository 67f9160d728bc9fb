"""Municipalities: each served under its own host names, with its staff and its settings."""

import calendar
import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..validators import single_line
from .base import KeptCounts

host_name_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    _("Give a host name in lower case without a port or a path, for example kekava.example.lv."),
)


# The endings of the word a municipality's name most often ends in, for names whose cases
# nobody entered: "Ķekavas novads" → "Ķekavas novada", "Ķekavas novadā", "Ķekavas novadam".
CASE_ENDINGS = {
    "novads": {"genitive": "novada", "locative": "novadā", "dative": "novadam"},
    "valstspilsēta": {
        "genitive": "valstspilsētas",
        "locative": "valstspilsētā",
        "dative": "valstspilsētai",
    },
}


def name_case(name, case):
    """``name`` in ``case`` when its last word is one of ``CASE_ENDINGS``; else ``name``."""
    head, _space, last = name.rpartition(" ")
    forms = CASE_ENDINGS.get(last)
    if not head or not forms:
        return name
    return f"{head} {forms[case]}"


class MunicipalityQuerySet(models.QuerySet):
    def with_hosts(self):
        return self.prefetch_related("hosts")


class Municipality(KeptCounts):
    """A municipality served by the installation: its name, hosts, sender and legal defaults.

    Its territory tree hangs off it (``territories``; the root row has no parent). Every root
    object of the portal — a community, later a grant round or a consultation — belongs to
    one municipality and is only ever shown on its hosts.
    """

    name = models.CharField(_("name"), max_length=150)
    # The name in the cases Latvian sentences need ("Viss, kur Ķekavas novada iedzīvotāji…",
    # "Ķekavas novadā", "Ķekavas novadam"): a sentence picks one through ``name_in``.
    name_genitive = models.CharField(
        _("name in the genitive"),
        max_length=150,
        blank=True,
        validators=[single_line],
        help_text=_("Whose: “Ķekavas novada”. Empty: worked out from a name ending in “novads”."),
    )
    name_locative = models.CharField(
        _("name in the locative"),
        max_length=150,
        blank=True,
        validators=[single_line],
        help_text=_("Where: “Ķekavas novadā”. Empty: worked out from a name ending in “novads”."),
    )
    name_dative = models.CharField(
        _("name in the dative"),
        max_length=150,
        blank=True,
        validators=[single_line],
        help_text=_(
            "To whom: “Ķekavas novadam”. Empty: worked out from a name ending in “novads”."
        ),
    )
    slug = models.SlugField(
        _("short name"),
        max_length=80,
        unique=True,
        help_text=_("The short name of the root row of its territory file."),
    )
    email_from_name = models.CharField(
        _("sender name of emails"),
        max_length=150,
        blank=True,
        help_text=_("Emails come from this name; empty: the municipality's name."),
    )
    email_from_address = models.EmailField(
        _("sender address of emails"),
        blank=True,
        help_text=_("Empty: the installation's address (DEFAULT_FROM_EMAIL)."),
    )
    email = models.EmailField(_("municipality's email"), blank=True)
    phone = models.CharField(_("municipality's phone"), max_length=30, blank=True)
    website = models.URLField(_("municipality's website"), blank=True)
    address = models.CharField(_("municipality's address"), max_length=300, blank=True)
    response_working_days = models.PositiveSmallIntegerField(
        _("working days to answer a submission"), default=10
    )
    min_consultation_days = models.PositiveSmallIntegerField(
        _("minimum consultation period in days"), default=21
    )
    min_planning_consultation_days = models.PositiveSmallIntegerField(
        _("minimum consultation period of a development-planning document in days"), default=30
    )
    min_regulation_consultation_days = models.PositiveSmallIntegerField(
        _("minimum consultation period of draft binding regulations in days"), default=14
    )
    feedback_report_days = models.PositiveSmallIntegerField(
        _("days after the close a planning document's feedback report is due"), default=30
    )
    activity_record_locks_on_month = models.PositiveSmallIntegerField(
        _("month the activity record of the past year locks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "With the day: the activity record of a year locks on this date of the next year."
        ),
    )
    activity_record_locks_on_day = models.PositiveSmallIntegerField(
        _("day the activity record of the past year locks"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    accessibility_evaluated_on = models.DateField(
        _("date of the last accessibility evaluation"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # Kept by communities.counts in the transaction that changes a community (the home page
    # says how many work, without counting them on every visit).
    working_community_count = models.PositiveIntegerField(
        _("working communities"),
        default=0,
        editable=False,
        help_text=_("Verified and active communities of the municipality; kept by the portal."),
    )

    objects = MunicipalityQuerySet.as_manager()
    kept_fields = ("working_community_count",)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def name_in(self, case):
        """The name in ``case`` (``"genitive"``, ``"locative"``, ``"dative"``) when the
        active language is Latvian; the name as it is in any other language."""
        if not (get_language() or "").startswith("lv"):
            return self.name
        return getattr(self, f"name_{case}", "") or name_case(self.name, case)

    @property
    def genitive(self):
        return self.name_in("genitive")

    @property
    def locative(self):
        return self.name_in("locative")

    @property
    def dative(self):
        return self.name_in("dative")

    @property
    def from_email(self):
        """``"Name" <address>`` for the emails of this municipality."""
        name = (self.email_from_name or self.name).replace('"', "").replace("\\", "")
        address = self.email_from_address or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        return f'"{name}" <{address}>'

    def clean(self):
        super().clean()
        month, day = self.activity_record_locks_on_month, self.activity_record_locks_on_day
        if month and day and day > calendar.monthrange(2025, month)[1]:
            raise ValidationError(
                {"activity_record_locks_on_day": _("This month has no such day.")},
                code="no_such_day",
            )

    def activity_record_lock_date(self, record_year):
        """The day the activity record of ``record_year`` locks (in the next year)."""
        year, month = record_year + 1, self.activity_record_locks_on_month
        day = min(self.activity_record_locks_on_day, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day)

    @cached_property
    def primary_host(self):
        """The host name its links use: the one marked primary, else the first added."""
        hosts = sorted(self.hosts.all(), key=lambda host: (not host.is_primary, host.pk))
        return hosts[0].name if hosts else None

    def url(self, path=""):
        """``path`` on its primary host: ``portal.links.municipality_url``."""
        from portal.links import municipality_url

        return municipality_url(self, path)

    @cached_property
    def root(self):
        """The root row of its territory tree."""
        return self.territories.filter(parent__isnull=True).order_by("pk").first()


def municipality_key(related_name, *, on_delete=models.CASCADE):
    """The ``municipality`` key every root model carries from its first migration.

    Read such rows through ``portal.querysets.InMunicipalityQuerySet.of(municipality)``.
    """
    return models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=on_delete,
        related_name=related_name,
    )


class MunicipalityHost(models.Model):
    """A host name that serves one municipality (``kekava.example.lv``)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="hosts",
    )
    name = models.CharField(
        _("host name"), max_length=253, unique=True, validators=[host_name_validator]
    )
    is_primary = models.BooleanField(
        _("primary"), default=False, help_text=_("Links in emails and PDFs use this host.")
    )

    class Meta:
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        ordering = ["-is_primary", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(is_primary=True),
                name="one_primary_host_per_municipality",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = (self.name or "").strip().lower()
        if self.name in settings.PORTAL_NATIONAL_HOSTS:
            raise ValidationError(
                {"name": _("This host name serves the national view.")}, code="national_host"
            )


class MunicipalStaff(models.Model):
    """A person who works for a municipality in the portal: verifies, runs rounds, answers.

    A role row, not a flag on the account: one person may be staff of two municipalities,
    and staff of one act on nothing of another.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    since = models.DateTimeField(_("since"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("municipal staff member")
        verbose_name_plural = _("municipal staff")
        ordering = ["municipality", "user"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "user"], name="one_staff_role_per_user")
        ]

    def __str__(self):
        return f"{self.user} — {self.municipality}"
