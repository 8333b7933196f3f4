"""Processing notes: what the parser could not determine, or read in a particular way, kept as a code with
its parameters, e.g. {"code": "number-reversed", "params": {"printed": "38/32-س", "number": "32", "session":
"38"}}, so that a page puts it into words in its reader's language (archive/notes.py holds the words).

Standard library only: no Django import.
"""

from __future__ import annotations

# Every code a note may carry; archive/notes.py has an Arabic msgid (translated to English) for each.
CODES = frozenset(
    {
        # the document
        "session-not-found",
        "continuation-page",
        "starts-mid-sentence",
        "ends-mid-sentence",
        "two-layer-pdf",
        "letter-date-not-found",
        "annex-title-not-recovered",
        # the meeting
        "place-not-found",
        "dates-not-found",
        "preparatory-meeting",
        "date-month-only",
        "hijri-unconvertible",
        "dates-disagree",
        "hijri-out-of-range",
        "gregorian-from-hijri",
        "dates-from-dateline",
        "dates-from-title",
        # resolution numbers and subjects
        "subject-not-found",
        "resolution-unnumbered",
        "number-reversed",
        "number-session-mismatch",
        "sc-year-from-date",
        "ga-number-reversed",
        # what the admin gave at upload
        "session-set-by-admin",
        "symbol-set-by-admin",
        "date-set-by-admin",
        "source_url-set-by-admin",
        # storing
        "resolution-not-stored",
        "session-conflict",
        "resolution-conflict",
        "value-cut",
        "unknown-choice",
    }
)


def note(code: str, **params) -> dict:
    """A note as stored in Document.warnings (JSON): its code and its parameters as text."""
    if code not in CODES:
        raise ValueError(f"unknown processing note code {code!r}")
    return {"code": code, "params": {name: "" if value is None else str(value) for name, value in params.items()}}


def code_of(warning) -> str:
    """The code of a note; "" for a note stored as plain text by an older parser."""
    return warning.get("code", "") if isinstance(warning, dict) else ""
