"""Word (.docx) bytes to text: one line per paragraph, table cells in reading order, list numbers kept.

Plain zipfile and ElementTree (no extra dependency): the text of a .docx is the w:t runs of the
w:p paragraphs of word/document.xml. Numbers Word generates for a numbered list are not in the text;
they are worked out from word/numbering.xml ("%1." with a decimal counter) so that "1. يعرب …" reaches
the paragraph segmentation as in the text sources.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from arabic import to_arabic_indic_digits
from archive.ingest.errors import IngestError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML = 50 * 1024 * 1024  # a 20 MB upload that unzips to more is a zip bomb, not a resolution


def _read(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_XML:
        raise IngestError(f"ملف Word كبير جدا بعد فك الضغط (the .docx unpacks to {info.file_size:,} bytes).")
    return ElementTree.fromstring(archive.read(info))


def _val(element: ElementTree.Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(f"{W}val") if found is not None else None


class _Numbering:
    """List labels: numId → abstract list → per level its format, label template and start."""

    def __init__(self, numbering: ElementTree.Element | None, styles: ElementTree.Element | None):
        self.levels: dict[str, dict[str, tuple[str, str, int]]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        self.style_num: dict[str, tuple[str, str]] = {}
        if numbering is not None:
            abstract = {}
            for node in numbering.iter(f"{W}abstractNum"):
                levels = {}
                for lvl in node.iter(f"{W}lvl"):
                    start = int(_val(lvl, f"{W}start") or 1)
                    levels[lvl.get(f"{W}ilvl")] = (
                        _val(lvl, f"{W}numFmt") or "",
                        _val(lvl, f"{W}lvlText") or "",
                        start,
                    )
                abstract[node.get(f"{W}abstractNumId")] = levels
            for num in numbering.iter(f"{W}num"):
                self.levels[num.get(f"{W}numId")] = abstract.get(_val(num, f"{W}abstractNumId"), {})
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num_id = _val(style, f"{W}pPr/{W}numPr/{W}numId")
                if num_id:
                    self.style_num[style.get(f"{W}styleId")] = (
                        num_id,
                        _val(style, f"{W}pPr/{W}numPr/{W}ilvl") or "0",
                    )

    def label(self, paragraph: ElementTree.Element) -> str:
        num_id = _val(paragraph, f"{W}pPr/{W}numPr/{W}numId")
        level = _val(paragraph, f"{W}pPr/{W}numPr/{W}ilvl") or "0"
        if num_id is None:
            num_id, level = self.style_num.get(_val(paragraph, f"{W}pPr/{W}pStyle") or "", (None, "0"))
        if not num_id or num_id == "0":
            return ""
        fmt, template, start = self.levels.get(num_id, {}).get(level, ("decimal", "%1.", 1))
        if fmt not in ("decimal", "hindiNumbers") or "%" not in template:
            return ""  # bullets and letters: nothing a reader cites
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and int(k[1]) > int(level)]:
            del self.counters[deeper]
        number = str(self.counters[key])
        if fmt == "hindiNumbers":
            number = to_arabic_indic_digits(number)
        return template.replace(f"%{int(level) + 1}", number).replace("%1", number) + " "


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _blocks(body: ElementTree.Element, numbering: _Numbering, out: list[str]) -> None:
    for child in body:
        if child.tag == f"{W}p":
            text = _paragraph_text(child).strip()
            label = numbering.label(child)
            if text:
                out.append(label + text)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = []
                for cell in row.findall(f"{W}tc"):
                    inner: list[str] = []
                    _blocks(cell, numbering, inner)
                    if inner:
                        cells.append(" ".join(inner))
                if cells:
                    out.append(" | ".join(cells))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _blocks(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child, numbering, out)


def extract_text(raw: bytes) -> str:
    """The text of a .docx: one paragraph per line; a table row is one line, its cells joined by " | "."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            document = _read(archive, "word/document.xml")
            if document is None:
                raise IngestError("ملف Word تالف (corrupt .docx: word/document.xml is missing).")
            numbering = _Numbering(_read(archive, "word/numbering.xml"), _read(archive, "word/styles.xml"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError) as exc:
        raise IngestError(f"ملف Word تالف (corrupt .docx: {exc}).") from exc
    except ElementTree.ParseError as exc:
        raise IngestError(f"ملف Word تالف (corrupt .docx: its XML does not parse: {exc}).") from exc
    body = document.find(f"{W}body")
    lines: list[str] = []
    if body is not None:
        _blocks(body, numbering, lines)
    if not lines:
        raise IngestError("ملف Word لا يحتوي على نص (the .docx has no text).")
    return "\n".join(lines)
