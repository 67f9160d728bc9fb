"""The content of list pages, rendered once and reused until the municipality's data changes.

The registry, the territory pages, the home page, the verification queue and the national
view show the same content to everybody of a kind (residents, or staff of the municipality),
so the rendered content block is kept in the cache under the municipality's *content
version*. Any change to its communities, memberships, territories, contact persons or
settings gives the municipality a new version (``content_changed``, called by signals, at
once and again after the commit), so the next request renders afresh; nothing waits for a
timeout. The page around the content — header, the person's name, messages, CSRF tokens —
is rendered on every request.

Each web process also keeps the content it served last in its own memory and asks the
shared cache for the municipality's version at most once a second, so most visits make no
network round trip at all; another process's change shows here within that second, this
process's own changes at once. With Redis (``REDIS_URL``) every web process sees a new
version; without it each process has its own cache, which is fine for one process
(``make run``) and is why production runs with Redis.

Other apps use the same kit: ``AnonymousCachedMixin`` for public pages (what anonymous
visitors see, per day), ``follow_app(label)`` so that every save, delete or lifecycle move of
an app's rows renews its municipality's version, ``{% csrf_slot %}`` for forms inside content
shared by several people, ``early_variant`` to answer from the cache before a view loads
anything, and ``content_valid_until`` for content that tells of a deadline still to come.

While Redis is down (``portal.cache.ResilientRedisCache.is_down``) nothing is cached: every
page is rendered afresh, since other processes could not learn of a change. A change made
meanwhile is remembered and its new version written once Redis answers again, so no process
shows content from before the outage.
"""

import secrets
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

CONTENT_SECONDS = 600
NATIONAL = "national"
VERSION_CHECK_SECONDS = 1.0
LOCAL_ENTRIES = 256
UNCACHED = object()  # the slot of content rendered while the shared cache is down
CSRF_SLOT = "<!--csrf-slot-->"  # {% csrf_slot %}: filled with the person's token each time

_lock = threading.Lock()
_versions = {}  # scope -> (version, when it was read)
_local = OrderedDict()  # content key -> parts, with their version
_unannounced = set()  # scopes changed while the shared cache was down


def shared_cache_down():
    """Whether the shared cache cannot be reached now (never, for a cache without Redis)."""
    is_down = getattr(cache, "is_down", None)
    return bool(is_down and is_down())


def forget():
    """Drop what this process remembers (tests: every test starts from nothing)."""
    with _lock:
        _versions.clear()
        _local.clear()
        _unannounced.clear()


def _version_key(scope):
    return f"content-version:{scope}"


def _new_version(scope):
    version = secrets.token_hex(6)
    cache.set(_version_key(scope), version, None)
    with _lock:
        _versions[scope] = (version, time.monotonic())
        if shared_cache_down():
            _unannounced.add(scope)
        else:
            _unannounced.discard(scope)


def _announce_changes():
    """Write the versions of what changed while the shared cache was down."""
    with _lock:
        scopes = list(_unannounced)
    for scope in scopes:
        _new_version(scope)


def _current_version(scope):
    with _lock:
        version, read_at = _versions.get(scope, (None, 0.0))
    if version is not None and time.monotonic() - read_at < VERSION_CHECK_SECONDS:
        return version
    key = _version_key(scope)
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(6), None)
        version = cache.get(key)
    with _lock:
        _versions[scope] = (version, time.monotonic())
    return version


def content_changed(municipality_id):
    """The municipality's pages must be rendered again (and the national view's)."""

    def bump():
        _new_version(municipality_id)
        _new_version(NATIONAL)

    bump()
    # Again once the transaction commits: a request that rendered the old rows in between
    # must not keep them under the new version.
    transaction.on_commit(bump)


def _scope(request):
    municipality = getattr(request, "municipality", None)
    return municipality.pk if municipality is not None else NATIONAL


def _content_key(request, variant):
    return ":".join(
        [
            "content",
            str(_scope(request)),
            get_language() or "",
            variant,
            "htmx" if getattr(request, "htmx", False) else "page",
            request.get_full_path(),
        ]
    )


def lookup(request, variant=""):
    """The cached parts of this page, or ``None`` (with what ``store`` needs to save them)."""
    version = _current_version(_scope(request))
    content_key = _content_key(request, variant)
    with _lock:
        cached = _local.get(content_key)
    if cached is None or cached.get("version") != version:
        cached = cache.get(content_key)
        if cached is not None and cached.get("version") == version:
            _remember(content_key, cached)
    if cached is not None and cached.get("until") and cached["until"] <= time.time():
        cached = None  # it said what was open until a deadline that has passed
    if cached is not None and cached.get("version") == version:
        return cached, (content_key, version)
    return None, (content_key, version)


def store(slot, parts):
    content_key, version = slot
    parts = {**parts, "version": version}
    cache.set(content_key, parts, CONTENT_SECONDS)
    _remember(content_key, parts)


