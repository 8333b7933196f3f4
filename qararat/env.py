"""Reading settings from an environment mapping: a value that cannot be read fails loudly.

Pure (no Django setup), so settings.py and search.backends (which settings.py calls) share one reading of
yes/no and whole-number values.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def read_bool(environ: Mapping[str, str], name: str, default: bool = False) -> bool:
    """A yes/no setting; unset or empty keeps the default, and a word it cannot read ("ture") fails."""
    value = (environ.get(name) or "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/true/yes/on or 0/false/no/off, not {value!r}.")


def read_int(environ: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    """A whole-number setting; unset or empty keeps the default, anything else must read as a number
    of at least `minimum`."""
    value = (environ.get(name) or "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number
