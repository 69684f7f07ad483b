"""Broken and hostile GV100AD input: every problem is a finding with line, column and German text."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

from engines_geo.samples import GEMEINDE, KREIS, LAND, VERBAND, gemeinde, record, text, valid_lines
from lichtermeer.engines.geo import gv100ad, parse, parse_file


def only(directory):
    assert not directory.valid
    assert len(directory.findings) == 1, directory.findings
    return directory.findings[0]


def test_minimal_file_is_valid():
    directory = parse(text(valid_lines()))
    assert directory.valid, directory.findings
    assert directory.gebietsstand == dt.date(2025, 11, 30)
    assert list(directory.gemeinden) == ["01001000"]
    assert directory.gemeinden["01001000"].population == 96326


def test_bytes_with_bom_and_crlf():
    data = b"\xef\xbb\xbf" + "\r\n".join(valid_lines()).encode("utf-8") + b"\r\n"
    assert parse(data).valid


def test_str_with_bom_and_trailing_blanks_stripped():
    lines = [line.rstrip() for line in valid_lines()]
    directory = parse("\ufeff" + "\n".join(lines))
    assert directory.valid, directory.findings
    assert directory.gemeinden["01001000"].postcode == "24937"


def test_unsorted_file_is_valid():
    assert parse(text([GEMEINDE, VERBAND, KREIS, LAND])).valid


def test_too_large():
    finding = only(parse(b" " * (gv100ad.MAX_BYTES + 1)))
    assert "too large" in finding.description and "zu groß" in finding.description_de


def test_not_utf8_position():
    data = text(valid_lines()).encode("utf-8").replace(b"Flensburg, Stadt", b"Flensb\xfcrg, Stadt", 1)
    finding = only(parse(data))
    assert (finding.line, finding.column) == (2, 29)
    assert "UTF-8" in finding.description and "UTF-8" in finding.description_de


def test_latin1_file_refused():
    data = text([LAND.replace("Schleswig-Holstein", "Lübeck-Land      ")]).encode("latin-1")
    assert "UTF-8" in only(parse(data)).description


def test_empty_file():
    finding = only(parse(b""))
    assert "no records" in finding.description and "keine Datensätze" in finding.description_de


def test_wrong_satzart():
    finding = only(parse(text(valid_lines() + ["99" + LAND[2:]])))
    assert (finding.line, finding.column, finding.field) == (5, 1, "satzart")
    assert "'99'" in finding.description and "Satzart" in finding.description_de


def test_non_digit_key():
    bad = gemeinde("0100100X")
    finding = only(parse(text(valid_lines() + [bad])))
    assert (finding.line, finding.column, finding.field) == (5, 16, "gemeinde")
    assert "Gemeindeschlüssel" in finding.description_de


def test_unicode_digits_are_not_digits():
    bad = gemeinde("010010٠٢")  # Arabic-Indic digits pass str.isdigit()
    assert only(parse(text(valid_lines() + [bad]))).field == "gemeinde"


def test_key_where_the_layout_says_blank():
    bad = record("10", "021", "Hamburg")
    finding = only(parse(text(valid_lines() + [bad])))
    assert (finding.line, finding.column, finding.field) == (5, 13, "regierungsbezirk")


@pytest.mark.parametrize("date", ["2025113X", "20251331", "20250230", "        "])
def test_bad_date(date):
    finding = only(parse(text([record("10", "01", "Schleswig-Holstein", date=date)])))
    assert (finding.line, finding.column, finding.field) == (1, 3, "gebietsstand")
    assert "Gebietsstand" in finding.description_de


def test_mixed_gebietsstand():
    lines = valid_lines() + [gemeinde("01001001", "Anders", date="20241231")]
    finding = only(parse(text(lines)))
    assert (finding.line, finding.column) == (5, 3)
    assert "20241231" in finding.description and "20251130" in finding.description


@pytest.mark.parametrize(("field", "kwargs", "column"), [
    ("einwohner", {"population": "1O0"}, 140),
    ("flaeche", {"area": "-5"}, 129),
    ("maennlich", {"male": ""}, 151),
])
def test_non_numeric_values(field, kwargs, column):
    finding = only(parse(text(valid_lines() + [gemeinde("01001001", "Neu", **kwargs)])))
    assert (finding.line, finding.column, finding.field) == (5, column, field)
    assert "whole number" in finding.description and "ganze Zahl" in finding.description_de


def test_male_population_above_total():
    finding = only(parse(text(valid_lines() + [gemeinde("01001001", "Neu", population="10", male="11")])))
    assert (finding.field, finding.column) == ("maennlich", 151)


def test_bad_postcode():
    finding = only(parse(text(valid_lines() + [gemeinde("01001001", "Neu", plz="2493A")])))
    assert (finding.line, finding.column, finding.field) == (5, 166, "plz")


def test_empty_name_and_bad_type_on_one_line():
    directory = parse(text(valid_lines() + [gemeinde("01001001", "", typ="99")]))
    assert [(f.field, f.column) for f in directory.findings] == [("name", 23), ("typ", 123)]
    assert "01001001" not in directory.gemeinden  # a line with findings is not stored


def test_kreis_type_range():
    finding = only(parse(text(valid_lines() + [record("40", "01002", "Kiel", typ="61")])))
    assert finding.field == "typ" and "41-45" in finding.description


def test_duplicate_ags():
    finding = only(parse(text(valid_lines() + [GEMEINDE])))
    assert (finding.line, finding.column, finding.field) == (5, 11, "gemeinde")
    assert "line 4" in finding.description and "Zeile 4" in finding.description_de


def test_gemeinde_whose_kreis_and_verband_are_missing():
    directory = parse(text(valid_lines() + [gemeinde("01002000", "Kiel")]))
    assert [(f.line, f.field, f.column) for f in directory.findings] == [(5, "kreis", 14), (5, "verband", 19)]
    assert "01002" in directory.findings[0].description
    assert "hat keinen Datensatz" in directory.findings[0].description_de


def test_gemeinde_whose_land_is_missing():
    directory = parse(text([KREIS, VERBAND, GEMEINDE]))
    assert {(f.line, f.field) for f in directory.findings} == {(1, "land"), (2, "land"), (3, "land")}


def test_kreis_whose_regierungsbezirk_is_missing():
    finding = only(parse(text(valid_lines() + [record("40", "01101", "Irgendwo", typ="44")])))
    assert (finding.field, finding.column) == ("regierungsbezirk", 13)


def test_land_level_area_needs_no_kreis():
    lines = valid_lines() + [record("50", "01000", "Küstengewässer", verband="9999", typ="50"),
                             gemeinde("01000999", "Küstengewässer", verband="9999", typ="66", plz="")]
    directory = parse(text(lines))
    assert directory.valid, directory.findings
    assert directory.gemeinden["01000999"].kreis_ags is None
    assert directory.gemeinden["01000999"].is_gemeindefrei


def test_control_characters():
    bad = gemeinde("01001001", "Neu\x00stadt")
    finding = only(parse(text(valid_lines() + [bad])))
    assert (finding.line, finding.column) == (5, 26)
    assert "U+0000" in finding.description
    assert only(parse(text(valid_lines() + [gemeinde("01001001", "Neu\u2028stadt")]))).column == 26
    assert only(parse(text(valid_lines() + [GEMEINDE.replace("   ", "\t  ", 1)]))).field == "record"


def test_line_too_long():
    finding = only(parse(text(valid_lines() + [GEMEINDE + "X"])))
    assert (finding.line, finding.column) == (5, 221)
    assert parse(text(valid_lines()[:3] + [GEMEINDE + "     "])).valid  # trailing blanks are harmless


def test_findings_are_capped():
    lines = valid_lines() + ["XX" + LAND[2:]] * 1000
    directory = parse(text(lines))
    assert len(directory.findings) == gv100ad.MAX_FINDINGS + 1
    assert "more than 200 findings" in directory.findings[-1].description


def test_garbage_does_not_raise():
    for data in (b"\x00" * 500, "é" * 300, "\n" * 10_000, b"60" * 2000, "60" + "9" * 400):
        directory = parse(data)
        assert not directory.valid


def test_parse_file_errors(tmp_path):
    missing = parse_file(tmp_path / "missing.txt")
    assert not missing.valid and "can't open" in missing.findings[0].description
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(gv100ad.MAX_BYTES + 1)
    assert "too large" in parse_file(big).findings[0].description


def test_finding_serialisation():
    finding = only(parse(text(valid_lines() + [GEMEINDE])))
    assert finding.to_dict()["line"] == 5
    assert str(finding).startswith("5:11: ")


def test_lone_surrogate_in_str_input():
    finding = only(parse(text(valid_lines() + [gemeinde("01001001", "Neu\udcfcstadt")])))
    assert "U+DCFC" in finding.description


@settings_(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=240), max_size=8), st.binary(max_size=400))
def test_random_input_never_raises(lines, data):
    for directory in (parse("\n".join(lines)), parse(data), parse(text(valid_lines() + lines))):
        assert directory.valid == (not directory.findings)
        assert all(f.line >= 0 and f.column >= 0 and f.description and f.description_de for f in directory.findings)
