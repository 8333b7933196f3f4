"""Read what a researcher typed into a small query tree, never failing.

Syntax: words (all must match), "exact phrases" (straight, curly or «Arabic» quotes), OR between terms
(also أو and |), -exclusions, (groups). Every word goes through search.analysis, so the tree holds the
terms the index holds; stop words are dropped outside phrases and leave a gap inside them. A resolution
number written any way ("32/38-س", "٣٢/٣٨", "242 (1967)") is recognised and listed in
`resolution_numbers`, and searched in the text as a phrase.

Malformed input (unbalanced quotes or brackets, lone operators, control characters, 2,000 characters,
brackets nested hundreds deep, hundreds of words) gives the best reading plus user-facing notices in
Arabic, never an exception. Pure Python: no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from arabic import to_western_digits
from archive.ingest.resolution_numbers import canonical_sc_number, parse_number_query
from archive.ingest.un_symbols import find_symbols
from search import analysis


def gettext_noop(message: str) -> str:
    """Marks a notice for translation (Django's makemessages looks for this name) without importing Django:
    this module stays pure. The interface translates it when it shows it (Notice.template)."""
    return message


class Notice(str):
    """A notice in Arabic that also keeps its untranslated template and values, for other languages."""

    template: str
    params: dict

    def __new__(cls, template: str, **params) -> Notice:
        notice = super().__new__(cls, template % params if params else template)
        notice.template = template
        notice.params = params
        return notice


MAX_LENGTH = 500  # characters searched; the rest is cut, with a notice
MAX_INPUT = 20 * MAX_LENGTH  # characters read at all (before control characters are removed)
# Brackets nested deeper than this are ignored (their words join the group at the limit), with a notice:
# no reader nests more, and a bounded tree keeps every recursive walk of it (here, in search.engine, in
# haystack and in the engines' own parsers) far from Python's recursion limit.
MAX_DEPTH = 8
MAX_TERMS = 50  # words (and phrase words) searched; the later ones are left out, with a notice

QUOTES = '"“”«»„‟″'
OPEN, CLOSE = "(", ")"
_NEGATIONS = "-−–"  # hyphen, minus sign, en dash in front of a word
_OR_WORDS = {"or", "|", "||", "او"}  # "او" is أو normalised (أو، او، إو)
_AND_WORDS = {"and", "&", "&&"}
_NOT_WORDS = {"not"}
_WORD_ENDS = frozenset(f" {QUOTES}{OPEN}{CLOSE}\ue000")

# Resolution numbers inside a longer query: "32/38-س", "٣٢ / ٣٨", "242 (1967)", "3376 (د-30)". Arabic-Indic
# digits are translated one for one before matching, so offsets stay those of the query.
_AR_LETTER = "\u0621-\u063f\u0641-\u064a"
_DASH = "[-\u2010-\u2015\u2212\u0640]"
_NUMBER_IN_QUERY = re.compile(
    rf"(?<![\d/])(?P<pair>\d{{1,4}}[ ]*/[ ]*\d{{1,3}})(?![\d/])"
    rf"(?P<category>[ ]*{_DASH}*[ ]*(?:[{_AR_LETTER}](?:[ .]*[{_AR_LETTER}]){{0,2}}|[A-Za-z]{{2,3}})(?![{_AR_LETTER}A-Za-z])"
    rf"(?:[ ]*\([ ]*ق[ .\-]*[أإا][ ]*\))?)?"
    rf"|(?<![\d/])\d{{1,4}}[ ]*\([ ]*(?:\d{{4}}|د[ ]*{_DASH}?[ ]*\d{{1,2}})[ ]*\)"
)
# Placeholders for recognised numbers, built from private-use characters (which clean_text removes
# from what the user typed, so a query cannot forge one).
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True)
class Term:
    text: str  # analysed form: what the index holds
    surface: str  # the word as typed


@dataclass(frozen=True)
class Phrase:
    terms: tuple[Term, ...]  # the words that are not stop words, in order (at least two)
    gaps: tuple[int, ...]  # for each word after the first: stop words skipped since the previous one

    @property
    def slop(self) -> int:
        """How far apart (in positions) consecutive indexed words may be: 1 means adjacent."""
        return 1 + max(self.gaps, default=0)

    @property
    def surface(self) -> str:
        return " ".join(term.surface for term in self.terms)


@dataclass(frozen=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    node: Node


Node = Term | Phrase | And | Or | Not


@dataclass
class ParsedQuery:
    text: str  # the query as read: control characters removed, cut to MAX_LENGTH
    tree: Node | None
    resolution_numbers: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # UN document symbols the query names (search_key form: A/RES/69/131, S/RES/2213(2015)).
    symbols: list[str] = field(default_factory=list)
    # cites:450(1979) — paragraphs citing a resolution: for each such filter, the numbers it may mean.
    cites: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return self.tree is None and not self.symbols and not self.resolution_numbers and not self.cites

    @property
    def has_phrase(self) -> bool:
        """Whether the user wrote a phrase (in quotation marks), which the page's tips then speak of."""
        return _has_phrase(self.tree) and not self.resolution_numbers

    def highlights(self) -> Highlights:
        """What to mark in a result: the single words anywhere, a phrase's words only as the phrase."""
        words: list[str] = []
        phrases: list[tuple[str, ...]] = []
        _collect_highlights(self.tree, words, phrases)
        return Highlights(frozenset(words), tuple(dict.fromkeys(phrases)))

    def terms(self) -> list[str]:
        """Analysed terms the results should contain (not the excluded ones)."""
        return list(dict.fromkeys(term.text for term in positive_terms(self.tree)))


@dataclass(frozen=True)
class Highlights:
    words: frozenset[str]  # analysed terms marked wherever they occur
    phrases: tuple[tuple[str, ...], ...]  # analysed terms marked only where they stand in this order


def _collect_highlights(node: Node | None, words: list[str], phrases: list[tuple[str, ...]]) -> None:
    if node is None or isinstance(node, Not):
        return
    if isinstance(node, Term):
        words.append(node.text)
    elif isinstance(node, Phrase):
        phrases.append(tuple(term.text for term in node.terms))
    else:
        for child in node.nodes:
            _collect_highlights(child, words, phrases)


def _has_phrase(node: Node | None) -> bool:
    if isinstance(node, Phrase):
        return True
    if isinstance(node, And | Or):
        return any(_has_phrase(child) for child in node.nodes)
    if isinstance(node, Not):
        return _has_phrase(node.node)
    return False


def _all_terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Phrase):
        return list(node.terms)
    if isinstance(node, Not):
        return _all_terms(node.node)
    return [term for child in node.nodes for term in _all_terms(child)]


