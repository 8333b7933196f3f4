"""Template helpers for the reader's display choices: digits, and dates in both calendars."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from archive import display, notes

register = template.Library()


@register.tag
def digits(parser, token):
    """{% digits %}…{% enddigits %}: the digits of the enclosed text in the reader's chosen style."""
    nodelist = parser.parse(("enddigits",))
    parser.delete_first_token()
    return DigitsNode(nodelist)


class DigitsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        preferences = context.get("preferences")
        style = preferences.digits if preferences else "source"
        return display.convert_digits_in_html(self.nodelist.render(context), style)


@register.filter
def gregorian(date):
    return display.gregorian_range(date)


@register.filter
def hijri(date):
    """The Umm al-Qura date of a Gregorian one, in words."""
    return display.hijri_range(display.to_hijri(date))


@register.filter
def session_gregorian(session):
    return display.gregorian_range(session.start_date, session.end_date)


@register.filter
def session_hijri(session):
    """The Hijri dates printed in the sources; computed from the Gregorian ones when none were."""
    start = display.parse_hijri(session.hijri_start)
    if start:
        return display.hijri_range(start, display.parse_hijri(session.hijri_end))
    return display.hijri_range(display.to_hijri(session.start_date), display.to_hijri(session.end_date))


_URL = re.compile(r"https?://\S+")
# A run a citation isolates with FSI … PDI (archive.citation.isolate): a place, a number, a title.
_ISOLATED = re.compile("\u2068([^\u2068\u2069]*)\u2069")


def _isolated_run(match) -> str:
    run = match.group(1)
    # A run without spaces (32/38-س, أستانا) is never broken across lines at its hyphen.
    kind = ' class="token"' if run and not any(c.isspace() for c in run) else ""
    return f"<bdi{kind}>{run}</bdi>"


@register.filter
def isolate_urls(text):
    """Escaped text whose URLs are isolated left-to-right, so an address at the end of an Arabic line is
    not reordered by the bidi algorithm ("/1/resolutions/…"), and whose FSI … PDI runs become <bdi>
    elements (the same isolation in HTML, where copying a page's text would drop the invisible marks)."""
    html = _URL.sub(lambda m: f'<bdi class="url" dir="ltr">{m.group(0)}</bdi>', escape(text))
    return mark_safe(_ISOLATED.sub(_isolated_run, html))


@register.filter
def resolution_number(number) -> str:
    """A resolution number as one first-strong isolate that never breaks across lines: the same unit the
    citations use (FSI … PDI), so "2/25-ORG" and "32/38-س" keep one visual order in titles, links, lists
    and citations alike."""
    return format_html('<bdi class="token" lang="ar">{}</bdi>', number) if number else ""


# A resolution number inside running text (a document's title, a subject): 32/38-س, 2/25 - ORG,
# 8/11-ث(ق.إ), 52/4, 450 (1979), in either kind of digits. Its suffix is a Latin code or one to three
# Arabic letters (with their dots) standing alone, so the next word is never swallowed.
_DIGIT = "[0-9٠-٩]"
_NUMBER_IN_TEXT = re.compile(
    rf"(?<![\w/.]){_DIGIT}+\s?/\s?{_DIGIT}+(?![\w/])"
    rf"(?:\s?[-–ـ]\s?(?:[A-Z]{{2,5}}|[ء-ي](?:\.?\s?[ء-ي]){{0,2}})(?![ء-ي\w]))?"
    rf"(?:\s?\((?:ق\.\s?[إأ]|{_DIGIT}{{4}})\))?"
    rf"|(?<![\w/]){_DIGIT}+\s\({_DIGIT}{{4}}\)"
)


@register.filter
def isolate_numbers(text) -> str:
    """Escaped text whose resolution numbers are isolated like `resolution_number`, so that the title
    "القرار 2/25-ORG بشأن …" shows the number in the order its link beside it does."""
    if not text:
        return ""
    pieces, last = [], 0
    for match in _NUMBER_IN_TEXT.finditer(str(text)):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(resolution_number(match.group(0)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


_TAG = re.compile(r"(<[^>]*>)")


@register.filter
def isolate_numbers_in_html(html) -> str:
    """`isolate_numbers` over the text of safe HTML (a search snippet with its <mark> highlights); tags
    are kept as they are."""
    pieces = _TAG.split(str(html or ""))
    # The text between tags is already escaped: isolate its numbers without escaping it again.
    return mark_safe(
        "".join(piece if index % 2 else _NUMBER_IN_TEXT.sub(lambda m: f'<bdi class="token" lang="ar">{m.group(0)}</bdi>', piece)
                for index, piece in enumerate(pieces))
    )


@register.filter
def note(warning) -> str:
    """A processing note (Document.warnings) in the reader's language."""
    return notes.note_text(warning)


@register.filter
def file_size(size) -> str:
    """A size in bytes as "20.0 MB": Western digits and a point in either language. Django's own
    filesizeformat follows the Arabic locale's decimal comma and abbreviations ("20,0 م.ب."), which read
    poorly beside file names and limits given in MB."""
    try:
        size = float(size)
    except (TypeError, ValueError):
        return ""
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""