def _remember(content_key, parts):
    with _lock:
        _local[content_key] = parts
        _local.move_to_end(content_key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


class CachedContentMixin:
    """For a view whose ``content_template_name`` is the same for everyone of a kind.

    ``get`` answers from the cache when it can, before any query; otherwise the view runs
    as usual and ``render_to_response`` renders the content template, stores it and puts it
    into ``template_name`` (which shows ``{{ content }}``, ``{{ page_title }}`` and
    ``{{ page_description }}``, the page's meta description).
    ``cache_variant()`` names the kinds of people who see different content (staff).
    """

    content_template_name = None
    htmx_template_name = None
    cached_template_name = None  # the page around cached content, when not ``template_name``
    vary_on_htmx = False

    def cache_enabled(self):
        """Whether this request's content may come from and go to the cache."""
        return True

    def cache_variant(self):
        """Staff of the municipality see links to their tools inside the content."""
        from .roles import is_staff_of

        municipality = getattr(self.request, "municipality", None)
        return "staff" if is_staff_of(self.request.user, municipality) else ""

    def early_variant(self):
        """The ``cache_variant`` of this person when it can be told before the view loads
        anything (then cached content is served before the view's own checks), or ``None``.

        Sound only where the view's permission for such a person follows from the address
        alone once the content exists: content cached under the municipality's current
        version was rendered after those checks passed, from rows that have not changed."""
        return None

    def dispatch(self, request, *args, **kwargs):
        variant = self.early_variant()
        if variant is not None and not shared_cache_down():
            cached, _slot = lookup(request, variant)
            if cached is not None:
                return self.render_parts(cached)
        return super().dispatch(request, *args, **kwargs)

    def content_valid_until(self, context):
        """A moment (aware datetime) after which the content is out of date though no row
        changed — a deadline it shows as still to come — or ``None``."""
        return None

    def get(self, request, *args, **kwargs):
        self._slot = None
        if _unannounced and not shared_cache_down():
            _announce_changes()
        if self.cache_enabled() and shared_cache_down():
            self._slot = UNCACHED  # rendered as usual, kept nowhere
        elif self.cache_enabled():
            cached, self._slot = lookup(request, self.cache_variant())
            if cached is not None:
                return self.render_parts(cached)
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self._slot is None:
            return super().render_to_response(context, **response_kwargs)
        template = self.content_template_name
        if getattr(self.request, "htmx", False) and self.htmx_template_name:
            template = self.htmx_template_name
        parts = {
            "content": render_to_string(template, context, self.request),
            "title": str(context.get("page_title", "")),
            "description": str(context.get("page_description", "")),
        }
        until = self.content_valid_until(context)
        if until is not None:
            parts["until"] = until.timestamp()
        if self._slot is not UNCACHED:
            store(self._slot, parts)
        return self.render_parts(parts)

    def render_parts(self, parts):
        content = parts["content"]
        if CSRF_SLOT in content:  # forms in shared content get this person's token
            content = content.replace(CSRF_SLOT, csrf_input(self.request))
        context = {
            "content": mark_safe(content),
            "page_title": parts["title"],
            "page_description": parts.get("description", ""),
        }
        template = self.cached_template_name or self.template_name
        if getattr(self.request, "htmx", False) and self.htmx_template_name:
            template = "page_content.html"
        response = TemplateResponse(self.request, template, context)
        if self.vary_on_htmx:
            patch_vary_headers(response, ["HX-Request"])
        return response


class AnonymousCachedMixin(CachedContentMixin):
    """A public page whose content anonymous visitors share: theirs comes from the cache
    until the municipality's data changes; signed-in people get it rendered for them (their
    buttons, their role). ``template_name`` is the whole page, which includes
    ``content_template_name``; the cached content is shown in ``cached_page.html``, so the
    view puts ``page_title`` (and ``page_description``) into its context. The content is
    kept per day, since such pages say what is open or late today."""

    cached_template_name = "cached_page.html"

    def cache_enabled(self):
        return not self.request.user.is_authenticated

    def cache_variant(self):
        # Pages say what is open or late today: a new day renders them afresh.
        return f"anonymous:{timezone.localdate().isoformat()}"


def _changed_with(instance):
    from .roles import municipality_id_of

    municipality_id = municipality_id_of(instance)
    if municipality_id is not None:
        content_changed(municipality_id)


def connect_portal_signals():
    """Territories, contact persons and the municipality's own settings and hosts."""
    from django.db.models.signals import post_delete, post_save

    from .models import ContactPerson, Municipality, MunicipalityHost, Territory

    for model in (Territory, ContactPerson, Municipality, MunicipalityHost):
        post_save.connect(_saved, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"page-cache-del-{model.__name__}")


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed_with(instance)


def owning_municipality_id(instance, depth=3):
    """The municipality a row belongs to: its own ``municipality_id``, or through its
    foreign keys (a submission through its consultation, an agenda item through its meeting
    and council), at most ``depth`` steps; ``None`` for rows of nobody's (people)."""
    from django.contrib.auth import get_user_model

    from .models import Municipality
    from .roles import municipality_id_of

    found = municipality_id_of(instance)  # itself, its municipality or its community's
    if found is not None or instance is None or depth == 0:
        return found
    people = get_user_model()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.related_model in (people, Municipality):
            continue
        if getattr(instance, field.attname) is None:
            continue
        try:
            parent = getattr(instance, field.name)
        except field.related_model.DoesNotExist:  # deleted with it
            continue
        found = owning_municipality_id(parent, depth - 1)
        if found is not None:
            return found
    return None


def _app_row_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    municipality_id = owning_municipality_id(instance)
    if municipality_id is not None:
        content_changed(municipality_id)


def follow_app(label):
    """Every save or delete of a row of the app gives its municipality a new content
    version, so the app's cached pages (``CachedContentMixin``) never show what changed:
    saves, deletes and lifecycle moves (``portal.history.move_to``). Other writes without
    signals (``update()``, ``bulk_create``) call ``content_changed`` themselves."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from .history import status_moved  # lifecycle moves write with update()

    for model in apps.get_app_config(label).get_models():
        uid = f"page-cache-{label}-{model.__name__}"
        post_save.connect(_app_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_app_row_changed, sender=model, dispatch_uid=f"{uid}-delete")
        status_moved.connect(_app_row_changed, sender=model, dispatch_uid=f"{uid}-moved")
