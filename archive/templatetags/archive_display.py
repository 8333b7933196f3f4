"""Template helpers for the reader's display choices: digits, and dates in both calendars."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive import display

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
