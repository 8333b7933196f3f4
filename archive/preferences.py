"""The reader's display choices: interface language, digits, colour theme and the English beside the Arabic.

Each is a cookie set by the preferences form (a POST, so following a link never changes them). The
interface is Arabic unless the reader chose English: the browser's Accept-Language is deliberately not
consulted, because the archive is an Arabic one and its permalinks must look the same to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

# As in the source (no change), Arabic-Indic (٠١٢) or Western (012).
DIGITS = ("source", "arab", "latn")
THEMES = ("auto", "light", "dark")
# The English of a paragraph (a parallel text gives it) beside or under the Arabic, or not shown.
ENGLISH = ("show", "hide")
DIGITS_COOKIE = "qararat_digits"
THEME_COOKIE = "qararat_theme"
ENGLISH_COOKIE = "qararat_english"
COOKIE_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Preferences:
    language: str
    digits: str
    theme: str
    english: str = ENGLISH[0]

    @classmethod
    def from_cookies(cls, cookies) -> Preferences:
        language = cookies.get(settings.LANGUAGE_COOKIE_NAME)
        digits = cookies.get(DIGITS_COOKIE)
        theme = cookies.get(THEME_COOKIE)
        english = cookies.get(ENGLISH_COOKIE)
        return cls(
            language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
            digits=digits if digits in DIGITS else DIGITS[0],
            theme=theme if theme in THEMES else THEMES[0],
            english=english if english in ENGLISH else ENGLISH[0],
        )


class PreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.preferences = Preferences.from_cookies(request.COOKIES)
        translation.activate(request.preferences.language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.preferences.language)
        return response


def context(request) -> dict:
    """Template context: the choices, and the direction of the interface language."""
    preferences = getattr(request, "preferences", None) or Preferences.from_cookies({})
    return {
        "preferences": preferences,
        "ui_dir": "rtl" if translation.get_language_bidi() else "ltr",
        "digit_choices": DIGITS,
        "theme_choices": THEMES,
    }


@require_POST
def update(request):
    """Store whichever of language, digits, theme and English the form sent, then go back where the reader was."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    chosen = {
        settings.LANGUAGE_COOKIE_NAME: (request.POST.get("language"), dict(settings.LANGUAGES)),
        DIGITS_COOKIE: (request.POST.get("digits"), DIGITS),
        THEME_COOKIE: (request.POST.get("theme"), THEMES),
        ENGLISH_COOKIE: (request.POST.get("english"), ENGLISH),
    }
    for cookie, (value, allowed) in chosen.items():
        if value in allowed:
            response.set_cookie(
                cookie, value, max_age=COOKIE_AGE, samesite="Lax", secure=request.is_secure(), httponly=True
            )
    return response
