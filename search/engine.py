"""Run a parsed query (search.query): the text match in the search index; filters, order, facets and
pages in the database.

The index answers one question, "which paragraphs match these words, how well" (up to MAX_HITS of them);
filters, the newest/oldest orders and facet counts are then one or two SQL queries over those ids, so they
agree with the database exactly and do not depend on how well an engine facets.

No double analysis: Whoosh's query parser runs the text field's analyzer (ours) on every word we send,
and our analysis is not idempotent (الفلسطينية -> فلسطين -> فلسط; والتي -> التي, a stop word). So each
term goes to the engine as a string whose analysis is exactly that term: the analysed term itself when it
is a fixed point of the analysis, otherwise the word as the user typed it (see `engine_text`).
"""

from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, reduce

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.translation import gettext, gettext_lazy
from haystack import connections
from haystack.inputs import Raw
from haystack.query import SQ, SearchQuerySet

from archive.models import Body, Document, Paragraph, ParagraphKind, Resolution, Session
from search import analysis, synonyms
from search.models import SynonymGroup, active_groups
from search.query import And, Node, Not, Notice, Or, ParsedQuery, Phrase, Term, parse, positive_terms

MAX_HITS = 5000
PAGE_SIZE = 20
SORTS = {
    "relevance": gettext_lazy("الأكثر صلة"),
    "newest": gettext_lazy("الأحدث"),
    "oldest": gettext_lazy("الأقدم"),
}


@dataclass(frozen=True)
class Filters:
    body: str = ""
    session: str = ""
    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Filters:
        """From a form's cleaned_data: missing or invalid values mean no filter."""
        return cls(
            body=data.get("body") or "",
            session=data.get("session") or "",
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            kind=data.get("kind") or "",
        )

    def as_q(self) -> Q:
        q = Q()
        if self.body:
            q &= Q(document__in=Document.objects.filter(sessions__body=self.body))
        if self.session:
            q &= Q(document__in=Document.objects.filter(sessions__slug=self.session))
        if self.year_from is not None:
            q &= Q(document__date__year__gte=self.year_from)
        if self.year_to is not None:
            q &= Q(document__date__year__lte=self.year_to)
        if self.kind:
            q &= Q(kind=self.kind)
        return q

    def active(self) -> dict[str, object]:
        return {name: value for name in FILTERS if (value := getattr(self, name)) not in ("", None)}


FILTERS = ("body", "session", "year_from", "year_to", "kind")


