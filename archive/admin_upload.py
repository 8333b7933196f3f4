"""The admin's upload page: choose files and what you know about them, see what the parser read, confirm.

upload → each file is checked and parsed (archive.sync.parse_source, the command's parsing) and the good
ones are staged (archive.uploads); the preview shows what would be stored. confirm → each staged file
goes through archive.sync.ingest_bytes, the command's one entry point, in its own transaction with its
audit entry; the index is updated when it commits. A bad file gets its reason and is never staged, so
nothing of it is stored; the good files of the same upload go on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import uploads
from archive.ingest.errors import IngestError
from archive.ingest.overrides import Overrides
from archive.ingest.records import ParsedDocument
from archive.models import (
    AuditAction,
    AuditEntry,
    Body,
    Document,
    DocumentKind,
    Organ,
    ParagraphKind,
    Session,
)
from archive.sync import checksum, ingest_bytes, parse_source, too_large
from search.indexing import IndexProgress, big_documents_in_background, index_progress

logger = logging.getLogger(__name__)

# Paragraphs shown in the preview: enough to judge the reading; a 20 MB file of 60,000 paragraphs would
# make a page of tens of MB.
PREVIEW_PARAGRAPHS = 500


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's "Uploading multiple files"); empty ones are kept, so that each
    gets its own message instead of failing the whole form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,.pdf,.docx"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("الملفات"),
        help_text=gettext_lazy("ملف أو أكثر بإحدى هذه الصيغ: txt أو html أو htm أو pdf أو docx."),
    )
    body = forms.ChoiceField(
        label=gettext_lazy("الهيئة"),
        choices=[("", gettext_lazy("— كما اكتشفها المحلل —"))] + list(Body.choices),
        required=False,
        help_text=gettext_lazy("مع رقم الدورة: دورة كل الملفات أدناه، بدلًا مما اكتشفه المحلل."),
    )
    session_number = forms.IntegerField(
        label=gettext_lazy("رقم الدورة"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=gettext_lazy("لمجلس الأمن: السنة."),
    )
    extraordinary = forms.BooleanField(required=False, label=gettext_lazy("دورة استثنائية"))
    organ = forms.SlugField(
        label=gettext_lazy("المنظمة"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("لهيئة أخرى فقط، مثل puic."),
    )
    symbol = forms.CharField(label=gettext_lazy("الرمز"), required=False, max_length=100)
    # A text box in ISO form, not <input type="date">: the browser's date picker shows the date in its own
    # locale's order (mm/dd/yyyy in an English Chromium) beside help text that says YYYY-MM-DD.
    date = forms.DateField(
        label=gettext_lazy("التاريخ"),
        required=False,
        help_text="YYYY-MM-DD",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"placeholder": "YYYY-MM-DD", "dir": "ltr", "inputmode": "numeric", "pattern": r"\d{4}-\d{2}-\d{2}"},
        ),
    )
    source_url = forms.URLField(
        label=gettext_lazy("رابط المصدر"), required=False, max_length=1000, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("body")) != bool(data.get("session_number")):
            raise forms.ValidationError(_("اذكر الهيئة ورقم الدورة معًا، أو اتركهما كليهما."))
        if data.get("organ") and data.get("body") != Body.OTHER:
            self.add_error("organ", _("لهيئة أخرى فقط."))
        return data

    def overrides(self) -> Overrides:
        data = self.cleaned_data
        return Overrides(
            body=data["body"],
            session_number=data["session_number"],
            extraordinary=data["extraordinary"] if data["body"] else False,
            organ=data["organ"],
            symbol=data["symbol"].strip(),
            date=data["date"],
            source_url=data["source_url"],
        )


@dataclass
class FileReport:
    """One file's preview or result."""

    name: str
    size: int
    digest: str = ""
    error: str = ""
    parsed: ParsedDocument | None = None
    document: Document | None = None
    raw: bytes = field(default=b"", repr=False)
    indexing: IndexProgress | None = None

    def kind_label(self) -> str:
        return str(DocumentKind(self.parsed.kind).label) if self.parsed.kind in DocumentKind.values else self.parsed.kind

    def session_labels(self) -> list[str]:
        return [_session_label(s) for s in self.parsed.sessions] if self.parsed else []

    def paragraph_rows(self) -> list[tuple[int, str, str, str, str]]:
        """(position, number, kind label, resolution number, text) of the first PREVIEW_PARAGRAPHS
        paragraphs, as they would be stored."""
        if not self.parsed:
            return []
        resolutions = self.parsed.resolutions
        rows = []
        for position, paragraph in enumerate(self.parsed.paragraphs[:PREVIEW_PARAGRAPHS], start=1):
            kind = ParagraphKind(paragraph.kind).label if paragraph.kind in ParagraphKind.values else paragraph.kind
            index = paragraph.resolution_index
            resolution = resolutions[index].number if index is not None and 0 <= index < len(resolutions) else ""
            rows.append((position, paragraph.number, str(kind), resolution, paragraph.text))
        return rows

    def cautions(self) -> list[str]:
        """What the admin should look at before storing: a session the archive does not have yet (a
        misread number would create a wrong one), a date in the future (a misread year)."""
        if not self.parsed:
            return []
        found = []
        for session in self.parsed.sessions:
            exists = Session.objects.filter(
                body=session.body, organ=session.organ, number=session.number, extraordinary=session.extraordinary
            ).exists()
            if not exists:
                found.append(_("سيُنشأ بحفظ هذا الملف سجل دورة جديدة: %(session)s.") % {"session": _session_label(session)})
        if self.parsed.date and self.parsed.date > timezone.localdate():
            found.append(_("تاريخ الوثيقة في المستقبل: %(date)s.") % {"date": self.parsed.date.isoformat()})
        return found

    def hidden_paragraphs(self) -> int:
        """How many paragraphs the preview leaves out (all of them are stored)."""
        return max(0, len(self.parsed.paragraphs) - PREVIEW_PARAGRAPHS) if self.parsed else 0


