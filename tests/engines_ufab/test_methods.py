"""The four methods: winners, exclusions, exact band edges, tie-break rules, results per criterion and group."""

from fractions import Fraction

import pytest

from engines_ufab.support import offer, simplified, spec
from lichtermeer.engines.ufab import Evaluation, evaluate


def ids(result: Evaluation) -> list[str]:
    return [o.id for o in result.offers]


# --- simplified ---------------------------------------------------------------------------------------------


def test_simplified_picks_the_lowest_price_among_offers_that_meet_every_a_criterion():
    result = evaluate(simplified())
    assert result.ranking == ["Z", "X"] and result.winner == "Z"
    assert ids(result) == ["Z", "X", "Y"]
    y = result.offer("Y")
    assert y.excluded and y.rank is None and y.reason_en == "fails A criterion A2"
    assert y.reason_de == "erfüllt das A-Kriterium A2 nicht"
    assert all(o.L is None and o.Z is None for o in result.offers)
    assert result.p_min == 90 and "Lowest price: Z (90)" in result.explanation_en
    assert "Niedrigster Preis: Z (90)" in result.explanation_de


def test_simplified_reports_equal_prices_as_a_tie():
    result = evaluate(simplified([{"id": "X", "price": 90, "a": {"A1": True, "A2": True}},
                                  {"id": "Z", "price": 90.0, "a": {"A1": True, "A2": True}}]))
    assert result.ties == [["X", "Z"]] and [o.rank for o in result.offers] == [1, 1]
    assert "remain tied for first place" in result.explanation_en and "das Los" in result.explanation_de
    assert result.to_json()["ties"] == [["X", "Z"]]


def test_a_missing_a_result_excludes_and_says_so():
    result = evaluate(simplified([{"id": "X", "price": 90, "a": {"A1": True}},
                                  {"id": "Z", "price": 95, "a": {}}]))
    assert result.offer("X").reason_en == "fails A criterion A2 (no result given)"
    assert result.offer("Z").reason_en == "fails A criteria A1 (no result given), A2 (no result given)"
    assert result.offer("Z").reason_de == ("erfüllt die A-Kriterien A1 (kein Ergebnis angegeben), "
                                           "A2 (kein Ergebnis angegeben) nicht")
    assert result.ranking == [] and result.winner is None
    assert "there is no winner" in result.explanation_en and "keinen Gewinner" in result.explanation_de


# --- simple -------------------------------------------------------------------------------------------------


def test_simple_ranks_by_z_equal_to_l_over_p_exactly():
    result = evaluate(spec("simple", [offer("X", 100000, 8, 6), offer("Y", 80000, 6, 6), offer("W", 1, a=False)]))
    x, y = result.offer("X"), result.offer("Y")
    assert (x.L_exact, y.L_exact) == (720, 600)
    assert x.Z_exact == Fraction(720, 100000) and y.Z_exact == Fraction(600, 80000)
    assert result.ranking == ["Y", "X"] and (y.rank, x.rank) == (1, 2)
    assert (y.Z, x.Z) == (0.0075, 0.0072)
    assert x.criterion_points == {"B1": 480, "B2": 240} and x.group_points == {}
    assert result.offer("W").excluded and ids(result)[-1] == "W" and "W" not in result.ranking
    assert result.to_json("de") == {
        "offers": [{"id": "Y", "excluded": False, "reason": None, "L": 600, "Z": 0.0075},
                   {"id": "X", "excluded": False, "reason": None, "L": 720, "Z": 0.0072},
                   {"id": "W", "excluded": True, "reason": "erfüllt das A-Kriterium A1 'Hosting in the EU' nicht",
                    "L": None, "Z": None}],
        "ranking": ["Y", "X"]}


