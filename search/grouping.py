"""Results grouped by resolution (or document): each group's best paragraph, where it ranks."""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import Paragraph


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
