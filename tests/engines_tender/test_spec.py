"""spec_from_dict: the JSON form round-trips; every problem is reported with its path, in English and German."""

import copy
import json

import pytest

from lichtermeer.engines.tender import SpecInvalid, neutrality_warnings, spec_from_dict, spec_to_dict


@pytest.fixture
def data(spec):
    return json.loads(json.dumps(spec_to_dict(spec)))


def problems(data) -> dict[str, str]:
    with pytest.raises(SpecInvalid) as error:
        spec_from_dict(data)
    return {p.path: f"{p.en} / {p.de}" for p in error.value.problems}


def test_the_example_round_trips(spec, data):
    assert spec_from_dict(data) == spec


def test_it_reports_every_problem_with_its_path(data):
    data["requirements"][1]["level"] = "MUST"
    data["requirements"][2]["id"] = data["requirements"][0]["id"]
    data["requirements"][3]["text"] = "x" * 10_001
    data["requirements"][4]["source_url"] = "javascript:alert(1)"
    data["standards"][0]["uri"] = "https://a b"
    data["criteria"][5]["parent"] = "G9"
    data["criteria"][6]["weight"] = "30"
    data["issued_on"] = "12.03.2027"
    data["authority"]["ags"] = "09-999"
    data["evb_it"] = None
    data["method"]["band"] = 0.2
    data["extra"] = 1
    found = problems(data)
    assert found["requirements[1].level"].startswith("must be one of 'MUSS', 'SOLL', 'KANN', ''")
    assert "muss einer der Werte" in found["requirements[1].level"]
    assert "duplicate requirement id 'LM-DS-01'" in found["requirements[2].id"]
    assert found["requirements[3].text"] == ("too long: 10001 characters (maximum 10000) / "
                                             "zu lang: 10001 Zeichen (höchstens 10000)")
    assert "http(s) URL" in found["requirements[4].source_url"]
    assert "http(s) URL" in found["standards[0].uri"]
    assert found["criteria[5].parent"] == "unknown group 'G9' / unbekannte Gruppe 'G9'"
    assert found["criteria[6].weight"] == "must be a number / muss eine Zahl sein"
    assert "YYYY-MM-DD" in found["issued_on"] and "Gemeindeschlüssel" in found["authority.ags"]
    assert found["evb_it"] == "required field is missing or empty / Pflichtfeld fehlt oder ist leer"
    assert found["method.band"] == "must be between 0 and 0.1 / muss zwischen 0 und 0,1 liegen"
    assert found["extra"] == "unknown field / unbekanntes Feld"


def test_weights_must_sum_to_100_and_groups_must_not_cycle(data):
    broken = copy.deepcopy(data)
    broken["criteria"][-1]["weight"] = 20
    assert "sum to 95, not 100" in problems(broken)["criteria"]
    broken = copy.deepcopy(data)
    broken["criteria"][4]["parent"] = "G2"
    broken["criteria"][8]["parent"] = "G1"
    assert problems(broken)["criteria[4].parent"] == "groups form a cycle / Gruppen bilden einen Zyklus"
    broken = copy.deepcopy(data)
    broken["criteria"][5]["parent"] = "A1"
    assert problems(broken)["criteria[5].parent"] == "'A1' is not a group / 'A1' ist keine Gruppe"
    broken = copy.deepcopy(data)
    broken["criteria"][5]["weight"] = 25  # G1 (40): 25 + 12 + 8 = 45, neither 40 nor 100
    assert "group 'G1': the weights of its criteria sum to 45" in problems(broken)["criteria[4]"]
    broken["criteria"][5]["weight"], broken["criteria"][6]["weight"], broken["criteria"][7]["weight"] = 50, 30, 20
    spec_from_dict(broken)  # percent of the group is fine too
    broken = copy.deepcopy(data)
    del broken["criteria"][5]["weight"]
    assert "need a weight" in problems(broken)["criteria[5].weight"]


def test_deep_nesting_and_long_lists_are_refused(data):
    deep = copy.deepcopy(data)
    deep["criteria"] = [{"id": f"G{i}", "title": "g", "kind": "group", "weight": 100 if i == 0 else 1,
                         "parent": f"G{i - 1}" if i else ""} for i in range(8)]
    assert "nested too deeply" in problems(deep)["criteria[6].parent"]
    many = copy.deepcopy(data)
    many["criteria"] = [{"id": str(i), "title": "t", "kind": "A"} for i in range(2001)]
    assert problems(many)["criteria"] == "too many entries: 2001 (maximum 2000) / zu viele Einträge: 2001 " \
                                          "(höchstens 2000)"


@pytest.mark.parametrize("value", [[], "spec", 3])
def test_a_spec_that_is_not_an_object_is_refused(value):
    assert problems(value) == {"": "must be an object / muss ein Objekt sein"}
    assert problems(None) == {"": "required field is missing or empty / Pflichtfeld fehlt oder ist leer"}


def test_control_characters_are_dropped_silently(data):
    data["title"] = "Plattform\x00 für\x0b Sensoren"
    assert spec_from_dict(data).title == "Plattform für Sensoren"


def test_neutrality_warnings_name_products_outside_the_annex(spec):
    assert neutrality_warnings(spec) == []
    spec.subject += "\n\nDie Lösung soll wie FROST-Server arbeiten."
    spec.requirements[3].text += " Vergleichbar mit fiware orion context broker oder gleichwertig."
    spec.criteria[5].title = "Anbindung wie bei Fraunhofer IOSB"
    warnings = {w.path: w for w in neutrality_warnings(spec)}
    assert set(warnings) == {"subject", "criteria[5].title"}
    assert "'FROST-Server'" in warnings["subject"].en and "„oder gleichwertig“ (§ 31 VgV)" in warnings["subject"].de


def test_the_ufab_engines_nested_criteria_become_rows_with_parents():
    from lichtermeer.engines.tender import criteria_from_nested, criteria_tree

    nested = [{"id": "A1", "kind": "A"},
              {"id": "G1", "kind": "group", "weight": 60, "title": "Functions", "criteria": [
                  {"id": "B1", "kind": "B", "weight": 40, "title": "Online services", "requirement_id": "LM-OS-01"},
                  {"id": "G2", "kind": "group", "weight": 20, "criteria": [{"id": "B2", "kind": "B", "weight": 20}]}]},
              {"id": "B3", "kind": "B", "weight": 40, "title": "Support"}]
    rows = criteria_from_nested(nested)
    assert [(r.id, r.parent) for r in rows] == [("A1", ""), ("G1", ""), ("B1", "G1"), ("G2", "G1"), ("B2", "G2"),
                                                ("B3", "")]
    assert rows[2].requirement_id == "LM-OS-01" and rows[4].title == "B2"
    assert {n.row.id: n.effective for n in criteria_tree(rows)}["B2"] == 20
