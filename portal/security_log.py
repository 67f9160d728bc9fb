"""Security events (issue 16, item 9): one ``SecurityEvent`` row and one JSON line each.

``record_security_event`` writes both. The receivers below are connected in
``PortalConfig.ready()`` by ``connect_security_signals()``: sign-ins and their failures
(Django's auth signals), lockouts (``AccountAdapter.pre_authenticate``), second factors
(allauth.mfa's signals), municipal staff rows added and removed, history events of roles and
key facts (``portal.history.event_recorded``) and deleted communities. Downloads of evidence
are recorded by ``ProtectedDownloadView.get``.

Receivers of model signals have no request: ``SecurityRequestMiddleware`` keeps the current
one in a context variable so the actor and the client address are known. The address is the
one allauth computes (``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``).

Nothing secret goes out: ``data`` is cleaned of every key that looks like a password, token,
secret, session key or code before it is stored or logged.
"""

import contextvars
import datetime
import json
import logging

from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger("portal.security")

_current_request = contextvars.ContextVar("portal_security_request", default=None)

SECRET_WORDS = ("password", "token", "secret", "session", "code", "key", "otp", "csrf")

# Models whose deleted rows are security events, by label.
DELETIONS_LOGGED = ("communities.community",)

# History events that are security events, and the kind each is recorded as.
HISTORY_EVENTS = {
    "role_changed": "role_changed",
    "fields_changed": "key_facts_changed",
    "key_change_requested": "key_facts_changed",
    "key_change_accepted": "key_facts_changed",
    "key_change_returned": "key_facts_changed",
    "document_removed": "deleted",
}


def without_secrets(data):
    """``data`` with every key that names a secret dropped, at any depth."""
    if isinstance(data, dict):
        return {
            str(key): without_secrets(value)
            for key, value in data.items()
            if not any(word in str(key).lower() for word in SECRET_WORDS)
        }
    if isinstance(data, list | tuple):
        return [without_secrets(value) for value in data]
    if data is None or isinstance(data, bool | int | float | str):
        return data
    return str(data)


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's ``security``."""

    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "security", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class SecurityRequestMiddleware:
    """Keeps the request being served where the receivers of model signals can read it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


def client_ip(request):
    """The client's address as the trusted proxy reports it (allauth's rule), or None."""
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request)
    except Exception:  # a header that does not match the proxy count: keep the event
        return None


def _municipality_id(obj, request):
    from .roles import municipality_id_of

    found = municipality_id_of(obj) if obj is not None else None
    if found is None and request is not None:
        municipality = getattr(request, "municipality", None)
        found = municipality.pk if municipality is not None else None
    return found


def record_security_event(
    kind, *, request=None, actor=None, obj=None, municipality=None, data=None
):
    """Write one security event: a ``SecurityEvent`` row and a JSON line on the logger."""
    from .models import SecurityEvent

    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    municipality_id = (
        municipality.pk if municipality is not None else _municipality_id(obj, request)
    )
    clean = without_secrets(data or {})
    event = SecurityEvent.objects.create(
        kind=kind,
        actor=actor,
        municipality_id=municipality_id,
        client_ip=client_ip(request),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        data=clean,
    )
    logger.info(
        "security event %s",
        kind,
        extra={
            "security": {
                "event": kind,
                "id": event.pk,
                "actor": actor.pk if actor is not None else None,
                "municipality": municipality_id,
                "client_ip": event.client_ip,
                "object_type": event.object_type,
                "object_id": event.object_id,
                "data": clean,
            }
        },
    )
    return event


# --- receivers ------------------------------------------------------------------------------


def _logged_in(sender, request, user, **kwargs):
    record_security_event("login", request=request, actor=user, obj=None)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_security_event("logout", request=request, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Django passes the credentials cleansed; only the login name is kept.
    login = credentials.get("email") or credentials.get("username") or ""
    record_security_event(
        "login_failed", request=request, actor=None, data={"login": str(login)[:254]}
    )


def record_lockout(request, credentials):
    login = credentials.get("email") or credentials.get("username") or ""
    record_security_event("lockout", request=request, actor=None, data={"login": str(login)[:254]})


def _mfa_added(sender, request, user, authenticator, **kwargs):
    record_security_event(
        "mfa_added", request=request, actor=user, data={"type": authenticator.type}
    )


def _mfa_removed(sender, request, user, authenticator, **kwargs):
    record_security_event(
        "mfa_removed", request=request, actor=user, data={"type": authenticator.type}
    )


def _staff_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_security_event("staff_added", obj=instance, data={"user": instance.user_id})


def _staff_deleted(sender, instance, **kwargs):
    record_security_event("staff_removed", obj=instance, data={"user": instance.user_id})


def _history_event(sender, instance, row, **kwargs):
    kind = HISTORY_EVENTS.get(row.event)
    if kind is None:
        return
    data = {"event": row.event}
    if row.event == "role_changed":
        data.update(old=row.data.get("old"), new=row.data.get("new"))
        data["user"] = getattr(instance, "user_id", None)
    elif row.event == "fields_changed":
        data["fields"] = sorted(str(change[0]) for change in row.data.get("fields", []))
    record_security_event(kind, actor=row.actor, obj=instance, data=data)


def _object_deleted(sender, instance, **kwargs):
    record_security_event("deleted", obj=instance, data={"name": str(instance)[:200]})


def connect_security_signals():
    from allauth.mfa.signals import authenticator_added, authenticator_removed
    from django.apps import apps

    from .history import event_recorded
    from .models import MunicipalStaff

    uid = "portal-security-"
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid=uid + "login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid=uid + "logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid=uid + "failed")
    authenticator_added.connect(_mfa_added, dispatch_uid=uid + "mfa-added")
    authenticator_removed.connect(_mfa_removed, dispatch_uid=uid + "mfa-removed")
    post_save.connect(_staff_saved, sender=MunicipalStaff, dispatch_uid=uid + "staff-added")
    post_delete.connect(_staff_deleted, sender=MunicipalStaff, dispatch_uid=uid + "staff-gone")
    event_recorded.connect(_history_event, dispatch_uid=uid + "history")
    for label in DELETIONS_LOGGED:  # by label: the portal imports no domain app
        model = apps.get_model(label)
        post_delete.connect(_object_deleted, sender=model, dispatch_uid=f"{uid}deleted-{label}")
