"""HTML pages are read as text lines: scripts, styles and navigation never reach a paragraph."""

from archive.ingest import records
from archive.ingest.parser import parse

PAGE = """<!doctype html><html lang="ar"><head><title>قرار</title><script>var x = "لا تظهر";</script>
<style>p { color: red }</style></head><body><nav>الرئيسية | الوثائق</nav>
<p>مؤتمر وزراء الخارجية الإسلامي الثامن والثلاثون أستانا - جمهورية كازاخستان</p>
<p>القرار الرقم 32/38 - س</p><p>بشأن</p><p>التعاون بين المنظمات</p>
<p>إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين في أستانا، جمهورية كازاخستان خلال الفترة
من 28 إلى 30 يونيه 2011م؛</p>
<p>وإذ يرحب بالتقدم المحرز&nbsp;في مجال التعاون؛</p>
<ol><li>1. يعرب عن امتنانه.</li><li>2. يطلب من الأمين العام متابعة تنفيذ هذا القرار.</li></ol>
</body></html>"""


def test_an_html_page_gives_the_resolution_without_its_script_style_or_navigation():
    document = parse(PAGE.encode("utf-8"), filename="page.html")
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert document.source_format == "html"
    assert not any("لا تظهر" in text or "color" in text or "الرئيسية" in text for text in texts)
    assert document.resolutions[0].number == "32/38-س"
    assert document.resolutions[0].subject == "التعاون بين المنظمات"
    operatives = [(p.number, p.text) for p in document.paragraphs if p.kind == records.OPERATIVE]
    assert operatives == [("1", "يعرب عن امتنانه."), ("2", "يطلب من الأمين العام متابعة تنفيذ هذا القرار.")]
    assert "وإذ يرحب بالتقدم المحرز في مجال التعاون؛" in texts


def test_an_html_page_in_windows_1256_is_decoded():
    document = parse(PAGE.encode("cp1256"), filename="page.htm")
    assert document.encoding == "cp1256"
    assert document.sessions[0].number == 38
    assert document.sessions[0].start_date.isoformat() == "2011-06-28"