def top_level(node: Node | None) -> tuple[Node, ...]:
    """The nodes a query requires side by side: an And's children, or the one node."""
    if node is None:
        return ()
    return node.nodes if isinstance(node, And) else (node,)


def positive_terms(node: Node | None) -> list[Term]:
    if node is None or isinstance(node, Not):
        return []
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Phrase):
        return list(node.terms)
    return [term for child in node.nodes for term in positive_terms(child)]


def clean_text(text: str) -> str:
    """Remove control, format and private-use characters; every run of white space becomes one space.
    Only the first MAX_INPUT characters are read, so the work is bounded whatever is sent."""
    kept = []
    for char in text[:MAX_INPUT]:
        category = unicodedata.category(char)
        if char.isspace() or category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Co", "Cs", "Cn"):
            kept.append(char)
    return " ".join("".join(kept).split())


def parse(query: str | None) -> ParsedQuery:
    """The best reading of a query, with notices for whatever had to be guessed or left out."""
    notices: list[str] = []
    text = clean_text(query or "")
    if len(text) > MAX_LENGTH:
        cut = text[:MAX_LENGTH]
        if " " in cut[-30:]:
            cut = cut[: cut.rindex(" ")]
        text = cut.rstrip()
        notices.append(
            Notice(gettext_noop("الاستعلام طويل: بُحث بأول %(limit)s حرف منه فقط."), limit=MAX_LENGTH)
        )
    if not text:
        return ParsedQuery(text="", tree=None, notices=notices)
    read = text
    text, cites = _cites_filters(text, notices)
    if cites and not text:
        return ParsedQuery(text=read, tree=None, notices=notices, cites=cites)
    if cites:
        parsed = parse(text)
        parsed.text, parsed.cites = read, cites
        parsed.notices = notices + parsed.notices
        return parsed

    without, symbols = _take_symbols(text)
    if symbols:
        parsed = parse(without) if without else ParsedQuery(text="", tree=None)
        parsed.text, parsed.symbols = text, symbols
        parsed.resolution_numbers = list(dict.fromkeys([*symbol_resolution_numbers(symbols), *parsed.resolution_numbers]))
        parsed.notices = notices + parsed.notices
        return parsed

    whole = parse_number_query(text)
    if whole:
        return ParsedQuery(text=text, tree=_number_node(whole), resolution_numbers=whole, notices=notices)

    masked, numbers = _mask_numbers(text)
    reader = _Reader(_lex(masked, notices), numbers, notices)
    tree = reader.read()
    if reader.dropped and tree is None and not reader.numbers_used:
        # Only when nothing else was searched: words like في beside others need no word of explanation.
        words = "، ".join(dict.fromkeys(reader.dropped))
        notices.append(
            Notice(
                gettext_noop(
                    "«%(words)s» من الكلمات الشائعة جدًا، فلا يُبحث عنها وحدها. اكتبها مع كلمات أخرى، "
                    "أو بين علامتي تنصيص مع ما يليها، مثل: «في القدس»."
                ),
                words=words,
            )
        )
    if tree is not None and not positive_terms(tree):
        notices.append(
            Notice(gettext_noop("لا يمكن البحث بالاستبعاد وحده: أضف كلمة يجب أن تحتويها النتائج."))
        )
        tree = None
    if tree is None and not reader.numbers_used and not notices:
        notices.append(Notice(gettext_noop("لم نجد في الاستعلام كلمة يمكن البحث عنها.")))
    return ParsedQuery(text=text, tree=tree, resolution_numbers=reader.numbers_used, notices=notices)


