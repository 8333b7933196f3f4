"""Citations between resolutions in the database: read from paragraphs (archive.ingest.citations) and
resolved to the resolutions the archive holds.

`store_citations` replaces the citations of some paragraphs (every paragraph of a document when it is
ingested, re-parsed or uploaded, archive.sync; one paragraph when it is edited, the post_save receiver
below). `link_citations_to` resolves the citations waiting for a resolution when it arrives or changes its
number (post_save of Resolution). A citation resolves to the resolution of the same body and number; a
Council number printed without its year (478) to the Council's 478 (YYYY), an OIC pair without its
category (1/19) to 1/19-… of that body. The year of a UN number, when printed, must match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import F, Q

from archive.ingest.citations import FoundCitation, find_citations
from archive.models import Body, Citation, Document, Paragraph, Resolution

BATCH = 1000


def citing_session(paragraph: Paragraph, sessions: list) -> tuple[str, int | None]:
    """The body and session number whose conventions a paragraph's citations follow: its resolution's
    session, else its document's first OIC session (a UN letter annexing an OIC text), else its first."""
    if paragraph.resolution_id and paragraph.resolution:
        return paragraph.resolution.session.body, paragraph.resolution.session.number
    if not sessions:
        return "", None
    oic = [s for s in sessions if s.body in (Body.OIC_CFM, Body.OIC_SUMMIT)]
    chosen = (oic or sessions)[0]
    return chosen.body, chosen.number


def _held_q(body: str, number: str) -> Q:
    """Resolutions a citation of this body and number means."""
    q = Q(session__body=body, number=number)
    if body == Body.UNSC and number.isdigit():
        q |= Q(session__body=body, number__startswith=f"{number} (")
    elif body in (Body.OIC_CFM, Body.OIC_SUMMIT) and re.fullmatch(r"\d+/\d+", number):
        q |= Q(session__body=body, number__startswith=f"{number}-")
    return q


def held_resolutions(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Resolution]:
    """(body, number) -> the resolution held for it, for many keys in few queries."""
    keys = list(dict.fromkeys(keys))
    found: dict[tuple[str, str], Resolution] = {}
    for i in range(0, len(keys), 200):
        chunk = keys[i : i + 200]
        q = Q(pk__in=[])
        for body, number in chunk:
            q |= _held_q(body, number)
        candidates = list(Resolution.objects.filter(q).select_related("session").order_by("id"))
        for body, number in chunk:
            for resolution in candidates:
                if resolution.session.body == body and _means(number, resolution.number, body):
                    found[(body, number)] = resolution
                    break
    return found


def _means(cited: str, held: str, body: str) -> bool:
    if cited == held:
        return True
    if body == Body.UNSC and cited.isdigit():
        return held.startswith(f"{cited} (")
    return body in (Body.OIC_CFM, Body.OIC_SUMMIT) and held.startswith(f"{cited}-")


def store_citations(paragraphs: Iterable[Paragraph], document: Document, *, whole_document: bool = False) -> int:
    """Replace the citations of these paragraphs (of one document, in reading order) with what they cite
    now; the document's own resolutions (its headings print their numbers) are not citations. Returns
    how many were stored. Inside the caller's transaction. whole_document: the paragraphs are all of the
    document's, whose citations are then replaced in one statement (not a list of 60,000 ids)."""
    sessions = list(document.sessions.all())
    own = {(r.session.body, r.number) for r in document.linked_resolutions().select_related("session")}
    paragraphs = list(paragraphs)
    previous = _previous_texts(paragraphs, document)
    if whole_document:
        Citation.objects.filter(paragraph__document=document).delete()
    else:
        Citation.objects.filter(paragraph__in=[p.pk for p in paragraphs]).delete()
    pending: list[tuple[Paragraph, FoundCitation]] = []
    for paragraph in paragraphs:
        body, number = citing_session(paragraph, sessions)
        for found in find_citations(
            paragraph.text, body=body, session_number=number, before=previous.get(paragraph.pk, "")
        ):
            if (found.body, found.number) not in own:
                pending.append((paragraph, found))
    return _create(pending)


