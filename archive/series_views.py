"""The compare page of two versions of a resolution, and its JSON (archive.history shapes both)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from archive import history
from archive.api import api_view, json_response
from archive.models import Resolution


def resolution_compare(request, pk, other=None):
    """/resolutions/<a>/compare/<b>/, or ?with=<b> (a form's choice), which redirects to it."""
    if other is None:
        chosen = request.GET.get("with", "")
        if not chosen.isdigit():
            raise Http404("no resolution to compare with")
        return redirect("archive:resolution-compare", pk=pk, other=int(chosen))
    first = get_object_or_404(Resolution.objects.with_document(), pk=pk)
    second = get_object_or_404(Resolution.objects.with_document(), pk=other)
    return render(request, "archive/resolution_compare.html", history.comparison(first, second))


@api_view
def api_resolution_compare(request, pk, other):
    first = Resolution.objects.with_document().filter(pk=pk).first()
    second = Resolution.objects.with_document().filter(pk=other).first()
    if first is None or second is None:
        raise Http404(f"no resolution with id {pk if first is None else other}")
    return json_response(history.comparison_data(request, first, second))
