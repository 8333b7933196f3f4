"""Dump the whole database to one JSON file and restore it into an empty one, on any database Django supports.

The dump is Django's own serialisation (`dumpdata`): database-neutral JSON, so a SQLite archive restores
into PostgreSQL and back; the source files kept as BinaryField go in as base64 and come back byte for byte.
Left out, because `migrate` recreates them or they are disposable: content types and permissions (rows
that point at them are written by natural key: ["archive", "document"], not an id that may differ),
login sessions, the data version (ops.models.DataVersion: restoring writes it a new token) and the index
generations (search.models.IndexGeneration: the index is rebuilt after a restore).
Everything else is in: the archive, synonyms, users and groups, the admin's log, the audit trail. Primary keys are kept, so permalinks (/documents/<id>/#p-<n>) stay valid.

Beside the dump, `<dump>.manifest.json` records how many rows of each model it holds and the SHA-256 of
the dump itself. Restore checks everything it can before it touches the database: the dump's SHA-256, that
it reads as JSON to the end, that it holds as many rows of each model as the manifest says, and that every
document's raw bytes hash to its stored checksum (one streamed pass, one row in memory at a time). Then it
empties the tables (with flush=True), loads the dump and checks counts and raw bytes again in the database,
all in one transaction; only once that has committed is the search index rebuilt from the database (the
index is never backed up: it is derived).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import gzip
import hashlib
import json
import lzma
import zlib
from collections import Counter
from pathlib import Path

import ijson
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction

EXCLUDED = ("contenttypes", "auth.permission", "sessions", "ops.dataversion", "search.indexgeneration")
SUFFIXES = (".json", ".json.gz", ".json.xz")
MANIFEST_SUFFIX = ".manifest.json"
NOTHING_CHANGED = "nothing was changed (database and search index are as they were)"
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


def auto_m2m_fields(model) -> list:
    """The many-to-many fields whose rows travel inside the model's own rows (auto-created tables)."""
    return [
        field for field in model._meta.local_many_to_many if field.remote_field.through._meta.auto_created
    ]


def counted_tables() -> list[tuple[str, type]]:
    """What a manifest counts: (label, model) for every backed-up model ("archive.document") and for every
    auto-created many-to-many table, whose rows travel inside its model's rows ("archive.document.sessions")."""
    tables = []
    for model in backed_up_models():
        tables.append((model._meta.label_lower, model))
        tables.extend(
            (f"{model._meta.label_lower}.{field.name}", field.remote_field.through)
            for field in auto_m2m_fields(model)
        )
    return tables


def row_counts(using: str = "default") -> dict[str, int]:
    return {label: model._default_manager.using(using).count() for label, model in counted_tables()}


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
    check_name(path)
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


def check_name(path: Path) -> None:
    if not path.name.endswith(SUFFIXES):
        raise BackupError(f"{path.name}: the dump must be named *.json, *.json.gz or *.json.xz")


def read_manifest(path: Path) -> dict:
    name = manifest_path(path).name
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{name} is missing: it must stay beside the dump") from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"{name} cannot be read as JSON: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        found = manifest.get("format") if isinstance(manifest, dict) else manifest
        raise BackupError(f"{name}: unknown manifest format {found!r}")
    counts = manifest.get("counts")
    if not isinstance(manifest.get("sha256"), str) or not isinstance(counts, dict):
        raise BackupError(f"{name} lacks the dump's sha256 or its row counts")
    if not all(isinstance(count, int) and not isinstance(count, bool) for count in counts.values()):
        raise BackupError(f"{name}: row counts must be whole numbers")
    return manifest


def open_dump(path: Path):
    """The dump's JSON bytes, decompressed by its name (.json.gz, .json.xz) as they are read."""
    opener = {".gz": gzip.open, ".xz": lzma.open}.get(path.suffix, open)
    return opener(path, "rb")


def count_differences(expected: dict[str, int], found: dict[str, int]) -> dict[str, tuple[int, int]]:
    """label: (expected, found) for every label whose counts differ; a label missing on one side counts 0."""
    return {
        label: (expected.get(label, 0), found.get(label, 0))
        for label in sorted(expected.keys() | found.keys())
        if expected.get(label, 0) != found.get(label, 0)
    }


def check_dump(path: Path, manifest: dict) -> dict[str, int]:
    """Read the whole dump once, streaming, without writing anything: it must be a JSON list of dumpdata
    rows of this project's models, hold as many rows per model as the manifest says, and every document's
    raw bytes (base64) must hash to its checksum field. Raises BackupError; returns the counts found."""
    models = {model._meta.label_lower: model for model in backed_up_models()}
    known = {label for label, _model in counted_tables()}
    unknown = sorted(set(manifest["counts"]) - known)
    if unknown:
        raise BackupError(f"the manifest counts rows of {unknown}, which this project does not have")
    counts: Counter[str] = Counter()
    damaged: list = []
    number = 0
    try:
        with open_dump(path) as stream:
            if _first_byte(stream) != b"[":
                raise BackupError(f"{path.name} is not a dumpdata JSON file (it must be a JSON list of rows)")
        with open_dump(path) as stream:
            for number, row in enumerate(ijson.items(stream, "item", use_float=True), 1):
                label, pk, fields = _row_parts(row, number, models)
                counts[label] += 1
                for field in auto_m2m_fields(models[label]):
                    related = fields.get(field.name, [])
                    if not isinstance(related, list):
                        raise BackupError(f"row {number} ({label} {pk!r}): {field.name} is not a list")
                    counts[f"{label}.{field.name}"] += len(related)
                if label == "archive.document" and not _raw_matches(fields):
                    damaged.append(pk)
    except ijson.JSONError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BackupError(f"{path.name} is not readable JSON after {number} rows ({reason})") from exc
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise BackupError(f"{path.name} cannot be read or decompressed after {number} rows: {exc}") from exc
    problems = []
    if damaged:
        problems.append(
            f"the raw bytes of document {', '.join(map(str, damaged[:20]))} in the dump do not match "
            "the document's SHA-256 checksum"
        )
    differences = count_differences(manifest["counts"], counts)
    if differences:
        problems.append(f"the dump's row counts differ from its manifest (manifest, dump): {differences}")
    if problems:
        raise BackupError("; ".join(problems))
    return dict(counts)


