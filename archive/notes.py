"""Processing notes (Document.warnings) in the reader's language.

The parser stores each note as a code with its parameters (archive/ingest/notes.py); here each code has its
Arabic msgid, translated to English like every interface string. Notes stored as plain text by an older
parser (half Arabic, half English) are shown as they are, until a re-parse replaces them with codes.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy

MESSAGES = {
    "session-not-found": gettext_lazy("لم تحدد الدورة: لم يوجد اسم هيئة ورقم دورة."),
    "continuation-page": gettext_lazy("صفحة تابعة لوثيقة أطول: تبدأ الوثيقة في صفحة سابقة."),
    "starts-mid-sentence": gettext_lazy("تبدأ الصفحة في منتصف جملة."),
    "ends-mid-sentence": gettext_lazy("ينتهي النص في منتصف جملة؛ قد يكون المصدر مقطوعًا."),
    "two-layer-pdf": gettext_lazy("نص PDF بطبقتين: عُرضت الطبقة السليمة."),
    "letter-date-not-found": gettext_lazy("لم يحدد تاريخ الرسالة."),
    "annex-title-not-recovered": gettext_lazy("لم يُستخرج عنوان المرفق من الطبقة المشوهة."),
    "place-not-found": gettext_lazy("لم يحدد مكان الانعقاد في رأس الوثيقة."),
    "dates-not-found": gettext_lazy("لم تحدد تواريخ الانعقاد."),
    "preparatory-meeting": gettext_lazy("اجتماع تحضيري: مكانه وتاريخه ليسا مكان الدورة وتاريخها."),
    "date-month-only": gettext_lazy("تاريخ الانعقاد معروف بالشهر فقط: «%(printed)s»."),
    "hijri-unconvertible": gettext_lazy("تعذر تحويل التاريخ الهجري للتحقق من التاريخ الميلادي المطبوع."),
    "dates-disagree": gettext_lazy(
        "التاريخ الميلادي المطبوع (%(start)s إلى %(end)s) يخالف تحويل التاريخ الهجري بتقويم أم القرى "
        "(%(computed_start)s إلى %(computed_end)s)؛ أُبقي المطبوع."
    ),
    "hijri-out-of-range": gettext_lazy("التاريخ الهجري خارج مدى تقويم أم القرى، فلا تاريخ ميلادي."),
    "gregorian-from-hijri": gettext_lazy("حُسب التاريخ الميلادي من التاريخ الهجري (تقويم أم القرى)."),
    "dates-from-dateline": gettext_lazy("لم توجد جملة الانعقاد؛ أُخذ التاريخ من سطر التاريخ."),
    "dates-from-title": gettext_lazy("لم توجد جملة الانعقاد؛ أُخذ التاريخ من سطر العنوان."),
    "subject-not-found": gettext_lazy("لم يحدد موضوع القرار %(number)s في هذه الصفحة."),
    "resolution-unnumbered": gettext_lazy("لا يحمل القرار رقمًا في المصدر."),
    "number-reversed": gettext_lazy("طُبع الرقم %(printed)s، وقُرئ القرارَ %(number)s من الدورة %(session)s."),
    "number-session-mismatch": gettext_lazy("طُبع الرقم %(printed)s، ولا يطابق أيٌّ من جزأيه الدورة %(session)s."),
    "sc-year-from-date": gettext_lazy("قرار مجلس الأمن %(number)s: أُخذت سنته %(year)s من التاريخ المطبوع بعده."),
    "ga-number-reversed": gettext_lazy(
        "طُبع الرقم %(printed)s، وقُرئ قرارَ الجمعية العامة %(number)s من الدورة %(session)s."
    ),
    "session-set-by-admin": gettext_lazy("حدد المشرف الدورة: %(session)s (وجد المحلل: %(detected)s)."),
    "symbol-set-by-admin": gettext_lazy("حدد المشرف الرمز: %(value)s (وجد المحلل: %(detected)s)."),
    "date-set-by-admin": gettext_lazy("حدد المشرف التاريخ: %(value)s (وجد المحلل: %(detected)s)."),
    "source_url-set-by-admin": gettext_lazy("حدد المشرف رابط المصدر: %(value)s (وجد المحلل: %(detected)s)."),
    "resolution-not-stored": gettext_lazy("القرار %(number)s بلا رقم أو بلا دورة، فحُفظت فقراته دونه."),
    "session-conflict": gettext_lazy(
        "الدورة %(session)s: «%(field)s» محفوظ %(old)s، وتقول هذه الوثيقة %(new)s؛ أُبقي المحفوظ."
    ),
    "resolution-conflict": gettext_lazy(
        "القرار %(number)s من الدورة %(session)s: «%(field)s» محفوظ %(old)s، وتقول هذه الوثيقة %(new)s؛ أُبقي المحفوظ."
    ),
    "value-cut": gettext_lazy("قُصّ «%(field)s» إلى %(length)s حرفًا: %(value)s…"),
    "unknown-choice": gettext_lazy("قيمة غير معروفة: %(value)s، حُفظت «%(stored)s»."),
}
NONE = gettext_lazy("لا شيء")

# The model whose field a note's "field" parameter names, to show that field's label instead of its name.
_FIELD_MODELS = {"session-conflict": "session", "resolution-conflict": "resolution"}


def _field_label(model_name: str, field: str) -> str:
    try:
        return str(apps.get_model("archive", model_name)._meta.get_field(field).verbose_name)
    except (LookupError, FieldDoesNotExist):
        return field


def note_text(warning) -> str:
    """One stored note in words, in the active language."""
    if not isinstance(warning, dict):
        return str(warning)  # an older parser's plain-text note
    code, params = warning.get("code", ""), dict(warning.get("params") or {})
    if code not in MESSAGES:
        return " ".join([code, *(f"{name}={value}" for name, value in params.items())])
    if "detected" in params and not params["detected"]:
        params["detected"] = str(NONE)
    if "field" in params:
        params["field"] = _field_label(_FIELD_MODELS.get(code, params.get("model", "")), params["field"])
    try:
        return str(MESSAGES[code]) % params
    except (KeyError, TypeError, ValueError):
        return f"{MESSAGES[code]} {params}"


def note_texts(warnings) -> list[str]:
    return [note_text(warning) for warning in warnings or []]

