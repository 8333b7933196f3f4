"""The search parameters, shared by the results page and the JSON API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import Body, ParagraphKind
from search import engine, query
from search.engine import SORTS
from search.filters import Filters


class QueryField(forms.CharField):
    """Any script, any length: control characters go before validation (a NUL would otherwise be refused),
    and search.query cuts what is too long, with a notice, instead of refusing it. The work is bounded all
    the same: search.query reads at most MAX_INPUT characters, searches MAX_LENGTH of them and MAX_TERMS
    words, and ignores brackets nested past MAX_DEPTH."""

    def to_python(self, value):
        return query.clean_text(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label=_("ابحث في القرارات"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": query.MAX_LENGTH, "dir": "auto"}),
    )
    body = forms.ChoiceField(
        label=_("الهيئة"), choices=[("", _("كل الهيئات")), *Body.choices], required=False
    )
    session = forms.SlugField(label=_("الدورة"), max_length=80, required=False)
    year_from = forms.IntegerField(label=_("من سنة"), min_value=1900, max_value=2100, required=False)
    year_to = forms.IntegerField(label=_("إلى سنة"), min_value=1900, max_value=2100, required=False)
    kind = forms.ChoiceField(
        label=_("نوع الفقرة"), choices=[("", _("كل الفقرات")), *ParagraphKind.choices], required=False
    )
    sort = forms.ChoiceField(label=_("الترتيب"), choices=list(SORTS.items()), required=False)
    group = forms.ChoiceField(
        label=_("التجميع"),
        choices=[("", _("كل فقرة وحدها")), ("resolution", _("أفضل فقرة من كل قرار أو وثيقة"))],
        required=False,
    )
    page = forms.IntegerField(label=_("الصفحة"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", _("سنة النهاية قبل سنة البداية."))
        return data

    def search(self) -> engine.Search:
        """The search this (validated) form asks for: what the results page shows, and what its feed
        (search/feeds.py) and its exports (search/export.py) hold."""
        return engine.search(
            self.value("q", ""),
            Filters.from_data(self.cleaned_data),
            self.value("sort", "relevance"),
            group=self.value("group") == "resolution",
        )

    def value(self, name: str, default=None):
        """A cleaned value, or the default when it is missing or was invalid."""
        data = getattr(self, "cleaned_data", {})
        value = data.get(name)
        return default if value in (None, "") else value
