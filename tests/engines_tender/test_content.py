"""What the documents say: requirement ids and sources, EVB-IT by name and URL, products only in the internal annex,
the criteria tree with effective weights and totals, the scale and the legal notes."""

import pytest

from lichtermeer.engines.tender import FORMATS, citation, criteria_tree, render
from lichtermeer.engines.tender.content import ANNEX_TITLE, DRAFT_NOTICE, OWN_REQUIREMENT, SCALE

from .conftest import blocks, text_of


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_requirement_appears_with_its_id_title_and_source(spec, fmt):
    text = text_of(render(spec, "leistungsbeschreibung", fmt), fmt)
    for item in spec.requirements:
        assert item.id in text and item.title in text
        if item.source:
            assert f"Quelle: {item.source}" in text
        if item.source_url:
            assert item.source_url in text
    assert "Basisanforderungen 1.0.0, LM-DS-02;" in text
    assert text.count(OWN_REQUIREMENT) == sum(r.own for r in spec.requirements)
    assert "3.1 MUSS-Anforderungen (Mindestanforderungen, A-Kriterien)" in text
    assert text.index("3.1 MUSS") < text.index("3.2 SOLL") < text.index("3.3 KANN") < text.index("4 Schnittstellen")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_evb_it_type_is_referenced_by_label_and_url_not_reproduced(spec, fmt):
    text = text_of(render(spec, "leistungsbeschreibung", fmt), fmt)
    section = text[text.index("2 Vertragsgrundlage"): text.index("3 Anforderungen")]
    assert spec.evb_it.label in section and spec.evb_it.url in section
    assert "werden nicht in diese Leistungsbeschreibung übernommen" in section
    assert len(section) < 1200  # a reference, not contract text


@pytest.mark.parametrize("fmt", FORMATS)
def test_products_of_the_market_survey_appear_only_in_the_internal_annex(spec, fmt):
    parts = blocks(render(spec, "leistungsbeschreibung", fmt), fmt)
    annex = parts.index(ANNEX_TITLE)
    main, internal = "\n".join(parts[:annex]), "\n".join(parts[annex:])
    for solution in spec.market_survey:
        assert solution.name in internal and solution.provider in internal
        assert solution.name not in main and solution.provider not in main
    assert "nicht zur Veröffentlichung" in ANNEX_TITLE
    matrix = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    assert all(s.name not in matrix for s in spec.market_survey)


@pytest.mark.parametrize("fmt", FORMATS)
def test_standards_operating_models_and_notes_are_there(spec, fmt):
    text = text_of(render(spec, "leistungsbeschreibung", fmt), fmt)
    for standard in spec.standards:
        assert standard.name in text and standard.version in text and standard.uri in text
    assert "Server (stellt die Schnittstelle bereit)" in text
    assert "Software as a Service (Betrieb durch den Auftragnehmer)" in text
    for phrase in ("§ 31 VgV", "§ 121 GWB", "„oder gleichwertig“", "BITV 2.0", "EN 301 549", "Art. 28 DSGVO",
                   "(AVV)", DRAFT_NOTICE, "Vergabestelle: Stadt Beispielhausen (fiktives Beispiel) (AGS 09999001)",
                   "Vergabenummer: VG-2027-014", "Stand: 12. März 2027"):
        assert phrase in text


def _percent_of_groups(spec):
    """The example's group weights as percent of the group instead of shares of the whole."""
    for row, percent in zip(spec.criteria[5:8] + spec.criteria[9:12], (50, 30, 20, 40, 35, 25), strict=True):
        row.weight = percent


