"""What an admin knows about an upload, laid over what the parser found. Pure: no Django."""

from __future__ import annotations

import copy
import datetime
from dataclasses import asdict, dataclass

from archive.ingest.notes import code_of, note
from archive.ingest.records import ParsedDocument, ParsedSession


@dataclass(frozen=True)
class Overrides:
    """Empty fields leave the parser's value; a session (body and number) replaces the detected ones."""

    body: str = ""
    session_number: int | None = None
    extraordinary: bool = False
    organ: str = ""
    symbol: str = ""
    date: datetime.date | None = None
    source_url: str = ""

    def __bool__(self) -> bool:
        return any(value not in ("", None, False) for value in asdict(self).values())

    @property
    def session_key(self) -> tuple | None:
        if not self.body:
            return None
        return (self.body, self.organ, self.session_number, self.extraordinary)

    def to_json(self) -> dict:
        """Only what is set, dates as ISO strings: what Document.overrides keeps."""
        data = {name: value for name, value in asdict(self).items() if value not in ("", None, False)}
        if self.date:
            data["date"] = self.date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict | None) -> Overrides:
        data = dict(data or {})
        if data.get("date"):
            data["date"] = datetime.date.fromisoformat(data["date"])
        known = set(cls.__dataclass_fields__)
        return cls(**{name: value for name, value in data.items() if name in known})


def apply_overrides(parsed: ParsedDocument, overrides: Overrides) -> ParsedDocument:
    """A copy of parsed with the admin's values in place of the parser's; each replacement is noted in
    the warnings, so the document says where its metadata came from."""
    result = copy.deepcopy(parsed)
    if not overrides:
        return result
    notes = []
    key = overrides.session_key
    if key is not None:
        detected = [session.key for session in result.sessions]
        # The detected session's details (place, dates) are kept when the admin names the same session.
        same = next((session for session in result.sessions if session.key == key), None)
        chosen = same or ParsedSession(
            body=overrides.body,
            number=overrides.session_number,
            extraordinary=overrides.extraordinary,
            organ=overrides.organ,
        )
        if detected != [key]:
            notes.append(note(
                "session-set-by-admin",
                session=_session_label(key),
                detected=", ".join(_session_label(k) for k in detected),
            ))
        result.sessions = [chosen]
        for resolution in result.resolutions:
            resolution.session_index = 0
        result.warnings = [w for w in result.warnings if code_of(w) != "session-not-found"]
    for name in ("symbol", "date", "source_url"):
        value = getattr(overrides, name)
        if value in ("", None) or value == getattr(result, name):
            continue
        old = getattr(result, name)
        notes.append(note(f"{name}-set-by-admin", value=value, detected=old or ""))
        setattr(result, name, value)
    result.warnings = notes + result.warnings
    return result


def _session_label(key: tuple) -> str:
    body, organ, number, extraordinary = key
    parts = [body, organ, "ext" if extraordinary else "", str(number) if number is not None else "unnumbered"]
    return "-".join(part for part in parts if part)
