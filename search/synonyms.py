"""Aliases applied at query time: the same thing under several names.

The groups live in ``search/data/synonyms.json`` (editable; an admin model can later write the same
shape) and are loaded once, on first use. Each name is analysed with the same analysis as queries, so a
group matches however the query spells it (hamzas, ة/ه, diacritics, prefixes such as و/ل).

API::

    expansions(analysed_terms) -> list[list[str]]

takes the analysed terms of a query (``search.analysis.analyse(text)``) and returns the alternatives to
search for, the query itself first: wherever the terms contain a name of a group as consecutive terms,
one alternative per other name of the group replaces it. A query engine ORs the alternatives (each one
with the engine's own AND/phrase semantics). Example: ``analyse("منظمة المؤتمر الإسلامي")`` gives two
alternatives, the old and the new name of the OIC. At most ``MAX_ALTERNATIVES`` are returned.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from itertools import product
from pathlib import Path

from search import analysis

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.json"
MAX_ALTERNATIVES = 8

Analyse = Callable[[str], list[str]]


def load_groups(path: Path = SYNONYMS_FILE) -> list[list[str]]:
    """The alias groups as written in the JSON file (names only); an absent file means no aliases."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    groups = data.get("groups", []) if isinstance(data, dict) else data
    return [list(group["names"] if isinstance(group, dict) else group) for group in groups]


def analysed_groups(groups: list[list[str]], analyse: Analyse = analysis.analyse) -> list[list[tuple[str, ...]]]:
    """Each group as distinct analysed term sequences (names that analyse the same collapse)."""
    result = []
    for group in groups:
        seen: list[tuple[str, ...]] = []
        for name in group:
            terms = tuple(analyse(name))
            if terms and terms not in seen:
                seen.append(terms)
        if len(seen) > 1:
            result.append(seen)
    return result


@lru_cache(maxsize=1)
def _default_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    return tuple(tuple(group) for group in analysed_groups(load_groups()))


def reload() -> None:
    """Forget the loaded groups (after the JSON file or the analysis changed)."""
    _default_groups.cache_clear()


def expansions(analysed_terms: list[str], groups=None) -> list[list[str]]:
    """The query's terms and their alias alternatives, the original first (see the module docstring)."""
    terms = list(analysed_terms)
    groups = _default_groups() if groups is None else groups
    # Find non-overlapping occurrences, left to right, longest name first.
    slots: list[tuple[int, int, list[tuple[str, ...]]]] = []
    index = 0
    while index < len(terms):
        best = None
        for group in groups:
            for name in group:
                if tuple(terms[index : index + len(name)]) == name and (best is None or len(name) > best[0]):
                    best = (len(name), name, group)
        if best is None:
            index += 1
            continue
        length, name, group = best
        options = [name] + [other for other in group if other != name]
        slots.append((index, length, options))
        index += length
    if not slots:
        return [terms]
    alternatives = []
    for choice in product(*(options for _, _, options in slots)):
        out, cursor = [], 0
        for (start, length, _), replacement in zip(slots, choice, strict=True):
            out.extend(terms[cursor:start])
            out.extend(replacement)
            cursor = start + length
        out.extend(terms[cursor:])
        if out not in alternatives:
            alternatives.append(out)
        if len(alternatives) >= MAX_ALTERNATIVES:
            break
    return alternatives
