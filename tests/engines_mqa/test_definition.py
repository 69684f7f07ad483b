"""The indicator table, the bands and their edges, and a broken definition directory."""

import shutil
import subprocess
import sys

import pytest

from lichtermeer.engines.mqa import MAXIMUM, DefinitionError, band_for, load_definition
from lichtermeer.engines.mqa.indicators import DEFAULT_DATA_DIR, DIMENSIONS


def test_the_table_has_23_indicators_worth_405_points_in_five_dimensions():
    definition = load_definition()
    assert len(definition.indicators) == 23
    assert sum(i.points for i in definition.indicators) == MAXIMUM == 405
    assert definition.dimension_maxima == {"findability": 100, "accessibility": 100, "interoperability": 110,
                                           "reusability": 75, "contextuality": 20}
    levels = {i.id: i.level for i in definition.indicators}
    assert [k for k, v in levels.items() if v == "distribution"] == [
        "A1", "A2", "A3", "I1", "I2", "I3", "I4", "I5", "R1", "R2", "C1", "C2"]


def test_every_indicator_dimension_and_band_has_an_english_and_a_german_label():
    definition = load_definition()
    assert all(i.label.en and i.label.de for i in definition.indicators)
    assert definition.by_id()["R5"].label.en == "Contact point"
    assert definition.by_id()["R5"].label.de == "Kontaktstelle"
    assert definition.by_id()["A1"].label.en == "AccessURL accessibility"
    assert definition.by_id()["A1"].label.de == "Erreichbarkeit der Zugangs-URL"
    assert [d.de for d in DIMENSIONS.values()] == ["Auffindbarkeit", "Zugänglichkeit", "Interoperabilität",
                                                   "Wiederverwendbarkeit", "Kontextualität"]
    assert [(b.name, b.label.de) for b in definition.bands] == [
        ("excellent", "Ausgezeichnet"), ("good", "Gut"), ("sufficient", "Ausreichend"), ("bad", "Schlecht")]


@pytest.mark.parametrize(("total", "band"), [
    (0, "bad"), (120, "bad"), (120.99, "bad"), (121, "sufficient"), (220, "sufficient"), (220.5, "sufficient"),
    (221, "good"), (350, "good"), (350.99, "good"), (351, "excellent"), (405, "excellent"),
])
def test_bands_follow_the_corpus_thresholds_at_their_edges(total, band):
    # Bad 0–120, Sufficient 121–220, Good 221–350, Excellent 351–405; a fraction between two integer ranges
    # stays in the lower band (mjanez/ckan-mqa: total >= threshold).
    assert band_for(total).name == band


def test_a_definition_whose_points_do_not_add_up_is_refused(tmp_path):
    copy = tmp_path / "mqa"
    shutil.copytree(DEFAULT_DATA_DIR, copy)
    table = copy / "mqa_indicators.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",dcat:Dataset,30,", ",dcat:Dataset,35,", 1),
                     encoding="utf-8")
    with pytest.raises(DefinitionError, match="findability: indicator points add up to 105, not 100"):
        load_definition(copy)


def test_bands_with_a_gap_are_refused(tmp_path):
    copy = tmp_path / "mqa"
    shutil.copytree(DEFAULT_DATA_DIR, copy)
    rating = copy / "mqa_rating.csv"
    rating.write_text(rating.read_text(encoding="utf-8").replace("Good,221", "Good,225"), encoding="utf-8")
    with pytest.raises(DefinitionError, match="gap or overlap between the bands sufficient and good"):
        load_definition(copy)


def test_a_missing_definition_directory_is_a_clear_error(tmp_path):
    with pytest.raises(DefinitionError, match="cannot read .*mqa_indicators.csv"):
        load_definition(tmp_path / "nowhere")


def test_the_engine_imports_no_django():
    code = "import sys, lichtermeer.engines.mqa.cli, lichtermeer.engines.mqa; print('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
