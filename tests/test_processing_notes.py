"""Processing notes are stored as codes with parameters and shown in the reader's language; notes an older
parser stored as plain text are still shown, and a re-parse turns them into codes."""

import pytest
from django.conf import settings
from django.utils import translation

from archive.ingest import notes
from archive.ingest.notes import note
from archive.notes import MESSAGES, note_text
from archive.sync import reparse_document
from tests.helpers import make_document, make_session


def test_every_code_a_note_may_carry_has_its_words():
    assert set(MESSAGES) == notes.CODES


def test_a_note_refuses_a_code_nobody_can_put_into_words():
    with pytest.raises(ValueError, match="unknown processing note code"):
        note("printed-backwards")


def test_a_reversed_number_is_told_in_arabic_and_in_english():
    reversed_number = note("number-reversed", printed="38/32-س", number=32, session=38)

    with translation.override("ar"):
        assert note_text(reversed_number) == "طُبع الرقم 38/32-س، وقُرئ القرارَ 32 من الدورة 38."
    with translation.override("en"):
        assert note_text(reversed_number) == "Printed 38/32-س, read as resolution 32 of session 38."


def test_a_conflict_names_the_field_by_its_label_and_an_empty_finding_as_none():
    conflict = note("session-conflict", session="oic-cfm-10", field="start_date", old="1979-03-08", new="1979-05-08")
    by_admin = note("symbol-set-by-admin", value="A/65/1", detected="")

    with translation.override("en"):
        assert note_text(conflict) == (
            "Session oic-cfm-10: “Start date” is stored as 1979-03-08, this document says 1979-05-08; "
            "the stored value is kept."
        )
        assert note_text(by_admin) == "Symbol set by the admin: A/65/1 (the parser found: none)."
    with translation.override("ar"):
        assert "«تاريخ البداية»" in note_text(conflict)


def test_a_plain_text_note_of_an_older_parser_is_shown_as_it_was_stored():
    old = "printed 38/32-س, read as resolution 32 of session 38"

    with translation.override("ar"):
        assert note_text(old) == old


@pytest.mark.django_db
def test_the_document_page_shows_its_notes_in_the_readers_language(client):
    document = make_document(
        sessions=[make_session()],
        warnings=[note("ends-mid-sentence"), "ملاحظة قديمة (an old note)"],
    )

    arabic = client.get(document.get_absolute_url()).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(document.get_absolute_url()).content.decode()

    assert "ينتهي النص في منتصف جملة؛ قد يكون المصدر مقطوعًا." in arabic
    assert "The text ends mid-sentence; the source may be cut." in english
    assert "ملاحظة قديمة (an old note)" in arabic and "ملاحظة قديمة (an old note)" in english


@pytest.mark.django_db
def test_the_api_gives_the_notes_in_words_of_the_requested_language(client):
    document = make_document(sessions=[make_session()], warnings=[note("place-not-found")])

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = client.get(f"/api/documents/{document.pk}/").json()

    assert data["warnings"] == ["Meeting place not found in the header."]


@pytest.mark.django_db
def test_a_reparse_replaces_plain_text_notes_with_codes():
    text = "\n".join(
        [
            "القرار رقم 32/38-س",
            "بشأن التعاون مع المنظمات الدولية",
            "إن مجلس وزراء الخارجية المنعقد في دورته الثامنة والثلاثين في أستانا، جمهورية كازاخستان،",
            "1 - يرحب بالتعاون القائم بين المنظمة والأمم المتحدة في مجالات كثيرة",
        ]
    )
    document = make_document(text=text, warnings=["لم يحدد مكان الانعقاد (meeting place not found)."])

    reparse_document(document)

    document.refresh_from_db()
    assert document.warnings
    assert all(isinstance(warning, dict) and warning["code"] in notes.CODES for warning in document.warnings)
