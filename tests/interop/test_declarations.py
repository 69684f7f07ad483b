"""Solutions declare standards of the register: a standard the operator adds can be declared at once, an
unknown id is refused with its place; before the register is loaded the flat vocabulary applies."""

import pytest

from lichtermeer.interop import labels, services
from lichtermeer.solutions.facts import validate_facts

pytestmark = pytest.mark.django_db


def _errors(facts):
    return [(e.key, e.message_en) for e in validate_facts(facts)]


def test_a_new_standard_of_the_register_can_be_declared(seeded, operator):
    facts = {"standards_provided": [{"standard": "ogc-api-edr", "role": "server", "version": "1.0"}]}
    assert _errors(facts)[0][0] == "standards_provided[0]"
    services.create_standard(actor=operator, standard_id="ogc-api-edr", values={
        "name": "OGC API – EDR", "uri": "https://ogcapi.ogc.org/edr/", "category": "geodata", "kind": "interface",
        "versions": ["1.0"], "compatibility": "exact", "roles": [["server", "client"]],
        "description": {"de": "Umweltdaten", "en": "Environmental data"}})
    assert _errors(facts) == []


def test_unknown_ids_are_refused_with_their_place(seeded):
    errors = _errors({"standards_consumed": [{"standard": "mqtt", "role": "client"}, {"standard": "x" * 500},
                                             {"standard": ["mqtt"]}]})
    assert [key for key, _ in errors] == ["standards_consumed[1]", "standards_consumed[2]"]
    assert "standards register" in errors[0][1]


def test_before_the_register_is_loaded_the_vocabulary_applies(db):
    assert _errors({"standards_provided": [{"standard": "mqtt", "role": "server"}]}) == []
    assert _errors({"standards_provided": [{"standard": "ogc-api-edr", "role": "server"}]})


def test_every_category_kind_and_rule_of_the_engine_has_a_label():
    from lichtermeer.engines.interop import CATEGORIES, KINDS, RULES

    assert set(labels.CATEGORY_LABELS) == set(CATEGORIES)
    assert set(labels.KIND_LABELS) == set(KINDS)
    assert set(labels.RULE_LABELS) == set(RULES)
