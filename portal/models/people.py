"""People: one account per person, valid on every municipality's host."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, _user_has_perm
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import single_line


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
    full_name = models.CharField(
        _("name and surname"), max_length=150, blank=True, validators=[single_line]
    )
    language = models.CharField(
        _("language for emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
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