def _previous_texts(paragraphs: list[Paragraph], document: Document) -> dict[int, str]:
    """Each paragraph's preceding paragraph's text (the sentence that introduces a list)."""
    by_position = {p.position: p.text for p in paragraphs}
    missing = [p.position - 1 for p in paragraphs if p.position - 1 not in by_position and p.position > 1][:BATCH]
    if missing:
        by_position.update(document.paragraphs.filter(position__in=missing).values_list("position", "text"))
    return {p.pk: by_position.get(p.position - 1, "") for p in paragraphs}


def store_document_citations(document: Document) -> int:
    """Every paragraph's citations of a document, read again."""
    paragraphs = document.paragraphs.select_related("resolution__session").order_by("position")
    return store_citations(paragraphs.iterator(chunk_size=BATCH), document, whole_document=True)


def store_documents_citations(documents: Iterable[Document]) -> int:
    """Every paragraph's citations of many documents (a bulk import's batch), read again in a few queries
    for the whole batch rather than a few per document. Inside the caller's transaction."""
    ids = [document.pk for document in documents]
    if not ids:
        return 0
    sessions: dict[int, list] = {pk: [] for pk in ids}
    for link in Document.sessions.through.objects.filter(document_id__in=ids).select_related("session"):
        sessions[link.document_id].append(link.session)
    own: dict[int, set] = {pk: set() for pk in ids}
    for document_id, body, number in Resolution.objects.filter(document_id__in=ids).values_list(
        "document_id", "session__body", "number"
    ):
        own[document_id].add((body, number))
    for document_id, body, number in Paragraph.objects.filter(
        document_id__in=ids, resolution__isnull=False
    ).values_list("document_id", "resolution__session__body", "resolution__number"):
        own[document_id].add((body, number))
    Citation.objects.filter(paragraph__document_id__in=ids).delete()
    pending: list[tuple[Paragraph, FoundCitation]] = []
    previous: tuple[int, str] = (0, "")
    paragraphs = Paragraph.objects.filter(document_id__in=ids).select_related("resolution__session")
    for paragraph in paragraphs.order_by("document_id", "position").iterator(chunk_size=BATCH):
        before = previous[1] if previous[0] == paragraph.document_id else ""
        previous = (paragraph.document_id, paragraph.text)
        body, number = citing_session(paragraph, sessions[paragraph.document_id])
        for found in find_citations(paragraph.text, body=body, session_number=number, before=before):
            if (found.body, found.number) not in own[paragraph.document_id]:
                pending.append((paragraph, found))
    return _create(pending)


def _create(pending: list[tuple[Paragraph, FoundCitation]]) -> int:
    """Store the citations found, each resolved to the resolution the archive holds for it."""
    held = held_resolutions((found.body, found.number) for _paragraph, found in pending)
    rows = [
        Citation(
            paragraph=paragraph,
            start=found.start,
            end=found.end,
            printed=found.printed[:200],
            number=found.number[:40],
            body=found.body,
            symbol=found.symbol[:100],
            resolution=held.get((found.body, found.number)),
        )
        for paragraph, found in pending
    ]
    Citation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def link_citations_to(resolution: Resolution) -> None:
    """Resolve to this resolution the citations that mean it, and release those that no longer do (its
    number or session changed)."""
    body = resolution.session.body
    stale = Citation.objects.filter(resolution=resolution).exclude(_cited_as_q(body, resolution.number))
    stale.update(resolution=None)
    Citation.objects.filter(_cited_as_q(body, resolution.number), resolution__isnull=True).update(
        resolution=resolution
    )


def _cited_as_q(body: str, number: str) -> Q:
    """Citations (body, number) that mean a resolution of this body and number."""
    q = Q(body=body, number=number)
    if body == Body.UNSC and (m := re.fullmatch(r"(\d+) \(\d{4}\)", number)):
        q |= Q(body=body, number=m.group(1))
    elif body in (Body.OIC_CFM, Body.OIC_SUMMIT) and (m := re.match(r"(\d+/\d+)-", number)):
        q |= Q(body=body, number=m.group(1))
    return q


