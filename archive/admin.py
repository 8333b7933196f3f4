"""The archive in the Django admin: sessions, documents (paragraphs inline), resolutions, paragraphs,
the upload page (archive/admin_upload.py) and the audit trail.

Every save and delete here reaches the search index through search.signals; every add, edit and delete
also writes an AuditEntry in the same transaction (Django's own LogEntry is still written too).
"""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db import models, transaction
from django.db.models import Count, F, Max
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import admin_upload, series
from archive.ingest.errors import IngestError
from archive.models import (
    AuditAction,
    AuditEntry,
    Citation,
    Document,
    Paragraph,
    Resolution,
    ResolutionSeries,
    Session,
)
from archive.notes import note_text
from archive.sync import reparse_document
from search.indexing import big_documents_in_background, index_progress, start_background_index


def _json_safe(value):
    return json.loads(json.dumps(value, default=str))


@admin.action(permissions=["delete"], description=delete_selected.short_description)
def delete_selected_atomically(modeladmin, request, queryset):
    """Django's bulk delete, with its audit entries and the deletes in one transaction."""
    with transaction.atomic():
        return delete_selected(modeladmin, request, queryset)


class AuditedAdmin(admin.ModelAdmin):
    """Adds, edits and deletes in this admin leave an AuditEntry, in the change's own transaction."""

    def log_addition(self, request, obj, message):
        AuditEntry.record(request.user, AuditAction.ADD, obj, {"change": _json_safe(message)})
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        AuditEntry.record(request.user, AuditAction.EDIT, obj, {"change": _json_safe(message)})
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            AuditEntry.record(request.user, AuditAction.DELETE, obj)
        return super().log_deletions(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                delete_selected_atomically,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions


# --- paragraphs inline, reorderable by their position ----------------------------------------------------


class ParagraphInlineForm(forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["position", "number", "kind", "text", "resolution"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 80, "dir": "auto"})}

    def _get_validation_exclusions(self):
        # (document, position) is unique; the formset checks it across its forms instead, since a swap
        # (1↔2) is valid although each new position is, until saved, another paragraph's.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("position")
        return exclusions


class ParagraphFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen: dict[int, forms.Form] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or self._should_delete_form(form) or data.get("position") is None:
                continue
            position = data["position"]
            if position in seen:
                form.add_error(
                    "position",
                    _("الترتيب %(position)s مستعمل لفقرة أخرى من هذه الوثيقة.") % {"position": position},
                )
            seen[position] = form


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    form = ParagraphInlineForm
    formset = ParagraphFormSet
    extra = 0
    ordering = ["position"]
    raw_id_fields = ["resolution"]
    show_change_link = True


def index_status_text(progress) -> str:
    """A document's indexing in the admin's words: done, under way in the background, or stopped short."""
    numbers = {"indexed": f"{progress.indexed:,}", "total": f"{progress.total:,}"}
    if progress.complete:
        return _("مفهرسة: %(indexed)s من %(total)s فقرة.") % numbers
    if progress.running:
        return _("الفهرسة جارية في الخلفية: %(indexed)s من %(total)s فقرة حتى الآن؛ أعد تحميل الصفحة لمتابعتها.") % numbers
    return _(
        "الفهرسة غير مكتملة: %(indexed)s من %(total)s فقرة في الفهرس. اختر «إعادة فهرسة الوثائق المختارة» "
        "من قائمة الوثائق، أو شغّل manage.py check_index --repair."
    ) % numbers


