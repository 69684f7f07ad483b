"""Bad input: every problem is reported before any score, with its path and an English and a German message."""

import copy
from decimal import Decimal
from fractions import Fraction

import pytest

from engines_ufab.support import offer, simplified, spec
from lichtermeer.engines.ufab import MAX_CRITERIA, MAX_OFFERS, Problem, UfabInvalid, evaluate, validate
from lichtermeer.engines.ufab.model import MAX_PROBLEMS


def changed(base: dict, change) -> dict:
    data = copy.deepcopy(base)
    change(data)
    return data


def set_(path, value):
    """A change that sets data[path[0]][path[1]]… = value."""
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def drop(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


def append(path, value):
    def change(data):
        target = data
        for key in path:
            target = target[key]
        target.append(value)
    return change


def nested(depth: int) -> list:
    criteria = [{"id": f"B{depth}", "kind": "B", "weight": 100}]
    for level in range(depth - 1, 0, -1):
        criteria = [{"id": f"G{level}", "kind": "group", "weight": 100, "criteria": criteria}]
    return criteria


SIMPLE = spec("simple")
GROUPED = spec("simple", [{"id": "X", "price": 10, "a": {"A1": True}, "points": {"B1": 5, "B2": 5, "B3": 5}}], [
    {"id": "A1", "kind": "A"},
    {"id": "G1", "kind": "group", "weight": 60, "criteria": [
        {"id": "B1", "kind": "B", "weight": 40}, {"id": "B2", "kind": "B", "weight": 20}]},
    {"id": "B3", "kind": "B", "weight": 40}])
EXTENDED = spec("extended", band=0.05, decision="price")
WEIGHTED = spec("weighted", price_weight=0.3)

CASES = [
    # (name, input, path, words of the English message)
    ("top-level weights", changed(SIMPLE, set_(["criteria", 2, "weight"], 30)), "criteria",
     "add up to 90, not 100"),
    ("group weights", changed(GROUPED, set_(["criteria", 1, "criteria", 0, "weight"], 30)),
     "criteria[1].criteria", "weights in group 'G1' add up to 50, not 60"),
    ("negative weight", changed(SIMPLE, set_(["criteria", 1, "weight"], -60)), "criteria[1].weight",
     "greater than 0"),
    ("zero weight", changed(SIMPLE, set_(["criteria", 1, "weight"], 0)), "criteria[1].weight", "greater than 0"),
    ("weight as text", changed(SIMPLE, set_(["criteria", 1, "weight"], "60")), "criteria[1].weight",
     "must be a number, not a string"),
    ("weight true", changed(SIMPLE, set_(["criteria", 1, "weight"], True)), "criteria[1].weight",
     "must be a number, not a boolean"),
    ("weight NaN", changed(SIMPLE, set_(["criteria", 1, "weight"], float("nan"))), "criteria[1].weight",
     "finite"),
    ("weight above 100", changed(SIMPLE, set_(["criteria", 1, "weight"], 160)), "criteria[1].weight",
     "at most 100"),
    ("nested weight", changed(GROUPED, set_(["criteria", 1, "criteria", 0, "weight"], None)),
     "criteria[1].criteria[0].weight", "must be a number"),
    ("weight missing", changed(SIMPLE, drop(["criteria", 1, "weight"])), "criteria[1].weight",
     "weight is missing"),
    ("weight on A", changed(SIMPLE, set_(["criteria", 0, "weight"], 10)), "criteria[0].weight",
     "an A criterion has no weight"),
    ("duplicate criterion", changed(SIMPLE, set_(["criteria", 2, "id"], "B1")), "criteria[2].id",
     "duplicate criterion id 'B1' (also at criteria[1])"),
    ("unknown kind", changed(SIMPLE, set_(["criteria", 1, "kind"], "C")), "criteria[1].kind", "unknown: 'C'"),
    ("missing kind", changed(SIMPLE, drop(["criteria", 1, "kind"])), "criteria[1].kind", "kind is missing"),
    ("lower-case kind", changed(SIMPLE, set_(["criteria", 1, "kind"], "b")), "criteria[1].kind", "unknown"),
    ("unknown criterion key", changed(SIMPLE, set_(["criteria", 1, "wieght"], 1)), "criteria[1].wieght",
     "unknown key 'wieght'"),
    ("criteria in a B", changed(SIMPLE, set_(["criteria", 1, "criteria"], [])), "criteria[1].criteria",
     "only a group has criteria"),
    ("empty group", changed(GROUPED, set_(["criteria", 1, "criteria"], [])), "criteria[1].criteria",
     "non-empty list"),
    ("group of A only", changed(GROUPED, set_(["criteria", 1, "criteria"], [{"id": "A9", "kind": "A"}])),
     "criteria[1].criteria", "has no B criterion or group"),
    ("too deep", spec("simple", [{"id": "X", "price": 1, "points": {"B6": 1}}], nested(6)),
     "criteria[0].criteria[0].criteria[0].criteria[0].criteria[0].criteria", "at most 5 levels"),
    ("id missing", changed(SIMPLE, drop(["criteria", 1, "id"])), "criteria[1].id", "id is missing"),
    ("id number", changed(SIMPLE, set_(["criteria", 1, "id"], 1)), "criteria[1].id", "must be a string"),
    ("id blank", changed(SIMPLE, set_(["criteria", 1, "id"], " ")), "criteria[1].id", "must not be empty"),
    ("id control", changed(SIMPLE, set_(["criteria", 1, "id"], "B\n1")), "criteria[1].id", "control characters"),
    ("id long", changed(SIMPLE, set_(["criteria", 1, "id"], "B" * 101)), "criteria[1].id", "too long"),
    ("title long", changed(SIMPLE, set_(["criteria", 1, "title"], "x" * 501)), "criteria[1].title", "too long"),
    ("points above 10", changed(SIMPLE, set_(["offers", 0, "points", "B1"], 11)), "offers[0].points.B1",
     "between 0 and 10; got 11"),
    ("negative points", changed(SIMPLE, set_(["offers", 0, "points", "B1"], -0.5)), "offers[0].points.B1",
     "got -0.5"),
    ("points as text", changed(SIMPLE, set_(["offers", 0, "points", "B1"], "7")), "offers[0].points.B1",
     "must be a number, not a string"),
    ("points true", changed(SIMPLE, set_(["offers", 0, "points", "B1"], True)), "offers[0].points.B1",
     "not a boolean"),
    ("points missing", changed(SIMPLE, drop(["offers", 1, "points", "B2"])), "offers[1].points.B2",
     "no points for B criterion 'B2'"),
    ("points object missing", changed(SIMPLE, drop(["offers", 1, "points"])), "offers[1].points.B1",
     "no points for B criterion 'B1'"),
    ("points unknown criterion", changed(SIMPLE, set_(["offers", 0, "points", "B9"], 5)), "offers[0].points.B9",
     "unknown criterion 'B9'"),
    ("points odd key", changed(SIMPLE, set_(["offers", 0, "points", "B 9.1"], 5)),
     'offers[0].points["B 9.1"]', "unknown criterion"),
    ("points for A", changed(SIMPLE, set_(["offers", 0, "points", "A1"], 5)), "offers[0].points.A1",
     "is an A criterion"),
    ("points for group", changed(GROUPED, set_(["offers", 0, "points", "G1"], 5)), "offers[0].points.G1",
     "is a group"),
    ("points not object", changed(SIMPLE, set_(["offers", 0, "points"], [5, 5])), "offers[0].points",
     "must be an object"),
    ("price missing", changed(SIMPLE, drop(["offers", 0, "price"])), "offers[0].price", "price is missing"),
    ("price null", changed(SIMPLE, set_(["offers", 0, "price"], None)), "offers[0].price", "price is missing"),
    ("price zero", changed(SIMPLE, set_(["offers", 0, "price"], 0)), "offers[0].price", "greater than 0; got 0"),
    ("price zero float", changed(SIMPLE, set_(["offers", 0, "price"], 0.0)), "offers[0].price", "greater than 0"),
    ("price negative", changed(SIMPLE, set_(["offers", 0, "price"], -5)), "offers[0].price", "greater than 0"),
    ("price text", changed(SIMPLE, set_(["offers", 0, "price"], "100")), "offers[0].price", "must be a number"),
    ("price true", changed(SIMPLE, set_(["offers", 0, "price"], True)), "offers[0].price", "not a boolean"),
    ("price infinite", changed(SIMPLE, set_(["offers", 0, "price"], float("inf"))), "offers[0].price", "finite"),
    ("price huge", changed(SIMPLE, set_(["offers", 0, "price"], 10**13)), "offers[0].price", "at most"),
    ("price absurd", changed(SIMPLE, set_(["offers", 0, "price"], 10**400)), "offers[0].price", "too large"),
    ("simplified price zero", changed(simplified(), set_(["offers", 0, "price"], 0)), "offers[0].price",
     "greater than 0"),
    ("weighted price missing", changed(WEIGHTED, drop(["offers", 1, "price"])), "offers[1].price", "missing"),
    ("extended price missing", changed(EXTENDED, drop(["offers", 1, "price"])), "offers[1].price", "missing"),
    ("A result 1", changed(SIMPLE, set_(["offers", 0, "a", "A1"], 1)), "offers[0].a.A1", "true or false"),
    ("A result text", changed(SIMPLE, set_(["offers", 0, "a", "A1"], "yes")), "offers[0].a.A1", "true or false"),
    ("A unknown", changed(SIMPLE, set_(["offers", 0, "a", "A7"], True)), "offers[0].a.A7", "unknown criterion"),
    ("A for B", changed(SIMPLE, set_(["offers", 0, "a", "B1"], True)), "offers[0].a.B1", "not an A criterion"),
    ("a not object", changed(SIMPLE, set_(["offers", 0, "a"], True)), "offers[0].a", "must be an object"),
    ("unknown offer key", changed(SIMPLE, set_(["offers", 0, "prize"], 1)), "offers[0].prize",
     "unknown key 'prize'"),
    ("duplicate offer", changed(SIMPLE, set_(["offers", 1, "id"], "X")), "offers[1].id",
     "duplicate offer id 'X' (also at offers[0])"),
    ("offer id missing", changed(SIMPLE, drop(["offers", 1, "id"])), "offers[1].id", "id is missing"),
    ("offer not object", changed(SIMPLE, set_(["offers", 1], "Y")), "offers[1]", "must be an object"),
    ("no offers", changed(SIMPLE, set_(["offers"], [])), "offers", "no offers"),
    ("offers missing", changed(SIMPLE, drop(["offers"])), "offers", "no offers"),
    ("offers not list", changed(SIMPLE, set_(["offers"], {"X": 1})), "offers", "must be a list"),
    ("no criteria", changed(SIMPLE, set_(["criteria"], [])), "criteria", "no criteria"),
    ("criteria missing", changed(SIMPLE, drop(["criteria"])), "criteria", "no criteria"),
    ("criterion not object", changed(SIMPLE, set_(["criteria", 0], "A1")), "criteria[0]", "must be an object"),
    ("too many offers", spec("simple", [offer(f"O{i}", 100) for i in range(MAX_OFFERS + 1)]), "offers",
     "too many offers: 501 (at most 500)"),
    ("too many criteria", spec("simple", [], [{"id": f"A{i}", "kind": "A"} for i in range(MAX_CRITERIA + 1)]),
     "criteria", "too many criteria"),
    ("method missing", changed(SIMPLE, drop(["method"])), "method", "method is missing"),
    ("method unknown", changed(SIMPLE, set_(["method"], "cheapest")), "method", "unknown method 'cheapest'"),
    ("unknown top key", changed(SIMPLE, set_(["bnad"], 0.05)), "bnad", "unknown key 'bnad'"),
    ("not an object", [SIMPLE], "", "must be a JSON object, not a list"),
    ("band on simple", changed(SIMPLE, set_(["band"], 0.05)), "band", "not a parameter of the simple benchmark"),
    ("decision on weighted", changed(WEIGHTED, set_(["decision"], "price")), "decision", "not a parameter"),
    ("price_weight on extended", changed(EXTENDED, set_(["price_weight"], 0.3)), "price_weight",
     "not a parameter"),
    ("tie_break on extended", changed(EXTENDED, set_(["tie_break"], "price")), "tie_break", "not a parameter"),
    ("tie_break on simplified", changed(simplified(), set_(["tie_break"], "price")), "tie_break",
     "not a parameter"),
    ("min_points on simplified", changed(simplified(), set_(["min_points"], 100)), "min_points",
     "not a parameter"),
    ("price_formula on simple", changed(SIMPLE, set_(["price_formula"], "ratio")), "price_formula",
     "not a parameter"),
    ("band missing", changed(EXTENDED, drop(["band"])), "band", "needs the published fluctuation band"),
    ("band zero", changed(EXTENDED, set_(["band"], 0)), "band", "greater than 0 and at most 0.1"),
    ("band above 10 %", changed(EXTENDED, set_(["band"], 0.1000001)), "band", "at most 0.1"),
    ("band as percent", changed(EXTENDED, set_(["band"], 5)), "band", "e.g. 0.05 for 5 %; got 5"),
    ("band text", changed(EXTENDED, set_(["band"], "5%")), "band", "must be a number"),
    ("band negative", changed(EXTENDED, set_(["band"], -0.05)), "band", "greater than 0"),
    ("decision missing", changed(EXTENDED, drop(["decision"])), "decision", "decision criterion 'decision' is "
     "missing"),
    ("decision unknown", changed(EXTENDED, set_(["decision"], "quality")), "decision",
     "unknown value 'quality'"),
    ("price_weight missing", changed(WEIGHTED, drop(["price_weight"])), "price_weight", "needs 'price_weight'"),
    ("price_weight zero", changed(WEIGHTED, set_(["price_weight"], 0)), "price_weight", "between 0 and 1"),
    ("price_weight one", changed(WEIGHTED, set_(["price_weight"], 1)), "price_weight", "between 0 and 1"),
    ("price_weight percent", changed(WEIGHTED, set_(["price_weight"], 30)), "price_weight", "got 30"),
    ("price_weight true", changed(WEIGHTED, set_(["price_weight"], True)), "price_weight", "not a boolean"),
    ("price_formula unknown", changed(WEIGHTED, set_(["price_formula"], "median")), "price_formula",
     "unknown value 'median'"),
    ("tie_break unknown", changed(SIMPLE, set_(["tie_break"], "lot")), "tie_break", "unknown value 'lot'"),
    ("min_points zero", changed(SIMPLE, set_(["min_points"], 0)), "min_points", "greater than 0"),
    ("min_points above 1000", changed(SIMPLE, set_(["min_points"], 1001)), "min_points", "at most 1000"),
    ("simplified with B", changed(simplified(), append(["criteria"], {"id": "B1", "kind": "B", "weight": 100})),
     "criteria[2]", "uses only A criteria (exclusion); B criterion 'B1' is not allowed"),
    ("simplified with group", changed(simplified(), append(["criteria"], {
        "id": "G1", "kind": "group", "weight": 100, "criteria": [{"id": "B1", "kind": "B", "weight": 100}]})),
     "criteria[2]", "uses only A criteria (exclusion); group 'G1' is not allowed"),
    ("simple without B", changed(simplified(), set_(["method"], "simple")), "criteria",
     "needs at least one B criterion"),
]


@pytest.mark.parametrize(("name", "data", "path", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_path_and_both_languages(name, data, path, words):
    problems = validate(data)
    hits = [p for p in problems if p.path == path and words in p.en]
    assert hits, f"{name}: {[(p.path, p.en) for p in problems]}"
    assert all(p.en and p.de and p.en != p.de for p in problems)
    with pytest.raises(UfabInvalid) as raised:
        evaluate(data)
    assert raised.value.problems == problems


def test_the_valid_inputs_of_these_cases_are_valid():
    for data in (SIMPLE, GROUPED, EXTENDED, WEIGHTED, simplified(), spec("simple", criteria=nested(5),
                 offers=[{"id": "X", "price": 1, "points": {"B5": 1}}])):
        assert validate(data) == []


def test_german_messages_are_german():
    problems = validate(changed(EXTENDED, set_(["band"], 0.2)))
    assert problems == [Problem("band", problems[0].en, "Die Schwankungsbreite muss ein Anteil größer als 0 und "
                                "höchstens 0,1 (10 %) sein, z. B. 0,05 für 5 %; angegeben: 0,2")]
    problems = validate(changed(SIMPLE, set_(["band"], 0.05)))
    assert problems[0].de == ("'band' ist kein Parameter der Einfachen Richtwertmethode (simple); bitte entfernen "
                              "(ihre Parameter: tie_break, min_points)")
    problems = validate(changed(GROUPED, set_(["criteria", 1, "criteria", 0, "weight"], 30)))
    assert problems[0].de == ("Die Gewichte in der Gruppe 'G1' ergeben zusammen 50, nicht 60 (das Gewicht der "
                              "Gruppe)")


def test_all_problems_are_reported_together():
    data = changed(SIMPLE, set_(["criteria", 1, "weight"], -1))
    data["offers"][0]["price"] = 0
    data["offers"][1]["points"]["B1"] = 12
    data["band"] = 0.05
    paths = [p.path for p in validate(data)]
    assert paths == ["band", "criteria[1].weight", "offers[0].price", "offers[1].points.B1"]


def test_an_offer_that_fails_an_a_criterion_needs_no_points():
    data = spec("simple", [offer("X", 100), {"id": "Y", "price": 100, "a": {"A1": False}},
                           {"id": "Z", "price": 100}])
    assert validate(data) == []
    result = evaluate(data)
    assert result.ranking == ["X"] and result.offer("Z").reason_en.endswith("(no result given)")


def test_exact_weight_sums_accept_decimals_and_refuse_near_misses():
    ok = [{"id": f"B{i}", "kind": "B", "weight": w} for i, w in enumerate([33.3, 33.3, 33.4])]
    near = [{"id": f"B{i}", "kind": "B", "weight": 33.33} for i in range(3)]
    points = {f"B{i}": 5 for i in range(3)}
    assert validate(spec("simple", [{"id": "X", "price": 1, "points": points}], ok)) == []
    problems = validate(spec("simple", [{"id": "X", "price": 1, "points": points}], near))
    assert [(p.path, p.en) for p in problems] == [
        ("criteria", "the weights of the top-level B criteria and groups add up to 99.99, not 100")]


def test_decimal_and_fraction_numbers_from_python_callers_are_accepted():
    data = spec("weighted", [offer("X", Decimal("100.50"), Fraction(15, 2), 5)], price_weight=Decimal("0.3"))
    assert validate(data) == []
    assert evaluate(data).offer("X").L == 650


def test_problems_are_capped_with_a_count_of_the_rest():
    offers = [{"id": f"O{i}", "price": -1, "a": {"A1": True}, "points": {"B1": 11, "B2": 11}} for i in range(60)]
    problems = validate(spec("simple", offers))
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == Problem("", "80 more problems not listed", "80 weitere Probleme nicht aufgeführt")


def test_the_exception_names_the_first_problem():
    with pytest.raises(UfabInvalid, match=r"^offers\[0\].price: the price is missing$"):
        evaluate(changed(SIMPLE, drop(["offers", 0, "price"])))


@pytest.mark.parametrize("value", [None, 1, "x", [], True])
def test_any_json_value_is_handled(value):
    assert validate(value)[0].path == ""
    assert validate({"method": "simple", "criteria": value, "offers": value})