def test_nested_groups_add_up_to_group_points_and_l():
    criteria = [
        {"id": "G1", "kind": "group", "weight": 70, "criteria": [
            {"id": "A1", "kind": "A"},
            {"id": "G2", "kind": "group", "weight": 50, "criteria": [
                {"id": "B1", "kind": "B", "weight": 30}, {"id": "B2", "kind": "B", "weight": 20}]},
            {"id": "B3", "kind": "B", "weight": 20}]},
        {"id": "B4", "kind": "B", "weight": 30},
    ]
    points = {"B1": 10, "B2": 5, "B3": 7.5, "B4": 0}
    result = evaluate(spec("simple", [{"id": "X", "price": 1000, "a": {"A1": True}, "points": points}], criteria))
    x = result.offer("X")
    assert x.criterion_points == {"B1": 300, "B2": 100, "B3": 150, "B4": 0}
    assert x.group_points == {"G1": 550, "G2": 400}
    assert x.L == 550 and x.Z == 0.55


def test_decimal_weights_that_add_up_exactly_are_accepted():
    criteria = [{"id": "B1", "kind": "B", "weight": 33.3}, {"id": "B2", "kind": "B", "weight": 33.3},
                {"id": "B3", "kind": "B", "weight": 33.4}]
    result = evaluate(spec("simple", [{"id": "X", "price": 3, "points": {"B1": 7.5, "B2": 10, "B3": 0.25}}],
                           criteria))
    x = result.offer("X")
    assert x.L_exact == Fraction("249.75") + Fraction("333") + Fraction("8.35")
    assert x.L == 591.1 and x.criterion_points == {"B1": 249.75, "B2": 333, "B3": 8.35}


def test_simple_reports_equal_z_as_a_tie_in_input_order():
    offers = [offer("X", 100, 5, 5), offer("Y", 200, 10, 10), offer("Z", 50, 10, 10)]
    result = evaluate(spec("simple", offers))
    assert result.ranking == ["Z", "X", "Y"] and result.ties == [["X", "Y"]]
    assert [o.rank for o in result.offers] == [1, 2, 2]
    assert "Tied for rank 2: X, Y." in result.explanation_en
    assert result.offer("X").notes[0].en == "tied with Y: the method's rules do not separate them"


@pytest.mark.parametrize(("rule", "ranking"), [("price", ["X", "Y"]), ("performance", ["Y", "X"])])
def test_the_tie_break_rule_separates_equal_z(rule, ranking):
    offers = [offer("X", 100, 5, 5), offer("Y", 200, 10, 10)]
    result = evaluate(spec("simple", offers, tie_break=rule))
    assert result.ranking == ranking and result.ties == []
    assert [o.rank for o in result.offers] == [1, 2]
    assert "published tie-break rule" in result.explanation_en
    assert "Regel bei Gleichstand" in result.explanation_de


def test_identical_offers_stay_tied_despite_a_tie_break_rule():
    result = evaluate(spec("simple", [offer("X", 100), offer("Y", 100)], tie_break="price"))
    assert result.ties == [["X", "Y"]]


def test_min_points_excludes_offers_below_the_published_minimum():
    offers = [offer("X", 100, 10, 10), offer("Y", 10, 2, 2), offer("Z", 40, 5, 5)]
    result = evaluate(spec("simple", offers, min_points=500))
    y = result.offer("Y")
    assert y.excluded and y.rank is None and y.Z is None and y.L == 200
    assert y.reason_en == "performance points L = 200 below the published minimum of 500"
    assert y.reason_de == "Leistungspunkte L = 200 unter der veröffentlichten Mindestpunktzahl 500"
    assert result.ranking == ["Z", "X"]  # Z: L = 500 is not below 500


def test_display_rounding_is_half_up_and_a_display_tie_gets_a_note():
    # Z(X) = 1000/3 = 333.333…; Z(Y) = 999.999/3 = 333.333 → both print 333.333, X is ahead exactly.
    criteria = [{"id": "B1", "kind": "B", "weight": 100}]
    offers = [{"id": "Y", "price": 3, "points": {"B1": 9.99999}}, {"id": "X", "price": 3, "points": {"B1": 10}}]
    result = evaluate(spec("simple", offers, criteria))
    assert result.ranking == ["X", "Y"] and result.ties == []
    assert result.offer("X").Z == result.offer("Y").Z == 333.333
    assert result.offer("Y").L == 1000.0  # 999.999 rounded to 2 places
    assert "rounds to the same value as X's" in result.offer("Y").notes[0].en


