"""A wrong register file is rejected with every problem, its position, and English and German texts."""

import pytest

from lichtermeer.engines.interop import Register, RegisterInvalid, load_register, validate_register

HEAD = "format: lichtermeer-standards/1\nstandards:\n"
MQTT = """\
  - id: mqtt
    name: MQTT
    uri: https://mqtt.org/mqtt-specification/
    category: iot
    kind: protocol
    versions: ["3.1.1", "5.0"]
    compatibility: semver-major
    roles: [[server, client]]
    description: {de: "Protokoll", en: "Protocol"}
"""


def problems(text: str):
    found = validate_register(text)
    assert found, "expected problems"
    return found


def test_a_valid_minimal_register_loads():
    register = load_register(HEAD + MQTT)
    assert list(register.standards) == ["mqtt"] and register.adapters == ()


def test_an_unquoted_version_is_reported_at_its_line_with_a_hint():
    (problem,) = problems(HEAD + MQTT.replace('["3.1.1", "5.0"]', '["3.1.1", 5.0]'))
    assert (problem.path, problem.line, problem.column) == ("standards[0].versions[1]", 8, 25)
    assert 'write versions in quotes' in problem.en and "Anführungszeichen" in problem.de


def test_a_missing_field_points_at_its_parent_and_an_unknown_one_at_its_key():
    text = HEAD + MQTT.replace("    kind: protocol\n", "    sort: protocol\n")
    found = {p.path: p for p in problems(text)}
    assert found["standards[0].kind"].line == 3 and "'kind' is required" in found["standards[0].kind"].en
    assert "fehlt" in found["standards[0].kind"].de
    assert (found["standards[0].sort"].line, found["standards[0].sort"].column) == (7, 5)
    assert "Unknown property 'sort'" in found["standards[0].sort"].en


def test_enum_and_pattern_problems_name_the_allowed_values():
    text = HEAD + MQTT.replace("category: iot", "category: things").replace("id: mqtt", "id: MQTT_")
    found = {p.path: p for p in problems(text)}
    assert "allowed: data-platform" in found["standards[0].category"].en
    assert "ist keine Kennung" in found["standards[0].id"].de
    assert found["standards[0].id"].line == 3


def test_a_role_pair_must_be_providing_then_consuming():
    found = problems(HEAD + MQTT.replace("[[server, client]]", "[[client, server]]"))
    assert {p.path for p in found} == {"standards[0].roles[0][0]", "standards[0].roles[0][1]"}


def test_duplicate_ids_and_versions_are_found_by_the_semantic_checks():
    text = HEAD + MQTT + MQTT.replace('["3.1.1", "5.0"]', '["5.0", "5.0.0"]')
    found = problems(text)
    assert [(p.path, p.line) for p in found] == [("standards[1].id", 12), ("standards[1].versions[1]", 17)]
    assert found[0].en == "Duplicate id 'mqtt' (first in standards[0])"
    assert "steht doppelt" in found[1].de


def test_groups_may_only_list_known_versions_once_and_need_the_groups_rule():
    text = HEAD + MQTT.replace("compatibility: semver-major",
                               'compatibility: groups\n    groups: [["3.1.1", "4.0"], ["3.1.1"]]')
    found = problems(text)
    assert [p.path for p in found] == ["standards[0].groups[0][1]", "standards[0].groups[1][0]"]
    assert "not in versions" in found[0].en and "already in groups[0]" in found[1].en
    missing = problems(HEAD + MQTT.replace("compatibility: semver-major", "compatibility: groups"))
    assert missing[0].path == "standards[0].groups" and "needs a list of groups" in missing[0].en
    stray = problems(HEAD + MQTT.replace("compatibility: semver-major",
                                         'compatibility: exact\n    groups: [["5.0"]]'))
    assert stray[0].path == "standards[0].groups" and stray[0].line == 10


def test_adapters_must_name_known_standards_and_not_repeat():
    adapters = """adapters:
  - {from: mqtt, to: ngsi-ld, via: {de: "IoT Agent", en: "IoT Agent"}}
  - {from: mqtt, to: mqtt, via: {de: "x", en: "x"}}
"""
    found = problems(HEAD + MQTT + adapters)
    assert [(p.path, p.line) for p in found] == [("adapters[0].to", 13), ("adapters[1].to", 14)]
    assert "Unknown standard 'ngsi-ld'" in found[0].en and "zwei verschiedene Standards" in found[1].de


def test_an_adapter_listed_again_the_other_way_round_is_a_duplicate():
    second = MQTT.replace("id: mqtt", "id: amqp")
    adapters = """adapters:
  - {from: mqtt, to: amqp, both_ways: true, via: {de: "Brücke", en: "bridge"}}
  - {from: amqp, to: mqtt, via: {de: "Brücke", en: "bridge"}}
"""
    (problem,) = problems(HEAD + MQTT + second + adapters)
    assert problem.path == "adapters[1]" and "already listed in adapters[0]" in problem.en


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty"),
    ("format: x\n", "must be \"lichtermeer-standards/1\""),
    ("- a\n- b\n", "must be an object"),
    ("a: 1\na: 2\n", "already defined"),
    ("a: [1, 2\n", "expected ',' or ']'"),
    # tags never construct anything: the value is a plain mapping and 'c' just an unknown property
    ("a: &x [1]\nb: *x\n" + "c: !!python/object/apply:os.system [echo]\n", "unknown property 'c'"),
])
def test_broken_files_are_reported_not_raised(text, expected):
    found = validate_register(text or "\n")
    assert found and any(expected.lower() in (p.en + p.path).lower() for p in found), found


def test_hostile_input_is_refused_early():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    assert "nodes" in validate_register(bomb)[0].en
    assert "too large" in validate_register("x" * (1024 * 1024 + 1) + "\n")[0].en
    assert "UTF-8" in validate_register(b"format: \xff\n")[0].en


def test_load_register_raises_with_the_problems_and_reads_paths(tmp_path):
    with pytest.raises(RegisterInvalid) as caught:
        load_register(HEAD + MQTT.replace("kind: protocol", "kind: other"))
    assert caught.value.problems[0].path == "standards[0].kind"
    path = tmp_path / "register.yaml"
    path.write_text(HEAD + MQTT, encoding="utf-8")
    assert "mqtt" in load_register(path) and "mqtt" in load_register(str(path))
    missing = validate_register(tmp_path / "nothing.yaml")
    assert "Cannot read" in missing[0].en and "kann nicht gelesen werden" in missing[0].de


def test_a_register_built_from_data_is_checked_too():
    with pytest.raises(RegisterInvalid) as caught:
        Register.from_dict({"format": "lichtermeer-standards/1", "standards": []})
    assert caught.value.problems[0].path == "standards" and caught.value.problems[0].line == 0


def test_json_is_read_as_well():
    import json

    import yaml

    document = yaml.safe_load(HEAD + MQTT)
    assert "mqtt" in load_register(json.dumps(document, indent="\t"))
