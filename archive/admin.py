"""The archive in the Django admin: sessions, documents (paragraphs inline), resolutions, paragraphs,
the upload page (archive/admin_upload.py) and the audit trail.

Every save and delete here reaches the search index through search.signals; every add, edit and delete
also writes an AuditEntry in the same transaction (Django's own LogEntry is still written too).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db import models, transaction
from django.db.models import F, Max
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import admin_upload
from archive.ingest.errors import IngestError
from archive.models import AuditAction, AuditEntry, Document, Paragraph, Resolution, Session
from archive.sync import reparse_document


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
    actions = ["reparse"]
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
    ]
    readonly_fields = source_fields

    def get_queryset(self, request):
        # The change list never needs the source bytes (up to QARARAT_MAX_UPLOAD_BYTES each).
        return super().get_queryset(request).defer("raw", "text")

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
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in obj.warnings)))

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
    list_display = ["number", "session", "subject", "document"]
    list_filter = ["session__body"]
    search_fields = ["number", "printed_number", "subject"]
    raw_id_fields = ["document"]
    list_select_related = ["session", "document"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document__raw", "document__text")


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
