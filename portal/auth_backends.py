"""The signed-in person is read with what the role checks of every page ask first
(``portal.roles.with_role_flags``): Django's and allauth's backends, loading the user of a
session in that one query."""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends, get_user_model

from .roles import with_role_flags
from .shapes import shape


@shape
def _user_with_role_flags(user_id):
    return with_role_flags(get_user_model()._default_manager.filter(pk=user_id))[:1]


class _UserWithRoleFlags:
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        for user in _user_with_role_flags(user_id):
            return user if self.user_can_authenticate(user) else None
        return None


class ModelBackend(_UserWithRoleFlags, backends.ModelBackend):
    pass


class AuthenticationBackend(_UserWithRoleFlags, allauth_backends.AuthenticationBackend):
    pass
