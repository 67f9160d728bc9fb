"""Django's database sessions, read with a shape (``portal.shapes``): the session of every
signed-in request is one query whose SQL is compiled once per process."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .shapes import shape


@shape
def _current_session(session_key, now):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)[:1]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        for session in _current_session(self.session_key, timezone.now()):
            return session
        self._session_key = None
        return None
