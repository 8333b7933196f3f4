"""The two pieces of login throttling django-axes leaves to the project: which address a request comes
from, and the page a locked-out login gets. Everything else in security (CSP, Permissions-Policy, HSTS,
referrer policy, the lockout itself) is a setting of Django or of a kept library, in settings.py."""

import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str | None:
    """The client's address for throttling. Each of our QARARAT_PROXY_COUNT proxies appends the address
    it was reached from to X-Forwarded-For, so the entry that many places from the right is the one the
    outermost proxy saw; anything left of it was written by the client and is ignored. Without proxies,
    or with a header too short or not an address, REMOTE_ADDR (the connection gunicorn accepted)."""
    count = settings.QARARAT_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a refused login gets (axes' AXES_LOCKOUT_CALLABLE): what happened and when to try again,
    in the site's own layout, with axes' status (429 Too Many Requests) and a Retry-After header."""
    cool_off = get_cool_off(request)
    now = timezone.now()
    response = render(
        request,
        "login_locked.html",
        {"now": now, "retry_at": now + cool_off},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
