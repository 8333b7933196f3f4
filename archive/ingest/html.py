"""HTML pages to text lines: block elements become lines; scripts, styles and navigation are dropped.

And `active_content`: what in a page could run in a browser, judged by parsing it tag by tag and attribute
by attribute with entities decoded, never by matching patterns against the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_BLOCKS = set(
    "p div br li tr h1 h2 h3 h4 h5 h6 table section article blockquote pre dd dt ul ol hr title".split()
)
_SKIPPED = {"script", "style", "nav", "noscript", "template", "iframe", "object", "svg", "head"}
_LOOKS_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|p|div|table)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text[:5000]))


class _Parser(HTMLParser):
    """html.parser, with entities decoded, that reads `<![anything` as browsers do instead of raising.

    The standard library only knows `<![CDATA[`, `<![if …]>` and a few SGML keywords after `<![`, and
    raises AssertionError on any other; browsers read every `<![…>` they do not know as a comment.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)


class _TextExtractor(_Parser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


# --- what could run in a browser --------------------------------------------------------------------------
#
# An archive of resolutions needs text, headings, tables, links and images; nothing that runs, loads another
# page into this one, or sends the reader elsewhere. So what counts as active content, kind by kind:
#
# - SCRIPT: a <script> element (also <svg:script>, and the inner tag of a malformed `<scr<script>`).
# - HANDLERS: any attribute whose name starts with "on" (onload, onerror, onbegin, ontoggle …: every event
#   handler attribute does), and SVG animations that set one (<set attributeName="onclick" to="…">).
# - SCRIPT_URLS: a javascript:, vbscript:, livescript: or mocha: URL anywhere in an attribute value (href,
#   src, action, formaction, xlink:href, SVG values/to, …; Netscape's `&{…}` script entities too), read as
#   a browser reads it: entities decoded, tabs, newlines and other control characters dropped (browsers
#   drop them inside a scheme), full-width letters folded, case ignored. Attributes that browsers only
#   show as text (title, alt, content of an ordinary <meta> …) may mention "javascript:" freely.
# - DATA_URLS: a data: URL in a URL attribute or in CSS url() unless it is a raster image (png, jpeg, gif,
#   webp, avif, bmp, icon): data:text/html and data:image/svg+xml are documents that can carry scripts.
# - EMBEDS: <iframe>, <frame>, <frameset>, <object>, <embed>, <applet>, <portal>, <fencedframe> and
#   <link rel=import>: another page or a plugin inside this one. Not <form>: a saved page's search box runs
#   nothing, and a form that does (action=javascript:, onsubmit) is caught by the rules above.
# - DIRECTIVES: <base href> (every relative link then points elsewhere), <meta http-equiv> refresh,
#   set-cookie or link (a redirect, a cookie, a style sheet the reader did not ask for) and
#   <?xml-stylesheet?>. EMBEDS also takes IE's <?import implementation=…?> components.
# - STYLES: CSS, in <style> or a style attribute, that runs code: IE's expression() and behavior:,
#   Firefox's -moz-binding, script URLs in url() or @import, read after CSS escapes and comments are
#   removed (`exp/**/ression`, `\6a avascript:`); and a <style type> other than text/css.
# - COMMENTED: any of the above inside a comment, a CDATA section, a processing instruction or a
#   declaration. A commented-out script is inert in today's browsers, but IE ran conditional comments
#   (`<!--[if IE]><script>`), and browsers and html.parser disagree about where some comments end
#   (`<!-->`, `--!>`, `<![CDATA[>`): rather than guess which parser the reader has, such pages are refused.
# - ESCAPED: the page's text, once its entities are decoded, is itself active markup (`&lt;script&gt;`,
#   `&lt;img src=x onerror=…&gt;`), or markup hides in an attribute value (`<p title="</noscript><img
#   onerror=…>">`, which a browser reads as a tag). Our templates escape it, but it is exactly what the
#   archive stores as a paragraph, and any later step that printed a paragraph as HTML would run it.
#   Text that merely mentions script, onload or javascript: is fine: the decoded text is parsed again as
#   HTML, so only what would be a tag or an attribute counts.
#
# The judge is html.parser, the parser the archive reads pages with, so what is checked is what is read.
# It is not a browser's HTML5 parser; where the two may read a page differently (the text of <style>, where
# a comment ends, RCDATA in <title> or <noscript>), the text in question is parsed again and judged, so a
# disagreement can only make the check stricter. nh3 (ammonia) was considered as a second opinion and left
# out: a sanitiser answers "what may stay", and its output differs from any real page for harmless reasons
# (quoting, whitespace, unknown tags), so comparing the two would refuse good pages without naming why.

SCRIPT = "<script>"
HANDLERS = "on… event handlers"
SCRIPT_URLS = "javascript: links"
DATA_URLS = "data: documents"
EMBEDS = "frames and embedded objects"
DIRECTIVES = "redirects and base links"
STYLES = "script in styles"
COMMENTED = "code in comments"
ESCAPED = "code written as text"
KINDS = (SCRIPT, HANDLERS, SCRIPT_URLS, DATA_URLS, EMBEDS, DIRECTIVES, STYLES, COMMENTED, ESCAPED)

_EMBEDDING = set("iframe frame frameset object embed applet portal fencedframe".split())
_DIRECTIVE_HEADERS = {"refresh", "set-cookie", "link"}
# Attributes a browser only shows or keeps as text, never loads: they may mention javascript: in prose.
_TEXT_ATTRIBUTES = set("title alt summary label placeholder abbr content value class id".split())
# Attributes that hold a URL (or, for SVG animations, a list of values an href may be set to).
_URL_ATTRIBUTES = set(
    "href src action formaction data poster background dynsrc lowsrc codebase classid archive cite longdesc"
    " usemap icon manifest ping srcset imagesrcset profile datasrc values to from by".split()
)
_MAX_DEPTH = 8  # text inside text inside text …: no real page nests deeper; one that does is refused

_SWALLOWED_HANDLER = re.compile(r"on[a-z]+\s*=")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x1f\x7f]|<!--.*?-->", re.S)
_SCRIPT_SCHEME = re.compile(r"(?<![\w+.-])(?:javascript|vbscript|livescript|mocha):|&\{")
_RASTER = r"image/(?:png|jpe?g|pjpeg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)\s*[;,]"
_DATA_DOCUMENT = re.compile(rf"(?:^|[;,(\s'\"]|url=)\s*data:\s*(?!{_RASTER})")
_CSS_COMMENT = re.compile(r"()/\*.*?(?:\*/|$)", re.S)
_CSS_COMMENT_OUTSIDE_STRINGS = re.compile(r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')|/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-f]{1,6})[ \t\r\n\f]?|(.))", re.S | re.I)
_CSS_CODE = re.compile(r"expression\s*\(|-moz-binding|(?<![\w-])behaviou?r\s*:")
_CSS_DATA_DOCUMENT = re.compile(rf"(?:url\(|@import)\s*['\"]?\s*data:\s*(?!{_RASTER})")


def active_content(text: str) -> list[str]:
    """What in a page could run in a browser, as KINDS in their order (empty for a harmless page).

    Null bytes are removed first: old browsers skipped them (`<scr\\0ipt>`), and no real text has them.
    """
    found = _find(text.replace("\x00", ""), 0)
    return [kind for kind in KINDS if kind in found]


def _find(html: str, depth: int) -> set[str]:
    if depth > _MAX_DEPTH:
        return {ESCAPED}
    finder = _ActiveContentFinder(depth)
    finder.feed(html)
    finder.close()
    return finder.found | finder.found_in_text(html)


class _ActiveContentFinder(_Parser):
    def __init__(self, depth: int):
        super().__init__()
        self.depth = depth
        self.found: set[str] = set()
        self.text: list[str] = []  # the page's text, entities decoded
        self.hidden: list[str] = []  # comments, CDATA sections, processing instructions, declarations

    def handle_starttag(self, tag, attrs):
        # `<scr<script>` is one tag named "scr<script" to a browser; an old one, or a later step that strips
        # tags, may see the inner <script>: the name after the last "<" is judged, as is a namespaced one.
        name = tag.rpartition("<")[2].rpartition(":")[2]
        values = {attribute: value or "" for attribute, value in attrs}
        if name == "script":
            self.found.add(SCRIPT)
        elif name in _EMBEDDING or (name == "link" and "import" in values.get("rel", "").lower().split()):
            self.found.add(EMBEDS)
        elif name == "base" and "href" in values:
            self.found.add(DIRECTIVES)
        elif name == "meta" and values.get("http-equiv", "").strip().lower() in _DIRECTIVE_HEADERS:
            self.found.add(DIRECTIVES)
            self.found |= _url_findings(values.get("content", ""), url=True)
        elif name == "style" and values.get("type", "text/css").strip().lower() not in ("", "text/css"):
            self.found.add(STYLES)
        for attribute, value in values.items():
            self._check_attribute(attribute, value)

    def _check_attribute(self, attribute, value):
        # A name as a browser might read it: whole (`onload!#$%…:;?@[`) or without a namespace prefix
        # (`xlink:href`, `ev:onclick`), and without the junk an old browser skipped (`` `onerror ``).
        whole = re.sub(r"^[^a-z]+", "", attribute)
        local = re.sub(r"^[^a-z]+", "", attribute.rpartition(":")[2])
        setting = value.strip().lower()
        if (
            whole.startswith("on")
            or local.startswith("on")
            or (local == "attributename" and setting.startswith("on"))  # <set attributeName=onclick to=…>
            or _SWALLOWED_HANDLER.match(setting)  # `src= onerror=…`: HTML5 makes it src's value, IE did not
        ):
            self.found.add(HANDLERS)
        if local == "style":
            self.found |= _css_findings(value)
        elif local not in _TEXT_ATTRIBUTES and not local.startswith(("aria-", "data-")):
            is_url = local in _URL_ATTRIBUTES or local.endswith(("href", "src"))
            self.found |= _url_findings(value, url=is_url)
        if local == "srcdoc":  # a whole page, parsed as one
            self.found |= _find(value, self.depth + 1)
        elif "<" in value and _find(value + ">", self.depth + 1):
            self.found.add(ESCAPED)

    def handle_data(self, data):
        if self.cdata_elem == "style":
            self._check_style_text(data)
        elif not self.cdata_elem:
            self.text.append(data)

    def close(self):
        super().close()
        if self.cdata_elem == "style":  # a <style> never closed: html.parser keeps its text to itself
            self._check_style_text(self.rawdata)

    def _check_style_text(self, css):
        # html.parser ends a <style> only at a plain </style>, a browser also at `</style x>`, and inside
        # <svg> or <math> a browser reads no <style> as raw text at all: its text is judged as markup too.
        self.found |= _css_findings(css) | _find(css, self.depth + 1)

    def handle_comment(self, data):
        self.hidden.append(data)

    def handle_decl(self, decl):
        self.hidden.append(decl)

    def handle_pi(self, data):
        # In an XML document <?xml-stylesheet?> applies an XSLT sheet, which can write scripts, and IE ran
        # the HTC components of <?import implementation=…>; in an HTML page either is only a comment.
        instruction = data.strip().lower()
        if instruction.startswith("xml-stylesheet"):
            self.found.add(DIRECTIVES)
        elif instruction.startswith("import"):
            self.found.add(EMBEDS)
        self.hidden.append(data)

    def unknown_decl(self, data):
        self.hidden.append(data)

    def found_in_text(self, html: str) -> set[str]:
        """ESCAPED if the decoded text is active markup, COMMENTED if a comment or the like holds some.

        The text is parsed again if it holds markup or entities (`&amp;lt;script&amp;gt;` is a script once
        printed twice) and decoding changed it, so text that is just text ends the descent;
        a ">" is added so that a tag left open at the end (`&lt;img src=x onerror=…`) is judged as a tag,
        as it would be if printed before more markup.
        """
        found = set()
        text = "".join(self.text)
        if ("<" in text or "&" in text) and text != html and _find(text + ">", self.depth + 1):
            found.add(ESCAPED)
        if any("<" in chunk and _find(chunk, self.depth + 1) for chunk in self.hidden):
            found.add(COMMENTED)
        return found


def _url_findings(value: str, *, url: bool) -> set[str]:
    """SCRIPT_URLS for a script URL in the value; DATA_URLS for a data: document in a URL attribute."""
    value = _IGNORED_IN_URLS.sub("", unicodedata.normalize("NFKC", value)).lower()
    found = set()
    if _SCRIPT_SCHEME.search(value):
        found.add(SCRIPT_URLS)
    if url and _DATA_DOCUMENT.search(value):
        found.add(DATA_URLS)
    return found


def _css_findings(css: str) -> set[str]:
    """STYLES for CSS that runs code or loads a script URL; DATA_URLS for a data: document in it.

    Read twice, once with comments taken out where a CSS parser finds them (not inside strings) and once
    wherever they appear, since IE, the browser that ran expression(), was loose about both.
    """
    found = set()
    for reading in _css_readings(unicodedata.normalize("NFKC", css)):
        if _CSS_CODE.search(reading) or _SCRIPT_SCHEME.search(reading):
            found.add(STYLES)
        if _CSS_DATA_DOCUMENT.search(reading):
            found.add(DATA_URLS)
    return found


def _css_readings(css: str) -> tuple[str, ...]:
    readings = []
    for comments in (_CSS_COMMENT_OUTSIDE_STRINGS, _CSS_COMMENT):
        reading = comments.sub(lambda match: match.group(1) or "", css)
        reading = comments.sub(lambda match: match.group(1) or "", _CSS_ESCAPE.sub(_css_unescape, reading))
        readings.append(_IGNORED_IN_URLS.sub("", reading).lower())
    return tuple(readings)


def _css_unescape(match: re.Match) -> str:
    if match.group(2) is not None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
