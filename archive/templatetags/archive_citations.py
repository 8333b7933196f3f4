"""{{ paragraph|paragraph_text }}: a paragraph's text with the resolutions it cites linked (archive.linked_text)."""

from django import template

from archive import linked_text

register = template.Library()


@register.filter
def paragraph_text(paragraph):
    """Escaped text, line breaks kept, citations linked (prefetch "citations__resolution" for a list)."""
    return linked_text.render(paragraph.text, paragraph.citations.all())


@register.filter
def undocs_url(symbol):
    """The UN's permanent address of a document symbol: https://undocs.org/S/RES/450(1979)."""
    return linked_text.undocs_url(symbol) if symbol else ""