# --- cites: -------------------------------------------------------------------------------------------

# "cites:450(1979)", "cites: 450 (1979)", "cites:32/38-س", "cites:\"8/11 - ث (ق.إ)\"", "يستشهد:52/4".
_CITES = re.compile(
    rf"(?<!\S)(?:cites|يستشهد|يستشهد_ب)[ ]?:[ ]?"
    rf"(?:[{QUOTES}](?P<quoted>[^{QUOTES}]*)[{QUOTES}]?|(?P<sc>\d{{1,4}}[ ]?\([ ]?\d{{4}}[ ]?\))"
    rf"|(?P<oic>\d{{1,3}}[ ]?/[ ]?\d{{1,3}}(?:[ ]?{_DASH}[ ]?[{_AR_LETTER}A-Za-z.]{{1,4}}(?:[ ]?\(ق[ .]?[أإا]\))?)?)"
    rf"|(?P<word>\S*))",
    re.IGNORECASE,
)


def _cites_filters(text: str, notices: list[str]) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The text without its cites: filters, and the numbers each one may mean."""
    digits = to_western_digits(text)
    found: list[tuple[str, ...]] = []
    parts, last = [], 0
    for match in _CITES.finditer(digits):
        value = next(v for v in match.group("quoted", "sc", "oic", "word") if v is not None).strip()
        candidates = tuple(parse_number_query(value)) or ((value,) if value.isdigit() else ())
        if candidates:
            found.append(candidates)
        else:
            notices.append(
                Notice(
                    gettext_noop("«cites:» يحتاج رقم قرار، مثل cites:450(1979) أو cites:52/4: تُجوهل «%(value)s»."),
                    value=text[match.start() : match.end()],
                )
            )
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return " ".join("".join(parts).split()), tuple(dict.fromkeys(found))


# --- UN document symbols ----------------------------------------------------------------------------


def _take_symbols(text: str) -> tuple[str, list[str]]:
    """The text without the UN symbols it names (A/RES/69/131, s / res / 2213 (2015)), and their keys."""
    found = find_symbols(text)
    if not found:
        return text, []
    parts, last = [], 0
    for start, end, _key in found:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return " ".join("".join(parts).split()), list(dict.fromkeys(key for _start, _end, key in found))


_GA_RESOLUTION_SYMBOL = re.compile(r"^A/RES/(\d{1,3})/(\d{1,4})$")
_SC_RESOLUTION_SYMBOL = re.compile(r"^S/RES/(\d{1,4})\((\d{4})\)$")


def symbol_resolution_numbers(symbols: list[str]) -> list[str]:
    """The archive's numbers of the resolutions named by symbol: A/RES/69/131 → 69/131, S/RES/2213(2015) →
    2213 (2015), so that a resolution stored from another source (without its symbol) is found too."""
    numbers = []
    for key in symbols:
        if match := _GA_RESOLUTION_SYMBOL.match(key):
            numbers.append(f"{int(match.group(1))}/{int(match.group(2))}")
        elif match := _SC_RESOLUTION_SYMBOL.match(key):
            numbers.append(canonical_sc_number(int(match.group(1)), int(match.group(2))))
    return numbers


# --- Resolution numbers -----------------------------------------------------------------------------


def _mask_numbers(text: str) -> tuple[str, list[list[str]]]:
    """Replace each resolution number in the text by a placeholder word; return the candidates of each."""
    digits = to_western_digits(text)
    numbers: list[list[str]] = []
    parts: list[str] = []
    last = 0
    for match in _NUMBER_IN_QUERY.finditer(digits):
        candidates = parse_number_query(match.group())
        if not candidates and match.group("pair"):
            candidates = parse_number_query(match.group("pair"))
            end = match.end("pair")
        else:
            end = match.end()
        if not candidates:
            continue
        parts.append(text[last : match.start()])
        parts.append(f"\ue000{len(numbers)}\ue001")
        numbers.append(candidates)
        last = end
    parts.append(text[last:])
    return "".join(parts), numbers


def _number_node(candidates: list[str]) -> Node | None:
    """The number as it may be printed in a paragraph: any candidate, as a phrase of its parts."""
    nodes = [_words_node(candidate, as_phrase=True) for candidate in candidates]
    return _or(list(dict.fromkeys(node for node in nodes if node is not None)))


# --- Lexing -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # word, phrase, or, and, not, open, close
    text: str = ""


def _lex(text: str, notices: list[str]) -> list[_Lexeme]:
    found: list[_Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == " ":
            i += 1
        elif char in QUOTES:
            end = next((j for j in range(i + 1, n) if text[j] in QUOTES), None)
            if end is None:
                notices.append(Notice(gettext_noop("علامة التنصيص غير مغلقة: عُدَّ ما بعدها عبارة واحدة.")))
                end = n
            found.append(_Lexeme("phrase", text[i + 1 : end]))
            i = end + 1
        elif char == "\ue000":
            end = text.find("\ue001", i)
            found.append(_Lexeme("word", text[i : end + 1]))
            i = end + 1
        elif char == OPEN:
            found.append(_Lexeme("open"))
            i += 1
        elif char == CLOSE:
            found.append(_Lexeme("close"))
            i += 1
        elif char in _NEGATIONS and i + 1 < n and text[i + 1] not in f" {CLOSE}{_NEGATIONS}":
            found.append(_Lexeme("not"))
            i += 1
        else:
            j = i
            while j < n and text[j] not in _WORD_ENDS:
                j += 1
            word = text[i:j]
            key = analysis.normalise(word)
            if key in _OR_WORDS:
                found.append(_Lexeme("or"))
            elif key in _AND_WORDS:
                found.append(_Lexeme("and"))
            elif key in _NOT_WORDS:
                found.append(_Lexeme("not"))
            else:
                found.append(_Lexeme("word", word))
            i = j
    return found


# --- Reading ------------------------------------------------------------------------------------------


class _Reader:
    """Recursive descent: sequence := (item (OR item)*)*, item := NOT item | ( sequence ) | word | phrase."""

    def __init__(self, lexemes: list[_Lexeme], numbers: list[list[str]], notices: list[str]):
        self.lexemes = lexemes
        self.numbers = numbers
        self.notices = notices
        self.position = 0
        self.dropped: list[str] = []
        self.numbers_used: list[str] = []
        self._negated = 0
        self._ignored_opens = 0  # brackets opened past MAX_DEPTH whose ")" is still to come
        self.term_count = 0

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def read(self) -> Node | None:
        nodes = self._sequence(depth=0)
        return _and(nodes)

    def _peek(self) -> _Lexeme | None:
        return self.lexemes[self.position] if self.position < len(self.lexemes) else None

    def _sequence(self, depth: int) -> list[Node]:
        nodes: list[Node] = []
        pending_or = False
        while (lexeme := self._peek()) is not None:
            if lexeme.kind == "close":
                self.position += 1
                if self._ignored_opens:
                    self._ignored_opens -= 1
                    continue
                if depth:
                    break
                self._notice(Notice(gettext_noop("قوس إغلاق زائد: تُجوهل.")))
                continue
            if lexeme.kind == "or":
                self.position += 1
                if not nodes or pending_or:
                    self._notice(Notice(gettext_noop("«أو» بلا كلمة قبلها أو بعدها: تُجوهلت.")))
                pending_or = bool(nodes)
                continue
            if lexeme.kind == "and":
                self.position += 1
                continue
            node = self._item(depth)
            if node is None:
                continue
            if pending_or:
                nodes[-1] = self._or_of(nodes[-1], node)
                pending_or = False
            else:
                nodes.append(node)
        else:
            if depth:
                self._notice(Notice(gettext_noop("قوس مفتوح لم يُغلق: أُغلق في آخر الاستعلام.")))
        if pending_or:
            self._notice(Notice(gettext_noop("«أو» بلا كلمة قبلها أو بعدها: تُجوهلت.")))
        return nodes

    def _or_of(self, left: Node, right: Node) -> Node:
        if isinstance(left, Not) or isinstance(right, Not):
            self._notice(Notice(gettext_noop("لا يُجمع الاستبعاد مع «أو»: تُجوهل الاستبعاد.")))
            kept = [node for node in (left, right) if not isinstance(node, Not)]
            return _or(kept) or left
        return _or([left, right])

    def _item(self, depth: int) -> Node | None:
        # Negations and brackets past MAX_DEPTH are read in a loop, not by recursion, so no run of them
        # can go deep: "not not x" is x, and "(" past the limit is skipped (its ")" too, in _sequence).
        negations = 0
        while True:
            lexeme = self.lexemes[self.position]
            self.position += 1
            nxt = self._peek()
            if lexeme.kind == "not":
                if nxt is None or nxt.kind in ("or", "and", "close", "not"):
                    self._notice(Notice(gettext_noop("علامة الاستبعاد (-) بلا كلمة بعدها: تُجوهلت.")))
                    return None
                negations += 1
            elif lexeme.kind == "open" and depth >= MAX_DEPTH:
                self._ignored_opens += 1
                self._notice(
                    Notice(
                        gettext_noop("أقواس متداخلة أكثر من %(limit)s مستويات: تُجوهلت الأقواس الأعمق."),
                        limit=MAX_DEPTH,
                    )
                )
                if nxt is None or nxt.kind in ("or", "and", "close"):
                    return None
            else:
                break
        self._negated += negations
        node = self._base(lexeme, depth)
        self._negated -= negations
        if node is None or not negations % 2:
            return node
        return node.node if isinstance(node, Not) else Not(node)

    def _base(self, lexeme: _Lexeme, depth: int) -> Node | None:
        """A group, a phrase or a word, left out once MAX_TERMS words are taken."""
        if lexeme.kind == "open":
            return _and(self._sequence(depth + 1))
        if lexeme.kind == "phrase":
            node = self._phrase(lexeme.text)
            if node is None and lexeme.text.strip():
                self._notice(
                    Notice(
                        gettext_noop("العبارة «%(phrase)s» كلها كلمات شائعة: تُجوهلت."),
                        phrase=lexeme.text.strip(),
                    )
                )
        else:
            node = self._word(lexeme.text)
        return self._counted(node)

    def _counted(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        count = len(_all_terms(node))
        if self.term_count + count > MAX_TERMS:
            self._notice(
                Notice(gettext_noop("الاستعلام طويل: بُحث بأول %(limit)s كلمة منه فقط."), limit=MAX_TERMS)
            )
            return None
        self.term_count += count
        return node

    def _phrase(self, text: str) -> Node | None:
        # A number inside a phrase is searched as it is written there.
        text = _PLACEHOLDER.sub(lambda m: " ".join(self.numbers[int(m.group(1))][:1]), text)
        return _words_node(text, as_phrase=True)

    def _word(self, text: str) -> Node | None:
        if match := _PLACEHOLDER.fullmatch(text):
            candidates = self.numbers[int(match.group(1))]
            if not self._negated:
                self.numbers_used.extend(c for c in candidates if c not in self.numbers_used)
            return _number_node(candidates)
        node = _words_node(text, as_phrase=True)
        if node is None:
            self.dropped.extend(text[t.start : t.end] for t in analysis.tokens(text) if t.stop)
        return node


def _words_node(text: str, *, as_phrase: bool) -> Node | None:
    """Analyse text: no word -> None, one word -> Term, several (glued or quoted) -> Phrase."""
    kept = [token for token in analysis.tokens(text) if not token.stop]
    terms = tuple(Term(token.text, text[token.start : token.end]) for token in kept)
    if not terms:
        return None
    if len(terms) == 1:
        return terms[0]
    gaps = tuple(b.position - a.position - 1 for a, b in zip(kept, kept[1:], strict=False))
    return Phrase(terms, gaps) if as_phrase else And(terms)


def _flatten(nodes: list[Node], kind: type) -> list[Node]:
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, kind) else [node])
    return list(dict.fromkeys(flat))


def _and(nodes: list[Node]) -> Node | None:
    nodes = _flatten(nodes, And)
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _or(nodes: list[Node]) -> Node | None:
    nodes = _flatten(nodes, Or)
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))