@dataclass
class Outcome:
    ids: list[int]  # the paragraphs shown (up to MAX_HITS): full matches in the order asked for, then partial
    scores: dict[int, float]
    truncated: bool  # the engine had more than MAX_HITS matches
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # name -> (value, label, n)
    # Partial matches (after the full ones): paragraph id -> the query's words, as typed, that it lacks.
    missing: dict[int, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many paragraphs match the whole query (partial matches are not counted)."""
        return len(self.ids) - len(self.missing)

    @property
    def relaxed(self) -> bool:
        """Whether partial matches follow the full ones."""
        return bool(self.missing)

    def paginator(self) -> Paginator:
        return Paginator(self.ids, PAGE_SIZE, allow_empty_first_page=True)


def engine_text(term: Term) -> str:
    """A string the field analyzer turns into exactly [term.text]: the engine then holds our term."""
    if analysis.analyse(term.text) == [term.text]:
        return term.text
    return term.surface


@lru_cache(maxsize=2)
def _alias_surfaces(groups) -> dict[str, str]:
    """A typed word for each analysed alias term, so an alternative can go through `engine_text`.

    Keyed on the active groups (which change whenever admins edit them), so a query does not re-read and
    re-analyse every group name.
    """
    surfaces: dict[str, str] = {}
    for group in synonyms.load_groups() + [g.name_list() for g in SynonymGroup.objects.all()]:
        for name in group:
            for word in name.split():
                analysed = analysis.analyse(word)
                if len(analysed) == 1:
                    surfaces.setdefault(analysed[0], word)
    return surfaces


def with_aliases(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """Each run of plain words that names an alias group ORs with the group's other names (each AND)."""
    groups = active_groups()
    result: list[Node] = []
    run: list[Term] = []
    surfaces: dict[str, str] | None = None

    def flush():
        nonlocal surfaces
        alternatives = synonyms.expansions([term.text for term in run], groups=groups) if run else []
        if len(alternatives) > 1:
            surfaces = surfaces if surfaces is not None else _alias_surfaces(groups)
            options = [And(tuple(run))] + [
                And(tuple(Term(text, surfaces.get(text, text)) for text in alternative))
                for alternative in alternatives[1:]
            ]
            result.append(Or(tuple(options)))
        else:
            result.extend(run)
        run.clear()

    for node in nodes:
        if isinstance(node, Term):
            run.append(node)
        else:
            flush()
            result.append(node)
    flush()
    return tuple(result)


def expand_aliases(node: Node | None) -> Node | None:
    """The query tree with alias alternatives added wherever plain words name an alias group."""
    if isinstance(node, Term):
        (expanded,) = with_aliases((node,))
        return expanded
    if isinstance(node, And):
        children = tuple(child if isinstance(child, Term) else expand_aliases(child) for child in node.nodes)
        return And(with_aliases(children))
    if isinstance(node, Or):
        return Or(tuple(expand_aliases(child) for child in node.nodes))
    if isinstance(node, Not):
        return Not(expand_aliases(node.node))
    return node


def to_sq(node: Node) -> SQ:
    """The query tree as haystack SQ objects on the document field (content), in Whoosh query syntax.

    Every string is built from analysis word runs (letters, marks, digits), so it holds no query syntax;
    Latin terms are lower case, so no word reads as an AND/OR/NOT operator.
    """
    if isinstance(node, Term):
        return SQ(content=Raw(engine_text(node)))
    if isinstance(node, Phrase):
        words = " ".join(engine_text(term) for term in node.terms)
        slop = f"~{node.slop}" if node.slop > 1 else ""
        return SQ(content=Raw(f'"{words}"{slop}'))
    if isinstance(node, Not):
        return ~to_sq(node.node)
    children = [to_sq(child) for child in node.nodes]
    return reduce(operator.and_ if isinstance(node, And) else operator.or_, children)


def search_queryset(parsed: ParsedQuery) -> SearchQuerySet:
    sqs = SearchQuerySet().models(Paragraph)
    if parsed.tree is None:
        return sqs.none()
    return sqs.filter(to_sq(expand_aliases(parsed.tree)))


def ranked_hits(parsed: ParsedQuery, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first from the search engine, for a query with a tree."""
    return ranked_tree(with_proximity(expand_aliases(parsed.tree)), limit)


# Words of a query within this many positions of each other, in order, add a phrase match's score. Tuning
# set MRR: 0.979 without, 0.991 with a window of 2 or 4, 0.982 with 8.
PROXIMITY_WINDOW = 4


def with_proximity(tree: Node | None) -> Node | None:
    """The query's plain words, when there are several, also as a loose phrase ORed with them: the same
    paragraphs match (the phrase needs every word too), and those where the words stand close together
    score higher, on every engine (the tree is all they get)."""
    if not PROXIMITY_WINDOW or not isinstance(tree, And):
        return tree
    words = tuple(node for node in tree.nodes if isinstance(node, Term))
    if len(words) < 2:
        return tree
    others = tuple(node for node in tree.nodes if not isinstance(node, Term))
    near = Or((And(words), Phrase(words, gaps=(PROXIMITY_WINDOW - 1,) * (len(words) - 1))))
    return And((near, *others)) if others else near


def ranked_tree(tree: Node, limit: int) -> list[tuple[int, float]]:
    """(paragraph id, score) best first for a query tree whose aliases are already expanded.

    Whoosh takes the query in haystack's query syntax (`to_sq`); an engine that analyses nothing itself
    (Elasticsearch, search/elasticsearch_backend.py) takes the tree of analysed terms.
    """
    backend = connections["default"].get_backend()
    if hasattr(backend, "ranked_ids_for_tree"):
        return backend.ranked_ids_for_tree(tree, limit)
    return backend.ranked_ids(
        SearchQuerySet().models(Paragraph).filter(to_sq(tree)).query.build_query(), limit
    )


# --- Best partial matches when few paragraphs have every word --------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One of the query's plain words (or a run of words naming an alias group) that a partial match may lack."""

    node: Node  # what the engine searches: the word, or the alias group's alternatives
    label: str  # the words as the user typed them


# How many of a query's units a partial match may lack: none of one, one of two or three, then up to half.
def max_missing(units: int) -> int:
    return 0 if units < 2 else max(1, units // 2)


# A partial match must keep most of what makes the query specific: the words it lacks may weigh (by
# inverse document frequency) at most this share of the query's weight. A paragraph that has only the
# common words of a query is noise; so is every partial match of a two-word query whose other word the
# archive does not hold at all ("القدس الزنبقلورين"): that page stays empty. Chosen on the tuning set
# (recall@10 0.883 at 0.5, 0.904 at 0.65, 0.913 at 1.0, MRR 0.991 for all three) and ten negative queries of
# our own about what the archive does not hold (1, 2 and 2 of them showed partial matches), never on the
# held-out set.
MAX_MISSING_WEIGHT = 0.65


def relaxable(tree: Node | None) -> tuple[list[Unit], list[Node]]:
    """The query's plain words as units that may be missing, and what every result must still match:
    phrases, exclusions, resolution numbers and bracketed alternatives are never relaxed."""
    if tree is None:
        return [], []
    nodes = tree.nodes if isinstance(tree, And) else (tree,)
    required = [node for node in nodes if not isinstance(node, Term)]
    units = []
    for node in with_aliases(tuple(node for node in nodes if isinstance(node, Term))):
        if isinstance(node, Term):
            units.append(Unit(node, node.surface))
        else:  # an alias group: its first option is the words as typed
            units.append(Unit(node, " ".join(term.surface for term in node.nodes[0].nodes)))
    return list(dict.fromkeys(units)), [expand_aliases(node) for node in required]


def partial_matches(tree: Node | None, exclude: set[int], total: int) -> list[tuple[int, list[str], float]]:
    """Paragraphs that match the query but for some of its words, best first: (id, the words it lacks,
    the engine's score).

    Ranked by how many of the query's units they contain, then by the engine's score for any of them.
    One engine query per unit tells which paragraph has which (the engine's own hit lists: no re-reading of
    the text), and one for all of them gives the scores.
    """
    units, required = relaxable(tree)
    allowed = max_missing(len(units))
    if not allowed:
        return []

    def with_required(node: Node) -> Node:
        return And((node, *required)) if required else node

    having = {unit: {pk for pk, _ in ranked_tree(with_required(unit.node), MAX_HITS)} for unit in units}
    weight = {unit: math.log(1 + total / (len(having[unit]) + 0.5)) for unit in units}
    everything = sum(weight.values())
    found = []
    for pk, score in kind_weighted(
        ranked_tree(with_required(Or(tuple(unit.node for unit in units))), MAX_HITS)
    ):
        if pk in exclude:
            continue
        lacking = [unit for unit in units if pk not in having[unit]]
        if not lacking or len(lacking) > allowed:
            continue
        if sum(weight[unit] for unit in lacking) > MAX_MISSING_WEIGHT * everything:
            continue
        found.append((len(lacking), -score, pk, [unit.label for unit in lacking]))
    found.sort(key=lambda entry: entry[:2])
    return [(pk, lacking, -negative) for _n, negative, pk, lacking in found]


def run(parsed: ParsedQuery, filters: Filters | None = None, sort: str = "relevance") -> Outcome:
    """Matching paragraph ids in order, with scores and facet counts. An empty query finds nothing."""
    filters = filters or Filters()
    ranked: list[int] = []
    scores: dict[int, float] = {}
    truncated = False
    if parsed.tree is not None:
        hits = ranked_hits(parsed, MAX_HITS)
        truncated = len(hits) >= MAX_HITS
        for pk, score in kind_weighted(hits):
            ranked.append(pk)
            scores[pk] = score
    # The paragraphs of a resolution the query names come first, in reading order.
    named = resolution_paragraph_ids(parsed.resolution_numbers)
    seen = set(named)
    ranked = named + [pk for pk in ranked if pk not in seen]
    ids = _filtered(ranked, filters, sort)
    missing: dict[int, list[str]] = {}
    if len(ids) < PAGE_SIZE and not truncated:
        # Fewer than a page has every word: the best partial matches follow, each saying what it lacks.
        partial = partial_matches(parsed.tree, set(ranked), Paragraph.objects.count())
        lacking = {pk: words for pk, words, _score in partial}
        scores.update({pk: score for pk, _words, score in partial})
        extra = _filtered(list(lacking), filters, sort)[: MAX_HITS - len(ids)]
        missing = {pk: lacking[pk] for pk in extra}
        ids += extra
    if not ids:
        return Outcome([], {}, False, empty_facets())
    return Outcome(ids, scores, truncated, facet_counts(ids), missing)


# A heading or signature line is short, so BM25 scores its words high ("بشأن مدينة القدس الشريف" outranked
# every paragraph about Jerusalem); its score counts for this much against a paragraph's. Measured on the
# tuning set it costs one query whose judged answer is a heading a rank (MRR 1.000 -> 0.991 for any weight
# from 0.5 to 0.8); kept because a reader looks for the paragraphs that discuss a subject, not its title.
KIND_WEIGHT = {ParagraphKind.HEADING: 0.5, ParagraphKind.SIGNATURE: 0.3}


def kind_weighted(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The engine's hits re-ranked with each score weighted by its paragraph's kind."""
    if not hits:
        return hits
    kinds = dict(
        Paragraph.objects.filter(pk__in=[pk for pk, _ in hits], kind__in=list(KIND_WEIGHT)).values_list(
            "pk", "kind"
        )
    )
    weighted = [(pk, score * KIND_WEIGHT.get(kinds.get(pk), 1.0)) for pk, score in hits]
    return sorted(weighted, key=lambda hit: -hit[1])


def _filtered(ranked: list[int], filters: Filters, sort: str) -> list[int]:
    """The ranked ids the filters keep, in rank order or by date."""
    if not ranked:
        return []
    matching = Paragraph.objects.filter(pk__in=ranked).filter(filters.as_q())
    if sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    date = F("document__date")
    first = date.desc(nulls_last=True) if sort == "newest" else date.asc(nulls_last=True)
    return list(matching.order_by(first, "document_id", "position").values_list("pk", flat=True))


def resolution_paragraph_ids(numbers: list[str]) -> list[int]:
    """Paragraphs of the resolutions numbered as the query says ("32/38" also finds "32/38-س")."""
    if not numbers:
        return []
    wanted = Q(number__in=numbers)
    for number in numbers:
        wanted |= Q(number__startswith=f"{number}-")
    rank = {number: i for i, number in enumerate(numbers)}
    rows = Paragraph.objects.filter(resolution__in=Resolution.objects.filter(wanted)).values_list(
        "pk", "resolution__number", "document__date", "document_id", "position"
    )

    def order(row):
        pk, number, date, document_id, position = row
        prefix = number.split("-", 1)[0]
        return (rank.get(number, rank.get(prefix, len(rank))), date is None, date, document_id, position)

    return [row[0] for row in sorted(rows, key=order)]


def empty_facets() -> dict[str, list]:
    return {"body": [], "session": [], "year": [], "kind": []}


def facet_counts(ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    """Counts of matching paragraphs by body, session, year and kind: two queries over the ids."""
    if not ids:
        return empty_facets()
    kinds: Counter = Counter()
    years: Counter = Counter()
    for kind, year, n in (
        Paragraph.objects.filter(pk__in=ids)
        .values_list("kind", "document__date__year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        kinds[kind] += n
        if year is not None:
            years[year] += n
    session_pairs = set()
    body_pairs = set()
    linked = Paragraph.objects.filter(pk__in=ids, document__sessions__isnull=False)
    for pk, slug, body in linked.values_list("pk", "document__sessions__slug", "document__sessions__body"):
        session_pairs.add((pk, slug))
        body_pairs.add((pk, body))
    sessions = Counter(slug for _, slug in session_pairs)
    bodies = Counter(body for _, body in body_pairs)
    session_titles = {s.slug: s.title for s in Session.objects.filter(slug__in=list(sessions))}
    body_labels, kind_labels = dict(Body.choices), dict(ParagraphKind.choices)
    return {
        "body": [(b, body_labels.get(b, b), n) for b, n in _by_count(bodies)],
        "session": [(s, session_titles.get(s, s), n) for s, n in _by_count(sessions)],
        "year": [(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)],
        "kind": [(k, kind_labels.get(k, k), n) for k, n in _by_count(kinds)],
    }


def _by_count(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))


def load_paragraphs(ids: list[int]) -> list[Paragraph]:
    """The paragraphs of one page, in the order given, with what a result shows (three queries)."""
    found = Paragraph.objects.with_document("resolution").prefetch_related("document__sessions")
    by_id = {paragraph.pk: paragraph for paragraph in found.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


# --- "Did you mean" -------------------------------------------------------------------------------------


def suggest(parsed: ParsedQuery) -> str | None:
    """A corrected query built from words that are in the index, or None.

    Whoosh's corrector works on our analysed terms (the text field's terms); each correction is shown as
    the spelling most often found in the indexed paragraphs for that term.
    """
    if parsed.tree is None:
        return None
    backend = connections["default"].get_backend()
    if hasattr(backend, "corrections"):
        replacements = _engine_corrections(backend, parsed)
    else:
        replacements = _whoosh_corrections(backend, parsed)
    if not replacements:
        return None
    suggestion = render(parsed.tree, replacements)
    # Offer it only if it finds something.
    suggested = parse(suggestion)
    return suggestion if suggested.tree is not None and ranked_hits(suggested, 1) else None


def _correctable(term: Term) -> bool:
    return len(term.text) >= 3 and not term.text.isdigit()


def _engine_corrections(backend, parsed: ParsedQuery) -> dict[str, str]:
    """Corrections from an engine's own suggester, each shown as most often written in the archive."""
    terms = list(dict.fromkeys(term.text for term in positive_terms(parsed.tree) if _correctable(term)))
    replacements = {}
    for term, correction in backend.corrections(terms).items():
        texts = Paragraph.objects.filter(pk__in=backend.term_ids(correction, 30)).values_list(
            "text", flat=True
        )
        replacements[term] = _spelling_in(texts, correction)
    return replacements


def _whoosh_corrections(backend, parsed: ParsedQuery) -> dict[str, str]:
    if not backend.setup_complete:
        backend.setup()
    index = backend.index.refresh()
    if not index.doc_count():
        return {}
    fieldname = backend.content_field_name
    replacements: dict[str, str] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        corrector = reader.corrector(fieldname)
        for term in positive_terms(parsed.tree):
            if not _correctable(term) or term.text in replacements:
                continue
            if reader.doc_frequency(fieldname, term.text):
                continue
            found = corrector.suggest(term.text, limit=1, maxdist=1 if len(term.text) <= 4 else 2)
            if found:
                replacements[term.text] = _common_spelling(searcher, fieldname, found[0])
    return replacements


def _common_spelling(searcher, fieldname: str, term: str) -> str:
    from whoosh.query import Term as WhooshTerm

    hits = searcher.search(WhooshTerm(fieldname, term), limit=30)
    return _spelling_in([hit.get(fieldname) or "" for hit in hits], term)


def _spelling_in(texts, term: str) -> str:
    """The spelling most often found for an analysed term in these texts (the term itself if none)."""
    spellings: Counter = Counter()
    for text in texts:
        for token in analysis.tokens(text):
            if token.text == term:
                spellings[text[token.start : token.end]] += 1
    return spellings.most_common(1)[0][0] if spellings else term


def render(node: Node, replacements: dict[str, str]) -> str:
    """The tree written back as a query (exclusions left out), with some words replaced."""
    if isinstance(node, Term):
        return replacements.get(node.text, node.surface)
    if isinstance(node, Phrase):
        return "«" + " ".join(replacements.get(t.text, t.surface) for t in node.terms) + "»"
    if isinstance(node, Not):
        return ""
    parts = [render(child, replacements) for child in node.nodes]
    parts = [part for part in parts if part]
    if isinstance(node, Or):
        return "(" + " أو ".join(parts) + ")" if len(parts) > 1 else "".join(parts)
    return " ".join(parts)


# --- Grouping by resolution or document ---------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """The best paragraph of one resolution (or, for a paragraph outside any, one document) and the others
    found in it, in rank order."""

    best: int
    others: tuple[int, ...]
    resolution_id: int | None
    document_id: int


def grouped(ids: list[int]) -> list[Group]:
    """The ids grouped by resolution (else document), each group where its best paragraph ranks."""
    where = {
        pk: (resolution, document)
        for pk, resolution, document in Paragraph.objects.filter(pk__in=ids).values_list(
            "pk", "resolution_id", "document_id"
        )
    }
    groups: dict[tuple, list[int]] = {}
    for pk in ids:
        resolution, document = where[pk]
        groups.setdefault(("resolution", resolution) if resolution else ("document", document), []).append(pk)
    return [Group(pks[0], tuple(pks[1:]), *where[pks[0]]) for pks in groups.values()]


# --- One search, as the page and the API need it ---------------------------------------------------------


@dataclass
class Search:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    outcome: Outcome
    suggestion: str | None
    group: bool = False  # one result per resolution (or document): its best paragraph

    def paginator(self) -> Paginator:
        """Pages of paragraph ids, or of Groups when grouping."""
        if self.group:
            return Paginator(grouped(self.outcome.ids), PAGE_SIZE, allow_empty_first_page=True)
        return self.outcome.paginator()

    @staticmethod
    def page_ids(page) -> list[int]:
        return [entry.best if isinstance(entry, Group) else entry for entry in page.object_list]

    @staticmethod
    def page_groups(page) -> dict[int, Group]:
        return {entry.best: entry for entry in page.object_list if isinstance(entry, Group)}

    @property
    def notices(self) -> list[str]:
        """What had to be guessed or left out of the query, in the interface language."""
        return [localize(notice) for notice in self.parsed.notices]


def localize(notice: str) -> str:
    if isinstance(notice, Notice):
        translated = gettext(notice.template)
        return translated % notice.params if notice.params else translated
    return notice


def search(text: str, filters: Filters | None = None, sort: str = "relevance", group: bool = False) -> Search:
    parsed = parse(text)
    filters = filters or Filters()
    outcome = run(parsed, filters, sort)
    suggestion = suggest(parsed) if not outcome.count and not filters.active() else None
    return Search(parsed, filters, sort, outcome, suggestion, group)
