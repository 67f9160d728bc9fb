"""Authenticator-app helpers shared by the HTTP and browser tests."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)


def enable_totp(user):
    """Give a staff user an authenticator app; returns the secret the app would hold."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return secret


def totp_code(secret):
    """The code the authenticator app shows now (waiting out the last second of a window)."""
    period = 30
    if period - time.time() % period < 2:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
