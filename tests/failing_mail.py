"""An email backend whose mail server never answers, for tests of what happens then."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise SMTPServerDisconnected("the mail server does not answer")


class RefusingEmailBackend(BaseEmailBackend):
    """Nothing listens on the mail server's port."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class BrokenEmailBackend(BaseEmailBackend):
    """A backend that refuses the message itself: trying again would not help."""

    def send_messages(self, email_messages):
        raise ValueError("Header values may not contain linefeed or carriage return characters")