def _session_label(session) -> str:
    label = str(Body(session.body).label) if session.body in Body.values else session.body
    if session.organ:
        label = str(Organ(session.organ).label) if session.organ in Organ.values else f"{label} ({session.organ})"
    if session.number is None:
        return label
    if session.extraordinary:
        return f"{label} — " + _("الدورة الاستثنائية %(number)s") % {"number": session.number}
    return f"{label} — " + _("الدورة %(number)s") % {"number": session.number}


def _context(modeladmin, request, title, **extra):
    return {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": title,
        "max_bytes": settings.QARARAT_MAX_UPLOAD_BYTES,
        **extra,
    }


def _check_permission(modeladmin, request):
    if not modeladmin.has_add_permission(request):
        raise PermissionDenied


def upload(modeladmin, request):
    _check_permission(modeladmin, request)
    if request.method != "POST":
        form = UploadForm()
        return TemplateResponse(
            request, "admin/archive/document/upload.html", _context(modeladmin, request, _("رفع وثائق"), form=form)
        )
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(
            request, "admin/archive/document/upload.html", _context(modeladmin, request, _("رفع وثائق"), form=form)
        )
    overrides = form.overrides()
    reports = [_preview(uploaded, overrides) for uploaded in form.cleaned_data["files"]]
    _refuse_repeats(reports)
    good = [report for report in reports if not report.error]
    token = uploads.stage(request.user, [(r.name, r.raw) for r in good], overrides) if good else ""
    for report in reports:
        report.raw = b""  # staged on disk; not kept in memory for the template
    context = _context(
        modeladmin,
        request,
        _("راجع قبل الحفظ"),
        reports=reports,
        token=token,
        overrides=overrides.to_json(),
        good=len(good),
    )
    return TemplateResponse(request, "admin/archive/document/upload_preview.html", context)


