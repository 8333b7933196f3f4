"""Bytes to text: UTF-8 (with or without BOM), UTF-16, Windows-1256, and refusing what is not text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from archive.ingest.errors import IngestError

# Encodings Arabic sources come in, in the order we trust them.
_FALLBACK_ENCODINGS = ("cp1256", "iso8859_6")


def _looks_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff")
    return arabic / len(letters) > 0.2


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(text)


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise IngestError for empty, binary or undecodable input."""
    if not raw or not raw.strip():
        raise IngestError("الملف فارغ (empty file).")
    if raw.startswith(codecs.BOM_UTF8):
        return _checked(raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(f"UTF-16 file is truncated or corrupt: {exc.reason}.") from exc
    if b"\x00" in raw:
        # UTF-16 without a BOM: every other byte of Arabic/ASCII text is a fixed high byte or NUL.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) < 0.01 and _looks_arabic(text):
                return _checked(text, enc)
        raise IngestError("هذا ملف ثنائي وليس نصا (binary file: it contains NUL bytes).")
    try:
        return _checked(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data":
        raise IngestError(
            "الملف مقطوع (truncated: the file ends in the middle of a UTF-8 character; "
            f"byte {utf8_error.start} of {len(raw)})."
        )
    if _mostly_utf8_arabic(raw):
        raise IngestError(
            "الملف تالف (corrupt UTF-8: invalid byte sequence at offset "
            f"{utf8_error.start} in otherwise UTF-8 Arabic text)."
        )
    for enc in _FALLBACK_ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_arabic(text) and _control_ratio(text) < 0.01 and _reads_as_arabic(text):
            return _checked(text, enc)
    best = from_bytes(raw).best()
    if best is not None and best.encoding and _looks_arabic(str(best)) and _reads_as_arabic(str(best)):
        return _checked(str(best), best.encoding)
    raise IngestError(
        "تعذر فك ترميز الملف (undecodable: not UTF-8, UTF-16 or Windows-1256 Arabic text; "
        f"first bad byte at offset {utf8_error.start})."
    )


_ALEF_LAM = set("اأإآل")
_WORD = re.compile(r"\w+")


def _reads_as_arabic(text: str) -> bool:
    """Single-byte code pages turn any high byte into a letter, so Latin-1, KOI8-R or Shift-JIS text
    "decodes" as Windows-1256 too. Real Arabic has alef and lam as its commonest letters (a fifth to a
    quarter of all letters) and does not glue Arabic letters into Latin words ("caf" + é → "café")."""
    arabic = [ch for ch in text if "\u0621" <= ch <= "\u064a"]
    if len(arabic) >= 40 and sum(ch in _ALEF_LAM for ch in arabic) / len(arabic) < 0.12:
        return False
    words = [w for w in _WORD.findall(text) if not w.isdigit()]
    mixed = sum(1 for w in words if re.search(r"[A-Za-z]", w) and re.search(r"[\u0600-\u06ff]", w))
    return not words or mixed / len(words) < 0.05


_UTF8_ARABIC_PAIR = re.compile(rb"[\xd8-\xdb][\x80-\xbf]")


def _mostly_utf8_arabic(raw: bytes) -> bool:
    """Windows-1256 decodes almost any bytes, so UTF-8 Arabic with one bad byte must be caught first."""
    high = sum(1 for b in raw if b >= 0x80)
    return high > 0 and 2 * len(_UTF8_ARABIC_PAIR.findall(raw)) / high > 0.6


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if _control_ratio(text) > 0.01:
        raise IngestError("هذا ملف ثنائي وليس نصا (binary file: too many control characters).")
    if not text.strip():
        raise IngestError("الملف فارغ (empty file: only white space).")
    return text, encoding