def _first_byte(stream) -> bytes:
    while (byte := stream.read(1)) in b" \t\r\n" and byte:
        pass
    return byte


def _row_parts(row, number: int, models: dict) -> tuple[str, object, dict]:
    if (
        not isinstance(row, dict)
        or not isinstance(row.get("model"), str)
        or not isinstance(row.get("fields"), dict)
    ):
        raise BackupError(f"row {number} of the dump is not a dumpdata row (model, pk, fields)")
    label = row["model"].lower()
    if label not in models:
        raise BackupError(
            f"row {number} of the dump is a {row['model']}, which this project does not back up"
        )
    return label, row.get("pk"), row["fields"]


def _raw_matches(fields: dict) -> bool:
    raw, checksum = fields.get("raw"), fields.get("checksum")
    if not isinstance(raw, str) or not isinstance(checksum, str):
        return False
    try:
        data = base64.b64decode(raw, validate=True)
    except binascii.Error:
        return False
    return hashlib.sha256(data).hexdigest() == checksum


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
    """Index every paragraph from the database again, replacing the index; how many it holds."""
    call_command("rebuild_index", interactive=False, verbosity=verbosity)
    return indexed_count()


def indexed_count() -> int:
    from haystack import connections as search_connections

    return search_connections["default"].get_backend().document_count()


def restore(path: Path | str, *, flush: bool = False, index: bool = True, using: str = "default") -> dict:
    """Load a dump made by dump() into this (migrated) database and rebuild the search index.

    The archive must be empty unless flush=True, which replaces what is there. Nothing is written until the
    whole dump has been checked (check_dump); then emptying, loading and the checks of what was loaded are
    one transaction, so any failure leaves the database exactly as it was; the index is rebuilt only after
    that transaction has committed. Returns what was checked.
    """
    path = Path(path)
    if connections[using].in_atomic_block:
        # The index is rebuilt once the restore has committed, which an outer transaction would postpone.
        raise BackupError("restore must not run inside a transaction")
    check_name(path)
    manifest = read_manifest(path)
    if file_sha256(path) != manifest["sha256"]:
        raise BackupError(
            f"{path.name} does not match its manifest's SHA-256: damaged or replaced; {NOTHING_CHANGED}"
        )
    if not flush and not archive_is_empty(using):
        raise BackupError("the database already holds an archive: restore into an empty one (or flush)")
    try:
        check_dump(path, manifest)
    except BackupError as exc:
        raise BackupError(f"{exc}; {NOTHING_CHANGED}") from exc
    signal_processor = apps.get_app_config("haystack").signal_processor
    # Loading saves rows in raw mode; the index is rebuilt once at the end instead of document by document.
    signal_processor.teardown()
    try:
        with transaction.atomic(using=using):
            if flush:
                empty_tables(using)
            try:
                call_command("loaddata", str(path), database=using, verbosity=0)
            except LOAD_ERRORS as exc:
                raise BackupError(f"{path.name} did not load: {exc}") from exc
            # A second line of defence: what is now in the database, before it commits.
            counts = row_counts(using)
            differences = count_differences(manifest["counts"], counts)
            if differences:
                raise BackupError(f"row counts differ from the manifest (expected, restored): {differences}")
            documents = check_raw_bytes(using)
    except BackupError as exc:
        raise BackupError(f"{exc}; rolled back, {NOTHING_CHANGED}") from exc
    except DatabaseError as exc:  # a constraint the database checks only at commit
        raise BackupError(f"{path.name} did not load: {exc}; rolled back, {NOTHING_CHANGED}") from exc
    finally:
        signal_processor.setup()
    result = {"counts": counts, "documents_checked": documents}
    if index:
        result["indexed"] = rebuild_index()
    return result


# What loaddata raises for a row it cannot store: a bad field value, a foreign key to a missing row, a
# duplicate key, a natural key that resolves to nothing.
LOAD_ERRORS = (
    CommandError,
    DeserializationError,
    DatabaseError,
    ValidationError,
    ValueError,
    ObjectDoesNotExist,
    FieldDoesNotExist,
)


def empty_tables(using: str = "default") -> None:
    """Delete every backed-up row (and login sessions, which belong to the users being replaced) with the
    SQL `flush` would run, but in the caller's transaction: DELETE on SQLite, one TRUNCATE … RESTART
    IDENTITY on PostgreSQL (transactional there too). Content types and permissions stay, with their ids."""
    models = backed_up_models()
    if apps.is_installed("django.contrib.sessions"):
        models.append(apps.get_model("sessions", "Session"))
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        tables.update(field.remote_field.through._meta.db_table for field in auto_m2m_fields(model))
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True):
            cursor.execute(statement)