# --- extended -----------------------------------------------------------------------------------------------


def band_offers():
    # Z: X = 720/100 = 7.2 (Z_max), Y = 684/100 = 6.84 = 7.2 × 0.95 exactly, W = 683/100 just below.
    criteria = [{"id": "B1", "kind": "B", "weight": 100}]
    offers = [{"id": "W", "price": 100, "points": {"B1": 6.83}},
              {"id": "Y", "price": 100, "points": {"B1": 6.84}},
              {"id": "X", "price": 100, "points": {"B1": 7.2}}]
    return criteria, offers


def test_an_offer_exactly_at_the_band_edge_is_in_the_band():
    criteria, offers = band_offers()
    result = evaluate(spec("extended", offers, criteria, band=0.05, decision="price"))
    assert result.band_members == ["Y", "X"] and result.z_max == 7.2 and result.threshold == 6.84
    assert result.offer("Y").in_band and not result.offer("W").in_band
    # equal prices: the decision criterion does not separate them, the input order stays, the tie is reported
    assert result.ranking == ["Y", "X", "W"] and result.ties == [["Y", "X"]]
    assert result.to_json()["band"] == {"members": ["Y", "X"], "z_max": 7.2, "threshold": 6.84}


def test_the_band_edge_is_exact_where_floating_point_is_not():
    criteria = [{"id": "B1", "kind": "B", "weight": 100}]
    offers = [{"id": "X", "price": 90000, "points": {"B1": 1.6}}, {"id": "Y", "price": 90000, "points": {"B1": 1.552}}]
    assert 155.2 / 90000 < 160 / 90000 * (1 - 0.03)  # what floats would decide
    result = evaluate(spec("extended", offers, criteria, band=0.03, decision="performance"))
    assert result.band_members == ["X", "Y"]


def test_decision_performance_puts_the_highest_l_in_the_band_first():
    offers = [offer("Cheap", 80, 6, 6), offer("Strong", 100, 8, 7), offer("Weak", 50, 2, 2)]
    # Z: Cheap 600/80 = 7.5 (max), Strong 760/100 = 7.6 → Strong is Z_max; Cheap 7.5 ≥ 7.6 × 0.9 = 6.84.
    result = evaluate(spec("extended", offers, band=0.1, decision="performance"))
    assert result.band_members == ["Strong", "Cheap"]
    assert result.ranking == ["Strong", "Cheap", "Weak"] and result.offer("Weak").in_band is False
    assert "puts Strong first (L = 760)" in result.explanation_en


def test_decision_price_puts_the_cheapest_offer_in_the_band_first():
    offers = [offer("Cheap", 80, 6, 6), offer("Strong", 100, 8, 7), offer("Weak", 50, 2, 2)]
    result = evaluate(spec("extended", offers, band=0.1, decision="price"))
    assert result.ranking == ["Cheap", "Strong", "Weak"]
    assert "Z_max = 7.6 (Strong)" in result.explanation_en
    assert "Schwelle Z_max · (1 − 0,1) = 6,84" in result.explanation_de


def test_offers_outside_the_band_follow_by_z_and_ties_there_are_reported():
    offers = [offer("Top", 10, 10, 10), offer("P", 20, 5, 5), offer("Q", 40, 10, 10)]
    result = evaluate(spec("extended", offers, band=0.05, decision="price"))
    assert result.band_members == ["Top"]
    assert result.ranking == ["Top", "P", "Q"] and result.ties == [["P", "Q"]]
    assert [o.rank for o in result.offers] == [1, 2, 2]


def test_equal_l_in_the_band_under_decision_performance_is_a_tie():
    offers = [offer("X", 100, 7, 7), offer("Y", 98, 7, 7)]
    result = evaluate(spec("extended", offers, band=0.05, decision="performance"))
    assert result.band_members == ["X", "Y"] and result.ties == [["X", "Y"]]  # Z does not separate them


