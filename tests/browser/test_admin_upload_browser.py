"""An admin's upload in Chromium against the real server: log in, choose a PDF, check the preview, store
it, open the new document's page, and find it in search at once."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PDF = Path(__file__).resolve().parents[2] / "fixtures" / "uploads" / "cfm38-res32-s.pdf"
USERNAME, PASSWORD = "uploader", "a-long-test-password-1432"


@pytest.fixture(scope="module")
def staff(manage):
    manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User\n"
        f"User.objects.filter(username={USERNAME!r}).exists() or "
        f"User.objects.create_superuser({USERNAME!r}, 'uploader@example.org', {PASSWORD!r})",
    )
    return USERNAME


def test_a_staff_member_uploads_a_pdf_checks_the_preview_and_opens_the_new_document(page, staff):
    page.goto("/admin/archive/document/upload/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", staff)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/archive/document/upload/$"))

    page.set_input_files("#id_files", str(PDF))
    page.fill("#id_source_url", "https://www.oic-oci.org/docs/cfm38-res32.pdf")
    page.locator("input[name=_preview]").click()

    preview = page.locator(".upload-ok")
    expect(preview).to_have_count(1)
    expect(preview.locator(".upload-sessions")).to_contain_text("الدورة 38")
    expect(preview.locator(".upload-resolutions")).to_contain_text("32/38-س")
    expect(preview.locator(".paragraph-kind").filter(has_text="فقرة منطوق").first).to_be_visible()

    page.locator("#confirm-form input[type=submit]").click()
    link = page.locator("a.document-link")
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    document_path = re.search(r"/documents/\d+/", page.url).group(0)
    expect(page.locator("body")).to_contain_text("يرحب بالعرض الذي تقدمت به جمهورية كازاخستان")

    # Searchable at once: the new document's paragraphs are among the results.
    page.goto("/search/?q=يرحب بالعرض الذي تقدمت به جمهورية كازاخستان")
    expect(page.locator(f'a[href*="{document_path}"]').first).to_be_visible()
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1280, 375])
def test_a_long_unbroken_token_does_not_push_the_admin_preview_sideways(page, staff, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    token = "A" * 40 + "_" + "x7" * 150  # a garbled run with no place to break
    source = tmp_path / f"long-token-{width}.txt"
    source.write_text(
        f"القرار 5/38-س بشأن {token}\n"
        "إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين،\n"
        f"1- يطلب من الأمين العام متابعة تنفيذ هذا القرار {token} وتقديم تقرير عنه.\n",
        encoding="utf-8",
    )
    page.goto("/admin/login/?next=/admin/archive/document/upload/")
    page.fill("#id_username", staff)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.goto("/admin/archive/document/upload/")
    page.set_input_files("#id_files", str(source))
    page.locator("input[name=_preview]").click()
    expect(page.locator(".upload-ok")).to_have_count(1)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the window at {width} px"
    shots = Path(os.environ.get("QARARAT_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(shots / f"admin-long-token-{width}.png"), full_page=True)
