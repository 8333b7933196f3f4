"""The reading pages (home, session, document, resolution) cached per process, and answered with 304 Not
Modified when the reader's copy is still right.

A page is kept under everything that can change it:
- the data version (ops.models.DataVersion: a new token in the same transaction as any change to the
  archive's data, ops.signals) and the search index's state (the backend's `state()`);
- the address as the reader asked for it (scheme, host and full path: pages hold absolute permalinks and
  the current path in their forms) and the reader's preferences (language, digits, theme, English shown).

Never cached: anything but GET and HEAD, a logged-in user (staff see admin links and their own messages), a
request with messages waiting, a response that is not a plain 200 page or that sets a cookie or changes
the session, and a request inside a transaction (its own uncommitted changes are not in the token yet).

The header's forms (language toggle, display settings) carry a CSRF token, which is per reader. The page is
stored with a placeholder in its place and each reader gets their own token substituted, so a cached page
never hands one reader another's token. The ETag is weak (the token differs from one response to the next
while the page is the same): a hash of the stored page and of the reader's CSRF secret, so a reader whose
CSRF cookie changed (a login, a logout) gets a new page rather than a 304 that keeps a stale token.
Responses say `Cache-Control: private, no-cache`: a browser keeps its copy and asks again each time (a 304
costs a look-up), and no shared cache keeps a page that holds someone's token.

The store is Django's cache named "pages" (settings.CACHES): memory of each worker by default, so a page is
rendered once per worker and data version; a shared cache (Redis, memcached) can be configured instead.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from haystack import connections as search_connections

from ops.models import DataVersion

CACHED_VIEWS = frozenset(
    {"archive:home", "archive:session-detail", "archive:document-detail", "archive:resolution-detail"}
)
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([^"]*)(")')
PLACEHOLDER = b"\x00csrf-token\x00"


def page_key(request) -> str:
    preferences = request.preferences
    parts = [
        DataVersion.current(),
        search_connections["default"].get_backend().state(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        # Every choice the reader made (language, digits, theme, English shown…): the whole dataclass, so
        # that a preference added later is part of the key without anyone having to remember it here.
        repr(preferences),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_use_cache(request) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.QARARAT_PAGE_CACHE:
        return False
    match = request.resolver_match
    if match is None or match.view_name not in CACHED_VIEWS:
        return False
    if transaction.get_connection().in_atomic_block:
        return False
    return not request.user.is_authenticated and not len(messages.get_messages(request))


def may_store(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(getattr(request, "session", None), "modified", False)
        and len(response.content) <= settings.QARARAT_PAGE_CACHE_MAX_BYTES
    )


def stored(response) -> dict:
    body = CSRF_INPUT.sub(lambda m: m.group(1) + PLACEHOLDER + m.group(3), response.content)
    return {
        "body": body,
        "content_type": response["Content-Type"],
        "language": response.get("Content-Language"),
        "digest": hashlib.sha256(body).hexdigest()[:24],
    }


def etag(entry: dict, request) -> str:
    get_token(request)  # makes the reader's CSRF secret if they have none yet (the cookie is then set)
    secret = request.META.get("CSRF_COOKIE", "")
    return f'W/"{entry["digest"]}-{hashlib.sha256(secret.encode()).hexdigest()[:12]}"'


def answer(entry: dict, request) -> HttpResponse:
    """The stored page for this reader: 304 if their copy is this one, else the page with their token."""
    tag = etag(entry, request)
    response = get_conditional_response(request, etag=tag)
    if response is None:
        token = get_token(request).encode()
        response = HttpResponse(entry["body"].replace(PLACEHOLDER, token), content_type=entry["content_type"])
    if entry["language"]:
        response["Content-Language"] = entry["language"]
    return finish(response, tag)


def finish(response, tag: str) -> HttpResponse:
    response["ETag"] = tag
    patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    """Placed after the CSRF, authentication and messages middleware (it asks all three), so that the
    CSRF middleware still sets a new reader's cookie on a cached page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key is None or getattr(request, "page_cache_hit", False) or not may_store(request, response):
            return response
        entry = stored(response)
        self.cache.set(key, entry)
        tag = etag(entry, request)
        return get_conditional_response(request, etag=tag, response=finish(response, tag)) or response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not may_use_cache(request):
            return None
        request.page_cache_key = page_key(request)
        entry = self.cache.get(request.page_cache_key)
        if entry is None:
            return None
        request.page_cache_hit = True
        return answer(entry, request)
