"""What an admin knows about an upload replaces what the parser found, and says so in the warnings."""

import datetime

from archive.ingest import records
from archive.ingest.overrides import Overrides, apply_overrides
from tests.helpers import make_parsed_document, make_parsed_session


def test_no_overrides_change_nothing():
    parsed = make_parsed_document()
    assert apply_overrides(parsed, Overrides()) == parsed


def test_a_session_given_by_the_admin_replaces_the_detected_ones_for_every_resolution():
    parsed = make_parsed_document(sessions=[make_parsed_session(), make_parsed_session(body=records.UNGA, number=65)])
    parsed.resolutions[0].session_index = 1
    result = apply_overrides(parsed, Overrides(body=records.OIC_SUMMIT, session_number=11))
    assert [(s.body, s.number) for s in result.sessions] == [(records.OIC_SUMMIT, 11)]
    assert result.resolutions[0].session_index == 0
    assert result.warnings[0] == {
        "code": "session-set-by-admin",
        "params": {"session": "oic-summit-11", "detected": "oic-cfm-38, unga-65"},
    }
    assert parsed.sessions[0].number == 38  # the parser's reading is left as it was


def test_naming_the_detected_session_keeps_its_place_and_dates():
    result = apply_overrides(make_parsed_document(), Overrides(body=records.OIC_CFM, session_number=38))
    assert result.sessions[0].place == "أستانا"
    assert result.sessions[0].start_date == datetime.date(2011, 6, 28)
    assert not any(warning["code"] == "session-set-by-admin" for warning in result.warnings)


def test_symbol_date_and_source_replace_the_detected_ones():
    overrides = Overrides(symbol="A/65/1", date=datetime.date(2010, 9, 1), source_url="https://un.org/a/65/1")
    result = apply_overrides(make_parsed_document(), overrides)
    assert (result.symbol, result.date, result.source_url) == ("A/65/1", datetime.date(2010, 9, 1), "https://un.org/a/65/1")
    assert {"code": "date-set-by-admin", "params": {"value": "2010-09-01", "detected": "2011-06-30"}} in result.warnings


def test_overrides_round_trip_through_json():
    overrides = Overrides(body=records.OTHER, organ="puic", session_number=10, date=datetime.date(2015, 1, 2))
    assert overrides.to_json() == {"body": "other", "organ": "puic", "session_number": 10, "date": "2015-01-02"}
    assert Overrides.from_json(overrides.to_json()) == overrides
    assert Overrides.from_json({}) == Overrides()