# --- the models ---------------------------------------------------------------------------------------


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = ["__str__", "body", "number", "place", "start_date", "end_date"]
    list_filter = ["body", "extraordinary"]
    search_fields = ["slug", "theme", "place", "place_printed", "country"]


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["title", "kind", "symbol", "date", "source_format", "parser_version", "created_at"]
    list_filter = ["kind", "source_format", "sessions__body", "parser_version"]
    search_fields = ["title", "symbol", "source_name", "checksum"]
    date_hierarchy = "date"
    filter_horizontal = ["sessions"]
    inlines = [ParagraphInline]
    actions = ["reparse", "index_again"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # What the ingestion recorded about the source: shown, never edited (re-parse changes it).
    source_fields = [
        "source_name",
        "raw_file",
        "source_format",
        "parser_version",
        "overrides",
        "warning_list",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "kind", "symbol", "date", "sessions", "source_url"]}),
        (gettext_lazy("المصدر"), {"fields": source_fields}),
        (gettext_lazy("الفقرات والفهرس"), {"fields": ["paragraph_list", "index_status"]}),
    ]
    readonly_fields = [*source_fields, "paragraph_list", "index_status"]

    def get_queryset(self, request):
        # The change list never needs the source bytes (up to QARARAT_MAX_UPLOAD_BYTES each).
        return super().get_queryset(request).defer("raw", "text")

    def get_inlines(self, request, obj):
        # Thousands of paragraph forms would not render (or post) within a request: a long document's
        # paragraphs are edited from the paragraph list, which pages them.
        if obj is not None and self._paragraph_count(obj) > settings.QARARAT_ADMIN_INLINE_PARAGRAPHS:
            return []
        return super().get_inlines(request, obj)

    def _paragraph_count(self, obj) -> int:
        if not hasattr(obj, "_admin_paragraph_count"):
            obj._admin_paragraph_count = obj.paragraphs.count()
        return obj._admin_paragraph_count

    # Saves, actions and deletes from these pages leave a big document's indexing to a background process.
    def changeform_view(self, request, *args, **kwargs):
        with big_documents_in_background():
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with big_documents_in_background():
            return super().changelist_view(request, *args, **kwargs)

    def get_deleted_objects(self, objs, request):
        """What the delete page lists. Django's list names every paragraph, and its collector reads each one
        joined to its document, source bytes included: a 1 MB file's page took 2.6 GB. Past the inline
        limit the paragraphs are counted instead of listed, and nothing large is read."""
        documents = list(objs)
        per_document = dict(
            Paragraph.objects.filter(document__in=documents)
            .order_by()
            .values_list("document")
            .annotate(n=Count("pk"))
        )
        paragraphs = sum(per_document.values())
        if paragraphs <= settings.QARARAT_ADMIN_INLINE_PARAGRAPHS:
            return super().get_deleted_objects(documents, request)
        perms_needed = {
            str(model._meta.verbose_name)
            for model in (Document, Resolution, Paragraph)
            if not self.admin_site._registry[model].has_delete_permission(request)
        }
        listed: list = []
        for document in documents:
            listed.append(self._deleted_link(document))
            nested = [self._deleted_link(resolution) for resolution in document.resolutions.all()]
            nested.append(_("%(count)s فقرة") % {"count": f"{per_document.get(document.pk, 0):,}"})
            listed.append(nested)
        counts = {
            Document._meta.verbose_name_plural: len(documents),
            Resolution._meta.verbose_name_plural: Resolution.objects.filter(document__in=documents).count(),
            Paragraph._meta.verbose_name_plural: paragraphs,
        }
        return listed, {name: count for name, count in counts.items() if count}, perms_needed, []

    def _deleted_link(self, obj):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    @admin.display(description=gettext_lazy("الفقرات"))
    def paragraph_list(self, obj):
        if not obj.pk:
            return "-"
        count = self._paragraph_count(obj)
        link = format_html(
            '<a href="{}?document__id__exact={}">{}</a>',
            reverse("admin:archive_paragraph_changelist"),
            obj.pk,
            _("قائمة فقرات الوثيقة"),
        )
        if count > settings.QARARAT_ADMIN_INLINE_PARAGRAPHS:
            return format_html(
                "{} {}",
                _("%(count)s فقرة، أكثر من أن تُعرض هنا للتحرير؛ حرّرها من:") % {"count": f"{count:,}"},
                link,
            )
        return format_html("{} — {}", _("%(count)s فقرة (أدناه).") % {"count": f"{count:,}"}, link)

    @admin.display(description=gettext_lazy("حالة الفهرسة"))
    def index_status(self, obj):
        if not obj.pk:
            return "-"
        return index_status_text(index_progress(obj))

    @admin.display(description=gettext_lazy("الملف الأصلي"))
    def raw_file(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '{}، {} ({})، SHA-256 <code>{}</code> — <a href="{}">{}</a>',
            _("%(size)s بايت") % {"size": f"{len(obj.raw):,}"},
            obj.encoding,
            obj.source_format or "-",
            obj.checksum,
            reverse("archive:document-raw", args=[obj.pk]),
            _("النص الأصلي"),
        )

    @admin.display(description=gettext_lazy("ملاحظات المعالجة"))
    def warning_list(self, obj):
        if not obj.warnings:
            return "-"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((note_text(w),) for w in obj.warnings)))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Paragraph:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        moved = [obj.pk for obj in instances if obj.pk]
        if moved:
            # Park the moved paragraphs above every position in use, so that a swap never meets the
            # (document, position) constraint half way. The admin's transaction wraps all of it.
            stored = form.instance.paragraphs.aggregate(top=Max("position"))["top"] or 0
            above = max([stored] + [obj.position for obj in instances]) + 1
            Paragraph.objects.filter(pk__in=moved).update(position=F("position") + above)
        for obj in instances:
            obj.save()
        formset.save_m2m()

    @admin.action(
        permissions=["change"], description=gettext_lazy("إعادة التحليل من النص الأصلي (بعد تحديث المحلل)")
    )
    def reparse(self, request, queryset):
        for document in queryset:
            label = str(document)
            try:
                with transaction.atomic():
                    result = reparse_document(document)
                    AuditEntry.record(
                        request.user,
                        AuditAction.REPARSE,
                        result.document,
                        {
                            "paragraphs_before": result.paragraphs_before,
                            "paragraphs_after": result.paragraphs_after,
                            "parser_version": result.document.parser_version,
                            "warnings": len(result.warnings),
                        },
                    )
            except IngestError as error:
                self.message_user(
                    request,
                    _("%(document)s: لم يُعَد تحليلها ولم يتغير شيء: %(error)s") % {"document": label, "error": error},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                _(
                    "%(document)s: أُعيد تحليلها، عدد الفقرات %(before)s ← %(after)s، "
                    "وعدد ملاحظات المعالجة %(warnings)s."
                )
                % {
                    "document": label,
                    "before": result.paragraphs_before,
                    "after": result.paragraphs_after,
                    "warnings": len(result.warnings),
                },
                messages.SUCCESS,
            )

    @admin.action(permissions=["change"], description=gettext_lazy("إعادة فهرسة الوثائق المختارة"))
    def index_again(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for document_id in ids:
            start_background_index(document_id)
        self.message_user(
            request,
            _("بدأت إعادة فهرسة %(count)s وثيقة في الخلفية؛ تظهر حالتها في صفحة كل وثيقة.")
            % {"count": len(ids)},
            messages.SUCCESS,
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="archive_document_upload"),
            path("upload/<str:token>/confirm/", wrap(self.confirm_view), name="archive_document_upload_confirm"),
            path("upload/<str:token>/cancel/", wrap(self.cancel_view), name="archive_document_upload_cancel"),
        ] + super().get_urls()

    def upload_view(self, request):
        return admin_upload.upload(self, request)

    def confirm_view(self, request, token):
        return admin_upload.confirm(self, request, token)

    def cancel_view(self, request, token):
        return admin_upload.cancel(self, request, token)


