"""Admin uploads on disk: what an upload may not contain, the staging area between preview and confirm,
and the raw files kept under QARARAT_UPLOAD_DIR.

Kept files are written only after the storing transaction commits (transaction.on_commit), first to a
temporary name in the same folder and then renamed into place: a failed or rolled-back ingestion leaves
no file, and a reader never sees half a file. The database's Document.raw stays the reference copy; if
the disk write fails after the commit it is logged and `keep_raw_file` can be run again from it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.ingest import formats, html
from archive.ingest.decoding import decode
from archive.ingest.errors import IngestError
from archive.ingest.overrides import Overrides

logger = logging.getLogger(__name__)

STAGING_MAX_AGE = 3600  # seconds an unconfirmed upload waits for its admin
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")


def upload_dir() -> Path:
    return Path(settings.QARARAT_UPLOAD_DIR)


def staging_dir() -> Path:
    return upload_dir() / "staging"


# --- what an admin upload may not contain --------------------------------------------------------------


# What archive.ingest.html.active_content finds (its comment says what counts and why), in the admin's words.
ACTIVE_CONTENT = {
    html.SCRIPT: gettext_lazy("عناصر <script>"),
    html.HANDLERS: gettext_lazy("معالجات أحداث on…"),
    html.SCRIPT_URLS: gettext_lazy("روابط javascript: أو vbscript:"),
    html.DATA_URLS: gettext_lazy("روابط data: تحمل صفحة أو صورة SVG"),
    html.EMBEDS: gettext_lazy("إطارات وعناصر مضمّنة (iframe أو object أو embed)"),
    html.DIRECTIVES: gettext_lazy("إعادة توجيه أو تغيير أساس الروابط (meta refresh أو base)"),
    html.STYLES: gettext_lazy("شيفرة داخل الأنماط (CSS)"),
    html.COMMENTED: gettext_lazy("شيفرة داخل تعليقات HTML"),
    html.ESCAPED: gettext_lazy("شيفرة مكتوبة نصًّا (مثل &lt;script&gt;)"),
}


def refuse_active_content(raw: bytes, filename: str) -> None:
    """An uploaded page must not carry scripts: the admin is asked to save it without them.

    Scraped pages the `ingest` command stores have their scripts dropped by the parser; an upload
    through the admin is refused instead, so that nothing an admin did not see goes into the archive.
    Plain text is judged the same way: a .txt may hold a saved page, and the parser reads it as one.
    Checked before parsing, so the reason given is this one. Raises IngestError, as parsing would,
    for a file that is empty, undecodable or not what its name says.
    """
    if formats.check(raw, filename) not in (formats.HTML, formats.TEXT):
        return
    text, _encoding = decode(raw)
    found = html.active_content(text)
    if found:
        raise IngestError(
            _(
                "الصفحة تحتوي على شيفرة برمجية (%(found)s): احفظها دون شيفرة، نصًّا عاديًّا مثلًا أو بعد "
                "حذف الشيفرة منها، ثم ارفعها من جديد."
            )
            % {"found": _("، ").join(str(ACTIVE_CONTENT.get(name, name)) for name in found)}
        )


def extension(filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return suffix if suffix in formats.EXTENSIONS else ".bin"


# --- kept raw files --------------------------------------------------------------------------------------


def kept_path(digest: str, filename: str) -> Path:
    return upload_dir() / digest[:2] / f"{digest}{extension(filename)}"


def keep_raw_file(raw: bytes, digest: str, filename: str) -> None:
    """Write raw to its kept path once the current transaction commits (now, outside a transaction)."""

    def write():
        try:
            _write_atomically(kept_path(digest, filename), raw)
        except OSError:
            logger.exception("could not keep the uploaded file %s (%s); Document.raw has it", filename, digest)

    transaction.on_commit(write)


def forget_raw_file(digest: str, filename: str) -> None:
    """Remove a deleted document's kept file once the delete commits."""
    path = kept_path(digest, filename)
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def document_deleted(sender, instance, **kwargs):
    """post_delete receiver (archive.apps): a deleted document's kept file goes too."""
    if instance.checksum:
        forget_raw_file(instance.checksum, instance.source_name)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- staging between preview and confirm -----------------------------------------------------------------


@dataclass
class StagedFile:
    name: str
    raw: bytes


@dataclass
class Staged:
    token: str
    overrides: Overrides
    files: list[StagedFile]


def stage(user, files: list[tuple[str, bytes]], overrides: Overrides) -> str:
    """Keep the files an admin previewed until they confirm or cancel; the token that names them."""
    purge_expired()
    token = secrets.token_urlsafe(16)
    folder = staging_dir() / token
    folder.mkdir(parents=True)
    entries = []
    for index, (name, raw) in enumerate(files):
        (folder / f"{index}.bin").write_bytes(raw)
        entries.append({"name": name, "stored": f"{index}.bin"})
    meta = {"user": user.pk, "created": time.time(), "overrides": overrides.to_json(), "files": entries}
    _write_atomically(folder / "meta.json", json.dumps(meta).encode())
    return token


def load_staged(token: str, user) -> Staged:
    """The files staged under token by this user; IngestError if unknown, someone else's or expired."""
    folder = _folder(token)
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError) as error:
        raise IngestError(
            _("انتهت صلاحية الرفع: هذا الرفع غير معروف، أو سبق تأكيده أو إلغاؤه.")
        ) from error
    if meta.get("user") != user.pk:
        raise IngestError(_("هذا الرفع لمستخدم آخر."))
    if time.time() - meta.get("created", 0) > STAGING_MAX_AGE:
        discard(token)
        raise IngestError(_("انتهت صلاحية الرفع: ارفع الملفات من جديد."))
    files = [StagedFile(entry["name"], (folder / entry["stored"]).read_bytes()) for entry in meta["files"]]
    return Staged(token, Overrides.from_json(meta.get("overrides")), files)


def discard(token: str) -> None:
    shutil.rmtree(_folder(token), ignore_errors=True)


def purge_expired(now: float | None = None) -> None:
    now = now or time.time()
    folder = staging_dir()
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        try:
            if now - entry.stat().st_mtime > STAGING_MAX_AGE:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue


def _folder(token: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise IngestError(_("انتهت صلاحية الرفع: هذا الرفع غير معروف."))
    return staging_dir() / token
