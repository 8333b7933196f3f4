"""Alias groups in a query: a run of plain words naming a group (the OIC's old and new names) ORs with
the group's other names."""

from __future__ import annotations

from functools import lru_cache

from search import analysis, synonyms
from search.models import SynonymGroup, active_groups
from search.query import And, Node, Not, Or, Term


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
