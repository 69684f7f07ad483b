"""exit_score(facts, weights): factors from documented rules, evidence in both languages, weights validated."""

import re
from dataclasses import replace

import pytest

from lichtermeer.engines.interop import (
    DEFAULT_WEIGHTS,
    FACTORS,
    ExitFacts,
    FactsInvalid,
    WeightsInvalid,
    exit_score,
    parse_weights,
    validate_weights,
)

from .conftest import REPO

FULL = ExitFacts(licence="EUPL-1.2", export_formats=["CSV", "GeoJSON"], export_evidence="Assessment 2026-03",
                 standard_interfaces=["wms", "wfs"], self_hosting=True,
                 operators=["Stadt Musterstadt", "Dataport", "Example GmbH"], reuse_count=5, admission="admitted",
                 sources={"reuse": "Lichtermeer inventory"})


def factor(result, factor_id):
    return next(f for f in result.factors if f.id == factor_id)


def test_the_default_weights_are_the_settings_defaults():
    text = (REPO / "src" / "lichtermeer" / "settings.py").read_text(encoding="utf-8")
    default = re.search(r'EXIT_SCORE_WEIGHTS = envweights\(\s*"EXIT_SCORE_WEIGHTS",\s*((?:"[^"]*"\s*)+),?\s*\)', text)
    assert parse_weights("".join(re.findall(r'"([^"]*)"', default.group(1)))) == DEFAULT_WEIGHTS
    assert list(DEFAULT_WEIGHTS) == list(FACTORS) and sum(DEFAULT_WEIGHTS.values()) == 100


def test_all_facts_good_give_100_and_low_lock_in():
    result = exit_score(FULL, DEFAULT_WEIGHTS)
    assert (result.score, result.band, result.band_en, result.band_de) == (100, "low", "low lock-in",
                                                                          "geringe Bindung")
    assert [f.id for f in result.factors] == list(FACTORS) and result.unknown == []
    licence = factor(result, "open-licence")
    assert (licence.evidence_en, licence.evidence_de) == ("Licence EUPL-1.2 is OSI-approved",
                                                          "Lizenz EUPL-1.2 ist OSI-anerkannt")
    export = factor(result, "data-export")
    assert export.evidence_en == "Export at contract end in open formats: CSV, GeoJSON (Assessment 2026-03)"
    assert export.source == "Assessment 2026-03"
    assert factor(result, "reuse").source == "Lichtermeer inventory"


def test_unknown_facts_give_no_points_and_say_so():
    result = exit_score(ExitFacts(), DEFAULT_WEIGHTS)
    assert result.score == 0 and result.band == "high"
    assert all((f.points, f.evidence_en, f.evidence_de, f.known) == (0, "not stated", "nicht angegeben", False)
               for f in result.factors)
    assert result.unknown == list(FACTORS)


def test_the_worked_example_of_the_docs():
    facts = ExitFacts(licence="AGPL-3.0-or-later", export_formats=["CSV"], standard_interfaces=["ngsi-ld"],
                      self_hosting=True, operators=["Provider GmbH", "Stadtwerke Beispiel"], reuse_count=2,
                      admission=None)
    result = exit_score(facts, DEFAULT_WEIGHTS)
    assert [(f.id, f.fraction, f.points) for f in result.factors] == [
        ("open-licence", 1.0, 20.0), ("data-export", 1.0, 20.0), ("standard-interfaces", 0.5, 7.5),
        ("self-hosting", 1.0, 15.0), ("independent-operators", 0.5, 7.5), ("reuse", 0.5, 5.0),
        ("admission", 0.0, 0.0)]
    assert (result.score, result.band) == (75, "low")  # 75/100
    assert exit_score(replace(facts, admission="transition"), DEFAULT_WEIGHTS).score == 78  # 77.5 rounds half up


@pytest.mark.parametrize(("operators", "fraction"), [
    ([], 0.0), (["A"], 0.0), (["A", "a ", "A"], 0.0), (["A", "B"], 0.5), (["A", "B", "C"], 1.0),
    (["A", "B", "C", "D"], 1.0)])
def test_independent_operators_thresholds(operators, fraction):
    assert factor(exit_score(ExitFacts(operators=operators)), "independent-operators").fraction == fraction


@pytest.mark.parametrize(("count", "fraction"), [(0, 0.0), (1, 0.5), (2, 0.5), (3, 1.0), (40, 1.0)])
def test_reuse_thresholds(count, fraction):
    assert factor(exit_score(ExitFacts(reuse_count=count)), "reuse").fraction == fraction


@pytest.mark.parametrize(("status", "fraction"), [
    ("admitted", 1.0), ("transition", 0.5), ("suspended", 0.0), ("expired", 0.0), ("none", 0.0)])
def test_admission_statuses(status, fraction):
    result = factor(exit_score(ExitFacts(admission=status)), "admission")
    assert result.fraction == fraction and result.known


