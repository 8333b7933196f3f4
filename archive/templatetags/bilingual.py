"""Template filters for the English beside the Arabic (a parallel text's paragraphs, Paragraph.text_en)."""

from django import template

register = template.Library()


@register.filter
def any_english(items) -> bool:
    """Whether any of a page's paragraphs (the views' items, each with its "paragraph") has its English."""
    return any(item["paragraph"].text_en for item in items)