def test_effective_weights_multiply_down_the_tree(spec):
    tree = {node.row.id: node for node in criteria_tree(spec.criteria)}
    assert tree["A1"].effective is None and tree["G1"].effective == 40
    assert tree["B1.1"].effective == pytest.approx(20) and tree["B1.1"].depth == 1  # absolute: weight = share
    assert sum(n.effective for n in tree.values() if n.row.kind == "B") == pytest.approx(100)
    assert [n.row.id for n in criteria_tree(spec.criteria)][4:8] == ["G1", "B1.1", "B1.2", "B1.3"]
    _percent_of_groups(spec)
    tree = {node.row.id: node for node in criteria_tree(spec.criteria)}
    assert tree["B1.1"].effective == pytest.approx(20) and tree["B2.2"].effective == pytest.approx(12.25)
    assert sum(n.effective for n in tree.values() if n.row.kind == "B") == pytest.approx(100)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_matrix_lists_method_scale_criteria_and_totals(spec, fmt):
    parts = blocks(render(spec, "bewertungsmatrix", fmt), fmt)
    text = "\n".join(parts)
    for phrase in ("Erweiterte Richtwertmethode nach UfAB 2018", "Z = L / P", "Schwankungsbreite (SB): 5 %",
                   "höchste Leistungspunktzahl L", "§ 58 VgV", "§ 127 GWB", "UfAB 2018", "§ 8 VgV"):
        assert phrase in text
    for points, level, description in SCALE:
        assert f"{points} | {level} | {description}" in text
    criteria = next(p for p in parts if p.startswith("Nr. | Kriterium | Art"))
    assert "A1 | Verarbeitung in der EU/im EWR | A – Ausschlusskriterium (erfüllt / nicht erfüllt) | – | – | – " \
           "| LM-DS-01" in criteria
    assert "B2.2 | Betrieb in eigener Verantwortung möglich | B – Bewertung mit 0–10 Punkten | 10 | 10 | 100" \
           in criteria
    assert "G1 | Schnittstellen und Standards | Gruppe | 40 | 40 | 400" in criteria
    assert "Summe | Σ Gewichtungen = 100; L max = 1000 |  | 100 | 100 | 1000" in criteria
    assert "VS-01 | eigene Anforderung der Vergabestelle" in criteria  # the own criterion's source


@pytest.mark.parametrize("fmt", FORMATS)
def test_weights_in_percent_of_the_group_show_their_effective_weight(spec, fmt):
    _percent_of_groups(spec)
    text = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    assert "B2.2 | Betrieb in eigener Verantwortung möglich | B – Bewertung mit 0–10 Punkten | 35 | 12,25 | 122,5" \
           in text
    assert "Summe | Σ Gewichtungen = 100; L max = 1000 |  | 100 | 100 | 1000" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_price_weighting_method_shows_weight_and_formula(spec, fmt):
    spec.method.code, spec.method.band, spec.method.decision = "weighted", None, ""
    spec.method.price_weight, spec.method.price_formula = 0.3, "Preispunkte = 10 × niedrigster Preis / Preis"
    text = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    assert "Gewichtete Richtwertmethode" in text and "Preis 30 %, Leistung 70 %" in text
    assert "Z = GL × L / 1000 × 100 + GP × f(P) × 100" in text
    assert "Preispunkte = 10 × niedrigster Preis / Preis" in text and "Schwankungsbreite" not in text
    spec.method.price_formula = "linear"  # a code of the UfAB engine
    text = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    assert "f(P) = max(0; 1 − (P − Pmin) / Pmin)" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_weights_that_do_not_sum_to_100_are_flagged_in_the_totals_row(spec, fmt):
    spec.criteria[-1].weight = 15
    text = text_of(render(spec, "bewertungsmatrix", fmt), fmt)
    assert "Σ Gewichtungen ≠ 100: Gewichtung vor Veröffentlichung korrigieren |  | 90 | 90 | 900" in text


def test_citation_of_catalogue_and_own_requirements(spec):
    by_id = {r.id: r for r in spec.requirements}
    assert citation(by_id["LM-DS-02"]) == ("Basisanforderungen 1.0.0, LM-DS-02; "
                                           "Quelle: Verordnung (EU) 2016/679 (DSGVO), Art. 28 Abs. 3")
    assert citation(by_id["VS-01"]) == OWN_REQUIREMENT
    by_id["LM-DS-02"].catalogue_version = "1.1.0"
    assert citation(by_id["LM-DS-02"]).startswith("Basisanforderungen 1.1.0, LM-DS-02;")
