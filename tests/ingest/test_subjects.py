"""Series keys: the same subject re-adopted at another session, however it is written (no database)."""

from archive.ingest.subjects import subject_key


def test_both_jerusalem_subjects_and_their_variants_give_one_key():
    keys = {
        subject_key("مدينة القدس الشريف"),
        subject_key("قرار بشأن مدينة القدس الشّريف"),
        subject_key("بشأن مدينة القدس الشريف."),
        subject_key("القرار الخاص بمدينة القدس الشريف"),
    }
    assert keys == {"مدينه القدس الشريف"}


def test_different_subjects_keep_different_keys():
    assert subject_key("تصاعد التوتر في جامو وكشمير") != subject_key("مدينة القدس الشريف")
    assert subject_key("تصاعد التوتر في جامو وكشمير") == "تصاعد التوتر في جامو وكشمير"


def test_an_empty_subject_has_no_key():
    assert subject_key("") == subject_key("  ،  ") == ""
