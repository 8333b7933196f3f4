"""The search parameters, shared by the results page and the JSON API."""

from __future__ import annotations

from django import forms

from archive.models import Body, ParagraphKind
from search import query
from search.engine import SORTS


class QueryField(forms.CharField):
    """Any script, any length: control characters go before validation (a NUL would otherwise be refused),
    and search.query cuts what is too long, with a notice, instead of refusing it."""

    def to_python(self, value):
        return query.clean_text(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label="ابحث في القرارات",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": query.MAX_LENGTH, "dir": "auto"}),
    )
    body = forms.ChoiceField(label="الهيئة", choices=[("", "كل الهيئات"), *Body.choices], required=False)
    session = forms.SlugField(label="الدورة", max_length=80, required=False)
    year_from = forms.IntegerField(label="من سنة", min_value=1900, max_value=2100, required=False)
    year_to = forms.IntegerField(label="إلى سنة", min_value=1900, max_value=2100, required=False)
    kind = forms.ChoiceField(
        label="نوع الفقرة", choices=[("", "كل الفقرات"), *ParagraphKind.choices], required=False
    )
    sort = forms.ChoiceField(label="الترتيب", choices=list(SORTS.items()), required=False)
    page = forms.IntegerField(label="الصفحة", min_value=1, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", "سنة النهاية قبل سنة البداية.")
        return data

    def value(self, name: str, default=None):
        """A cleaned value, or the default when it is missing or was invalid."""
        data = getattr(self, "cleaned_data", {})
        value = data.get(name)
        return default if value in (None, "") else value