def test_excluded_offers_are_not_part_of_z_max():
    offers = [offer("Best", 1, 10, 10, a=False), offer("X", 100, 8, 8), offer("Y", 100, 7, 7)]
    result = evaluate(spec("extended", offers, band=0.1, decision="price"))
    assert result.z_max == 8 and result.band_members == ["X"]


# --- weighted -----------------------------------------------------------------------------------------------


def test_weighted_ratio_formula():
    offers = [offer("X", 100, 10, 10), offer("Y", 50, 5, 5), offer("Z", 200, 10, 10)]
    result = evaluate(spec("weighted", offers, price_weight=0.4))
    x, y, z = result.offer("X"), result.offer("Y"), result.offer("Z")
    assert (x.price_points, y.price_points, z.price_points) == (0.5, 1, 0.25)
    assert x.Z_exact == Fraction(60) + Fraction(20) and y.Z_exact == 30 + 40 and z.Z_exact == 60 + 10
    assert result.ranking == ["X", "Y", "Z"] and result.ties == [["Y", "Z"]]
    assert result.p_min == 50 and result.parameters == {"price_weight": 0.4, "price_formula": "ratio"}


def test_weighted_linear_formula_reaches_zero_at_twice_the_lowest_price():
    offers = [offer("X", 100, 10, 10), offer("Y", 150, 10, 10), offer("Z", 200, 10, 10), offer("V", 300, 10, 10)]
    result = evaluate(spec("weighted", offers, price_weight=0.3, price_formula="linear"))
    assert [result.offer(i).price_points for i in "XYZV"] == [1, 0.5, 0, 0]
    assert [result.offer(i).Z for i in "XYZV"] == [100, 85, 70, 70]
    assert result.ties == [["Z", "V"]]
    assert "0 at twice the lowest price" in result.explanation_en


def test_weighted_tie_break_and_score_range():
    offers = [offer("X", 100, 10, 10), offer("Y", 50, 0, 0)]
    # Z(X) = 0.5 × 100 + 0.5 × 50 = 75; Z(Y) = 0 + 50 = 50
    result = evaluate(spec("weighted", offers, price_weight=0.5, tie_break="price"))
    assert [o.Z for o in result.offers] == [75, 50]
    assert all(0 <= o.Z_exact <= 100 for o in result.offers)


def test_weighted_p_min_ignores_excluded_offers():
    offers = [offer("Cheap", 10, a=False), offer("X", 100), offer("Y", 200)]
    result = evaluate(spec("weighted", offers, price_weight=0.3))
    assert result.p_min == 100 and result.offer("X").price_points == 1


# --- the record -------------------------------------------------------------------------------------------


def test_the_record_has_everything_in_both_languages():
    record = evaluate(spec("extended", [offer("X", 100, 8, 6), offer("Y", 80, 6, 6)], band=0.05,
                           decision="performance")).to_record()
    assert record["method"] == "extended" and record["parameters"] == {"band": 0.05, "decision": "performance"}
    assert record["explanation"]["de"].startswith("Erweiterte Richtwertmethode")
    first = record["offers"][0]
    assert set(first) == {"id", "title", "excluded", "rank", "reason", "price", "L", "Z", "price_points",
                          "in_band", "criterion_points", "group_points", "notes"}
    assert first["notes"][0]["de"].startswith("in der Schwankungsbreite")


def test_integer_and_fraction_points_give_the_same_exact_results():
    criteria = [{"id": "B1", "kind": "B", "weight": 12.5}, {"id": "B2", "kind": "B", "weight": 87.5},
                {"id": "A1", "kind": "A"}]
    as_int = [{"id": "X", "price": 7, "a": {"A1": True}, "points": {"B1": 3, "B2": 9}}]
    as_fraction = [{"id": "X", "price": 7, "a": {"A1": True}, "points": {"B1": Fraction(3), "B2": 9.0}}]
    one, two = (evaluate(spec("simple", offers, criteria)).offer("X") for offers in (as_int, as_fraction))
    assert one.L_exact == two.L_exact == Fraction("825")
    assert one.criterion_points == two.criterion_points == {"B1": 37.5, "B2": 787.5}
    assert (one.L, one.Z) == (two.L, two.Z) == (825, round(825 / 7, 3))