def paragraph_saved(sender, instance, raw=False, **kwargs):
    """An edited paragraph (the admin) cites what its new text cites."""
    if raw:
        return
    paragraph = Paragraph.objects.select_related("resolution__session").get(pk=instance.pk)
    store_citations([paragraph], Document.objects.light().get(pk=paragraph.document_id))


def resolution_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    link_citations_to(Resolution.objects.select_related("session").get(pk=instance.pk))


def cites_of(resolution: Resolution):
    """What a resolution's paragraphs cite, in reading order, with the held resolutions and paragraphs."""
    return (
        Citation.objects.filter(paragraph__resolution=resolution)
        .select_related("resolution__session", "paragraph__document")
        .defer("paragraph__document__raw", "paragraph__document__text")
        .order_by("paragraph__document__date", "paragraph__document_id", "paragraph__position", "start")
    )


def cited_by(resolution: Resolution):
    """The citations of a resolution, oldest citing document first, with the citing paragraph and its
    resolution and session."""
    return (
        Citation.objects.filter(resolution=resolution)
        .select_related("paragraph__document", "paragraph__resolution__session")
        .defer("paragraph__document__raw", "paragraph__document__text")
        .order_by("paragraph__document__date", "paragraph__document_id", "paragraph__position", "start")
    )


def search_query(resolution: Resolution) -> str:
    """The search that finds the paragraphs citing this resolution: cites:450(1979), cites:32/38-س."""
    return "cites:" + "".join(resolution.number.split())


def citing_q(numbers: Iterable[str]) -> Q:
    """Citations of a resolution written any of these ways (the candidates of a typed number, see
    resolution_numbers.parse_number_query): as read, or through the held resolution they resolved to. What
    a reader leaves out is not held against them: 32/38 means every category, 478 every year, 1/3-س the
    summit's 1/3-س(ق.إ) too."""
    q = Q(pk__in=[])
    for number in numbers:
        q |= Q(number=number) | Q(resolution__number=number)
        if re.fullmatch(r"\d+/\d+", number):
            prefix = f"{number}-"  # 32/38: any category
        elif number.isdigit():
            prefix = f"{number} ("  # 478: the Council's 478 of any year
        elif re.fullmatch(r"\d+/\d+-\w+", number):
            prefix = f"{number}("  # 1/3-س: also the summit's 1/3-س(ق.إ)
        else:
            continue
        q |= Q(number__startswith=prefix) | Q(resolution__number__startswith=prefix)
    return q


def citing_paragraph_ids(groups: Iterable[Iterable[str]]) -> list[int]:
    """Paragraphs citing every one of the resolutions (each given by the numbers it may be), in reading
    order: the search filter cites:450(1979)."""
    paragraphs = Paragraph.objects.all()
    for numbers in groups:
        paragraphs = paragraphs.filter(pk__in=Citation.objects.filter(citing_q(numbers)).values("paragraph_id"))
    ordered = paragraphs.order_by(F("document__date").asc(nulls_last=True), "document_id", "position")
    return list(ordered.values_list("pk", flat=True))


def cited_spans(paragraph_ids: Iterable[int], groups: Iterable[Iterable[str]]) -> dict[int, list[tuple[int, int]]]:
    """Where each paragraph prints the resolutions of a cites: search: (start, end) to mark in its snippet."""
    groups = list(groups)
    if not groups:
        return {}
    q = Q(pk__in=[])
    for numbers in groups:
        q |= citing_q(numbers)
    spans: dict[int, list[tuple[int, int]]] = {}
    for paragraph, start, end in Citation.objects.filter(q, paragraph__in=list(paragraph_ids)).values_list(
        "paragraph_id", "start", "end"
    ):
        spans.setdefault(paragraph, []).append((start, end))
    return spans
