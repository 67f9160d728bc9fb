"""The shared cache (Redis), which the web keeps working without.

It has a Redis instance of its own (``CACHE_REDIS_URL``; docker-compose.yml's ``redis-cache``,
256 MB with ``allkeys-lru``), apart from Celery's broker (``REDIS_URL``), whose queues must
never be evicted; without ``CACHE_REDIS_URL`` it shares the broker's.

``ResilientRedisCache`` is Django's Redis cache with short socket timeouts; when Redis cannot
be reached it answers from this process's own memory instead of raising, and leaves Redis
alone for ``RETRY_SECONDS`` so that a dead or unreachable Redis costs a request nothing but
one short timeout every few seconds. Everything that uses the cache therefore keeps working
while Redis is down or restarting, with what a single process can do:

- allauth's rate limits (failed sign-ins, sign-up, password reset) count in the process's
  memory: still limits, per web process, and sign-in never depends on Redis being up;

Why not keep the limits in the database: every failed sign-in would then write a row in the
request's transaction, and the counting that allauth does in the cache is already tested.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
CONNECT_TIMEOUT = 0.25
SOCKET_TIMEOUT = 0.5


def _connection_errors():
    import redis.exceptions

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def _no_retry():
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


class ResilientRedisCache(RedisCache):
    """Redis while it answers; this process's memory while it does not."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        options = params["OPTIONS"]
        self.retry_seconds = float(options.pop("retry_seconds", RETRY_SECONDS))
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        options.setdefault("retry", _no_retry())
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"resilient-fallback-{id(self)}", {"TIMEOUT": self.default_timeout}
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    def is_down(self) -> bool:
        """Whether Redis failed in the last ``retry_seconds`` (the memory answers meanwhile)."""
        return time.monotonic() < self._down_until

    def _failed(self, operation, exc):
        with self._lock:
            was_up = not self.is_down()
            self._down_until = time.monotonic() + self.retry_seconds
        if was_up:
            logger.warning(
                "The cache (Redis) cannot be reached (%s: %s); answering from memory for %ss",
                type(exc).__name__,
                exc,
                self.retry_seconds,
            )

    def _call(self, operation, *args, **kwargs):
        if not self.is_down():
            try:
                return getattr(super(), operation)(*args, **kwargs)
            except _connection_errors() as exc:
                self._failed(operation, exc)
        return getattr(self._fallback, operation)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._fallback.clear()
        return self._call("clear")

    def ping(self) -> bool:
        """Ask Redis itself (the health check): ``True`` when it answers now."""
        try:
            client = self._cache.get_client(write=True)
            client.ping()
        except _connection_errors() as exc:
            self._failed("ping", exc)
            return False
        with self._lock:
            self._down_until = 0.0
        return True