@admin.register(Resolution)
class ResolutionAdmin(AuditedAdmin):
    list_display = ["number", "session", "subject", "series", "series_fixed", "document"]
    list_filter = ["session__body", "series_fixed"]
    search_fields = ["number", "printed_number", "subject"]
    raw_id_fields = ["document"]
    autocomplete_fields = ["series"]
    list_select_related = ["session", "document", "series"]
    actions = ["split_into_new_series", "group_automatically"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document__raw", "document__text")

    def save_model(self, request, obj, form, change):
        # An admin who chooses the series places the resolution there for good (series_fixed): the
        # automatic grouping by subject leaves it where it was put.
        if "series" in form.changed_data:
            obj.series_fixed = True
        super().save_model(request, obj, form, change)

    @admin.action(permissions=["change"], description=gettext_lazy("نقل القرارات المحددة إلى سلسلة جديدة"))
    def split_into_new_series(self, request, queryset):
        resolutions = list(queryset.select_related("session"))
        with transaction.atomic():
            created = series.move_to_new_series(resolutions)
            for resolution in resolutions:
                AuditEntry.record(request.user, AuditAction.EDIT, resolution, {"series": created.pk})
        self.message_user(
            request,
            _("نُقل %(count)s من القرارات إلى السلسلة الجديدة «%(title)s».") % {"count": len(resolutions), "title": created},
            messages.SUCCESS,
        )

    @admin.action(permissions=["change"], description=gettext_lazy("إعادة القرارات المحددة إلى التجميع التلقائي"))
    def group_automatically(self, request, queryset):
        with transaction.atomic():
            for resolution in queryset.select_related("session", "series"):
                resolution.series_fixed = False
                Resolution.objects.filter(pk=resolution.pk).update(series_fixed=False)
                series.assign_series(resolution)
                AuditEntry.record(request.user, AuditAction.EDIT, resolution, {"series": resolution.series_id})
        self.message_user(request, _("جُمعت القرارات المحددة حسب موضوعاتها."), messages.SUCCESS)


class ResolvedFilter(admin.SimpleListFilter):
    title = gettext_lazy("في الأرشيف")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("قرار في الأرشيف")), ("no", gettext_lazy("قرار ليس في الأرشيف"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(resolution__isnull=self.value() == "no")
        return queryset


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    """What the paragraphs cite, as read from their text (archive.citing): read only here, since editing
    a paragraph's text reads its citations again."""

    list_display = ["printed", "number", "body", "symbol", "resolution", "paragraph"]
    list_filter = ["body", ResolvedFilter]
    search_fields = ["number", "printed", "symbol"]
    list_select_related = ["resolution", "paragraph"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("paragraph__document__raw", "paragraph__document__text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A citation goes with its paragraph: whoever may delete paragraphs (a document, from its delete
        # page or the list's action) may let its citations go. None is deleted on its own (no action).
        return request.user.has_perm("archive.delete_paragraph")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(ResolutionSeries)
class ResolutionSeriesAdmin(AuditedAdmin):
    list_display = ["title", "body", "resolution_count"]
    list_filter = ["body"]
    search_fields = ["title", "key"]
    readonly_fields = ["key"]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(resolution_total=Count("resolutions"))

    @admin.display(description=gettext_lazy("عدد القرارات"), ordering="resolution_total")
    def resolution_count(self, obj):
        return obj.resolution_total

    @admin.action(permissions=["change"], description=gettext_lazy("دمج السلاسل المحددة في سلسلة واحدة"))
    def merge(self, request, queryset):
        chosen = list(queryset)
        if len(chosen) < 2:
            self.message_user(request, _("اختر سلسلتين أو أكثر لدمجها."), messages.WARNING)
            return
        with transaction.atomic():
            target = series.merge_series(chosen)
            AuditEntry.record(request.user, AuditAction.EDIT, target, {"merged": [s.pk for s in chosen]})
        self.message_user(
            request, _("دُمجت %(count)s سلاسل في «%(title)s».") % {"count": len(chosen), "title": target}, messages.SUCCESS
        )


@admin.register(Paragraph)
class ParagraphAdmin(AuditedAdmin):
    list_display = ["__str__", "kind", "number", "document"]
    list_filter = ["kind"]
    search_fields = ["text"]
    raw_id_fields = ["document", "resolution"]
    list_select_related = ["document"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document__raw", "document__text")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is read only, for everyone."""

    list_display = ["created_at", "username", "action", "object_type", "object_label", "checksum"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_label", "object_id", "checksum"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.site_header = gettext_lazy("قرارات — الإدارة")
admin.site.site_title = gettext_lazy("قرارات")
admin.site.index_title = gettext_lazy("إدارة الأرشيف")
