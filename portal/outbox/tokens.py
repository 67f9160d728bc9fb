"""Signed unsubscribe links: they work without signing in, for one person and one kind."""

from django.core import signing
from django.urls import reverse

from ..links import municipality_url

SALT = "portal.outbox.unsubscribe"


def make_token(user_id: int, kind: str) -> str:
    return signing.Signer(salt=SALT).sign_object({"u": user_id, "k": kind}, compress=True)


def read_token(token: str):
    """``(user_id, kind)`` from a token, or ``None`` when it was not signed by us."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
        return int(data["u"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(municipality, user_id: int, kind: str) -> str:
    """The one-click unsubscribe address on the host the email links to (current language)."""
    path = reverse("notification-unsubscribe", kwargs={"token": make_token(user_id, kind)})
    return municipality_url(municipality, path)