def _preview(uploaded, overrides: Overrides) -> FileReport:
    name = uploaded.name
    report = FileReport(name=name, size=uploaded.size or 0)
    limit = settings.QARARAT_MAX_UPLOAD_BYTES
    if report.size > limit:
        # Refused before reading it: the upload handler has streamed it to a temporary file.
        report.error = too_large(report.size, limit)
        return report
    raw = uploaded.read()
    report.raw = raw
    report.digest = checksum(raw)
    existing = Document.objects.filter(checksum=report.digest).only("pk", "title").first()
    if raw and existing is not None:
        report.error = _("الملف موجود في الأرشيف: حُفظ الملف نفسه من قبل في الوثيقة %(pk)s «%(title)s».") % {
            "pk": existing.pk,
            "title": existing.title,
        }
        report.document = existing
        return report
    try:
        uploads.refuse_active_content(raw, name)
        parsed = parse_source(raw, name, overrides.source_url, overrides)
    except IngestError as error:
        report.error = str(error)
        return report
    except Exception as error:  # a parser bug on one file must not stop the others
        logger.exception("parsing the upload %s failed", name)
        report.error = _("خطأ داخلي أثناء قراءة الملف (%(error)s).") % {"error": type(error).__name__}
        return report
    report.parsed = parsed
    return report


def _refuse_repeats(reports: list[FileReport]) -> None:
    seen: dict[str, str] = {}
    for report in reports:
        if report.error or not report.digest:
            continue
        if report.digest in seen:
            report.error = _("الملف مكرر: هو نفسه الملف %(name)s في هذا الرفع.") % {"name": seen[report.digest]}
            report.parsed = None
        else:
            seen[report.digest] = report.name


def confirm(modeladmin, request, token):
    _check_permission(modeladmin, request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        staged = uploads.load_staged(token, request.user)
    except IngestError as error:
        messages.error(request, str(error))
        return redirect("admin:archive_document_upload")
    reports = []
    try:
        # A document too big to index within this request is indexed by a background process; the
        # result page and the document's admin page show how far it has got.
        with big_documents_in_background():
            for staged_file in staged.files:
                reports.append(_store(request.user, staged_file, staged.overrides))
    finally:
        uploads.discard(token)
    for report in reports:
        if report.document is not None and not report.error:
            report.indexing = index_progress(report.document)
        if report.error:
            messages.error(request, f"{report.name}: {report.error}")
        else:
            messages.success(
                # The message starts with words, not the file name: the admin capitalises a message's first
                # letter ("Cfm-99-res-7.txt").
                request, _("حُفظ الملف %(name)s في الوثيقة %(pk)s.") % {"name": report.name, "pk": report.document.pk}
            )
    context = _context(modeladmin, request, _("نتائج الرفع"), reports=reports)
    return TemplateResponse(request, "admin/archive/document/upload_result.html", context)


def _store(user, staged_file: uploads.StagedFile, overrides: Overrides) -> FileReport:
    raw, name = staged_file.raw, staged_file.name
    report = FileReport(name=name, size=len(raw), digest=checksum(raw))

    def record(document: Document) -> None:
        # Inside the storing transaction: the trail and the kept file exist exactly when the document does.
        AuditEntry.record(
            user,
            AuditAction.UPLOAD,
            document,
            {
                "source_name": name,
                "size": len(raw),
                "overrides": overrides.to_json(),
                "paragraphs": document.paragraphs.count(),
                "warnings": len(document.warnings),
            },
        )
        uploads.keep_raw_file(raw, document.checksum, name)

    try:
        result = ingest_bytes(raw, name, overrides.source_url, overrides=overrides, on_stored=record)
    except IngestError as error:
        report.error = str(error)
        return report
    except Exception as error:
        logger.exception("storing the upload %s failed", name)
        report.error = _("خطأ داخلي، لم يُحفظ شيء (%(error)s).") % {"error": type(error).__name__}
        return report
    report.document = result.document
    if not result.created:
        report.error = _("الملف موجود في الأرشيف: حُفظ في الأثناء في الوثيقة %(pk)s، ولم يتغير شيء.") % {
            "pk": result.document.pk
        }
    return report


def cancel(modeladmin, request, token):
    _check_permission(modeladmin, request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        uploads.load_staged(token, request.user)
    except IngestError as error:
        messages.error(request, str(error))
    else:
        uploads.discard(token)
        messages.info(request, _("أُلغي الرفع ولم يُحفظ شيء."))
    return redirect(reverse("admin:archive_document_upload"))
