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


class SwitchableEmailBackend(BaseEmailBackend):
    """For a real worker: the mail server is down while the file ``MAIL_DOWN_FLAG`` exists.

    Each attempt is written to ``MAIL_DOWN_FLAG.attempts`` (a timestamp a line); otherwise
    the message goes to the file backend (``EMAIL_FILE_PATH``), as the other worker tests'.
    """

    def send_messages(self, email_messages):
        import os
        import time
        from pathlib import Path

        from django.core.mail.backends.filebased import EmailBackend as FileBackend

        flag = Path(os.environ["MAIL_DOWN_FLAG"])
        if flag.exists():
            with open(f"{flag}.attempts", "a") as attempts:
                attempts.write(f"{time.time()}\n")
            raise SMTPServerDisconnected("the mail server does not answer")
        return FileBackend(fail_silently=self.fail_silently).send_messages(email_messages)
