"""Dump the whole database to one JSON file and restore it into an empty one, on any database Django supports.

The dump is Django's own serialisation (`dumpdata`): database-neutral JSON, so a SQLite archive restores
into PostgreSQL and back; the source files kept as BinaryField go in as base64 and come back byte for byte.
Left out, because `migrate` recreates them or they are disposable: content types and permissions (rows
that point at them are written by natural key: ["archive", "document"], not an id that may differ), and
login sessions. Everything else is in: the archive, synonyms, users and groups, the admin's log, the
audit trail. Primary keys are kept, so permalinks (/documents/<id>/#p-<n>) stay valid.

Beside the dump, `<dump>.manifest.json` records how many rows of each model it holds and the SHA-256 of
the dump itself; restore checks both, then checks every document's raw bytes against its stored checksum,
then rebuilds the search index from the restored database (the index is never backed up: it is derived).
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import lzma
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connections, transaction

EXCLUDED = ("contenttypes", "auth.permission", "sessions")
MANIFEST_SUFFIX = ".manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """The dump is unusable or the restored database does not match it."""


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def backed_up_models() -> list:
    """Every concrete model whose rows a dump holds (auto-created m2m tables travel with their model)."""
    models = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        models.append(model)
    return models


def row_counts(using: str = "default") -> dict[str, int]:
    counts = {model._meta.label_lower: model._default_manager.using(using).count() for model in backed_up_models()}
    for model in backed_up_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                counts[f"{model._meta.label_lower}.{field.name}"] = through._default_manager.using(using).count()
    return counts


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump(path: Path | str, using: str = "default") -> dict:
    """Write the database to `path` (.json, or .json.gz / .json.xz compressed) and its manifest; the manifest.

    Run it while nothing writes (or accept that rows written during the dump may be missing): dumpdata
    reads model by model, not in one snapshot.
    """
    path = Path(path)
    if not path.name.endswith((".json", ".json.gz", ".json.xz")):
        raise BackupError(f"{path.name}: the dump must be named *.json, *.json.gz or *.json.xz")
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = row_counts(using)
    call_command(
        "dumpdata",
        *[argument for label in EXCLUDED for argument in ("--exclude", label)],
        natural_foreign=True,
        indent=None,
        database=using,
        output=str(path),
        verbosity=0,
    )
    manifest = {
        "format": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database_vendor": connections[using].vendor,
        "sha256": file_sha256(path),
        "counts": counts,
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{manifest_path(path).name} is missing: it must stay beside the dump") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown manifest format {manifest.get('format')!r}")
    return manifest


def archive_is_empty(using: str = "default") -> bool:
    return not any(
        model._default_manager.using(using).exists()
        for model in backed_up_models()
        if model._meta.app_label in {"archive", "search", "auth"}
    )


def check_raw_bytes(using: str = "default") -> int:
    """Every document's raw bytes hash to its stored checksum; how many documents were checked."""
    Document = apps.get_model("archive", "Document")
    bad = []
    checked = 0
    for pk, raw, stored in Document.objects.using(using).values_list("pk", "raw", "checksum").iterator():
        checked += 1
        if hashlib.sha256(bytes(raw)).hexdigest() != stored:
            bad.append(pk)
    if bad:
        raise BackupError(f"documents whose raw bytes do not match their checksum: {bad[:20]}")
    return checked


def rebuild_index(verbosity: int = 0) -> int:
    """Clear the search index and index every paragraph from the database again; how many it holds."""
    call_command("clear_index", interactive=False, verbosity=verbosity)
    call_command("update_index", verbosity=verbosity)
    return indexed_count()


def indexed_count() -> int:
    from haystack import connections as search_connections
    from haystack.query import SearchQuerySet

    backend = search_connections["default"].get_backend()
    if hasattr(backend, "index"):  # Whoosh: the index's own document count
        backend.setup()
        backend.index = backend.index.refresh()
        return backend.index.doc_count()
    return SearchQuerySet().count()


def restore(path: Path | str, *, flush: bool = False, index: bool = True, using: str = "default") -> dict:
    """Load a dump made by dump() into this (migrated) database and rebuild the search index.

    The archive must be empty unless flush=True, which empties the whole database first. The load is one
    transaction: a dump that does not load leaves the database as it was. Returns what was checked.
    """
    path = Path(path)
    manifest = read_manifest(path)
    if file_sha256(path) != manifest["sha256"]:
        raise BackupError(f"{path.name} does not match its manifest's SHA-256: damaged or replaced")
    _check_readable(path)
    if flush:
        call_command("flush", interactive=False, database=using, verbosity=0)
    elif not archive_is_empty(using):
        raise BackupError("the database already holds an archive: restore into an empty one (or flush)")
    signal_processor = apps.get_app_config("haystack").signal_processor
    # Loading saves rows in raw mode; the index is rebuilt once at the end instead of document by document.
    signal_processor.teardown()
    try:
        with transaction.atomic(using=using):
            call_command("loaddata", str(path), database=using, verbosity=0)
            counts = row_counts(using)
            differences = {
                label: (expected, counts.get(label))
                for label, expected in manifest["counts"].items()
                if counts.get(label) != expected
            }
            if differences:
                raise BackupError(f"row counts differ from the manifest (expected, restored): {differences}")
            documents = check_raw_bytes(using)
    finally:
        signal_processor.setup()
    result = {"counts": counts, "documents_checked": documents}
    if index:
        result["indexed"] = rebuild_index()
    return result


def _check_readable(path: Path) -> None:
    opener = {".gz": gzip.open, ".xz": lzma.open}.get(path.suffix, open)
    with opener(path, "rb") as stream:
        if stream.read(1) != b"[":
            raise BackupError(f"{path.name} is not a dumpdata JSON file")