def test_licence_rules():
    closed = factor(exit_score(ExitFacts(licence="LicenseRef-proprietary")), "open-licence")
    assert closed.fraction == 0 and closed.evidence_en == "Licence LicenseRef-proprietary is not an open-source licence"
    stated = factor(exit_score(ExitFacts(licence_open=True)), "open-licence")
    assert stated.fraction == 1 and stated.evidence_en == "Open-source licence (stated)"
    dual = factor(exit_score(ExitFacts(licence="MIT OR Apache-2.0")), "open-licence")
    assert dual.fraction == 1 and "open source" in dual.evidence_en
    override = factor(exit_score(ExitFacts(licence="MIT", licence_open=False)), "open-licence")
    assert override.fraction == 0


def test_interfaces_and_export_thresholds():
    assert factor(exit_score(ExitFacts(standard_interfaces=[])), "standard-interfaces").fraction == 0
    assert factor(exit_score(ExitFacts(standard_interfaces=["wms"])), "standard-interfaces").fraction == 0.5
    assert factor(exit_score(ExitFacts(standard_interfaces=["wms", "wfs"])), "standard-interfaces").fraction == 1
    none = factor(exit_score(ExitFacts(export_formats=[])), "data-export")
    assert none.fraction == 0 and none.known and none.evidence_de == "Kein offenes Exportformat angegeben"


def test_bands_and_rounding():
    weights = {"self-hosting": 200, "reuse": 0}
    assert exit_score(ExitFacts(self_hosting=True), weights).score == 100
    # 0.5 × 139 / 200 = 34.75 % → 35 (half up); 69.5 % rounds to 70 = low lock-in
    assert exit_score(ExitFacts(operators=["a", "b"]), {"independent-operators": 139, "reuse": 61}).score == 35
    facts = ExitFacts(self_hosting=True, reuse_count=1)
    result = exit_score(facts, {"self-hosting": 139, "reuse": 22, "admission": 39})
    assert (result.score, result.band) == (75, "low")
    edge = exit_score(facts, {"self-hosting": 129, "reuse": 20, "admission": 51})
    assert (edge.score, edge.band) == (70, "low")  # (129 + 10) / 200 = 69.5 % → 70
    assert exit_score(ExitFacts(self_hosting=True), {"self-hosting": 40, "reuse": 60}).band == "medium"
    assert exit_score(ExitFacts(self_hosting=True), {"self-hosting": 39, "reuse": 61}).band == "high"


def test_missing_factors_weigh_nothing():
    result = exit_score(ExitFacts(self_hosting=True), {"self-hosting": 1})
    assert result.score == 100 and result.total_weight == 1
    assert factor(result, "reuse").weight == 0


@pytest.mark.parametrize(("weights", "message"), [
    ({"open-licence": -1}, "must not be negative"),
    ({"open-licence": 1.5}, "must be a whole number"),
    ({"open-licence": True}, "must be a whole number"),
    ({"vendor-size": 3}, "Unknown factor 'vendor-size'"),
    ({"open-licence": 0, "reuse": 0}, "must not all be 0"),
    ({}, "must not all be 0"),
    ({"reuse": 10_000}, "at most 1000"),
])
def test_bad_weights_are_rejected(weights, message):
    with pytest.raises(WeightsInvalid) as caught:
        exit_score(ExitFacts(), weights)
    assert message in str(caught.value)
    assert validate_weights(weights)[0][2]  # a German text too


def test_parse_weights_reads_the_environment_format():
    assert parse_weights("open-licence=20, reuse = 10,") == {"open-licence": 20, "reuse": 10}
    for bad in ("open-licence", "open-licence=x", "open-licence=1,open-licence=2", "=3"):
        with pytest.raises(WeightsInvalid):
            parse_weights(bad)


def test_facts_from_json_are_checked():
    facts = ExitFacts.from_dict({"licence": "MIT", "operators": ["A"], "reuse_count": 2, "sources": {"reuse": "x"}})
    assert facts.operators == ["A"] and facts.sources == {"reuse": "x"}
    for bad, key in (({"reuse_count": -1}, "reuse_count"), ({"reuse_count": True}, "reuse_count"),
                     ({"admission": "maybe"}, "admission"), ({"self_hosting": "yes"}, "self_hosting"),
                     ({"operators": "A"}, "operators"), ({"operators": [1]}, "operators[0]"),
                     ({"vendor": "x"}, "vendor"), ({"sources": {"a": 1}}, "sources")):
        with pytest.raises(FactsInvalid) as caught:
            ExitFacts.from_dict(bad)
        assert caught.value.path == key and caught.value.de


def test_to_dict_is_json_ready():
    import json

    data = exit_score(FULL).to_dict()
    assert json.loads(json.dumps(data))["factors"][0]["id"] == "open-licence" and data["unknown"] == []
