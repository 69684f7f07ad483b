"""The seed register data/interop/standards.yaml: valid, complete for the demo data, and round-trips."""

import re

from lichtermeer.engines.interop import FORMAT, dump_yaml, load_register, read_data, validate_register

from .conftest import DEMO, REPO, SEED


def _vocab_ids() -> set[str]:
    # lichtermeer.solutions.vocab imports Django: read the STANDARDS keys from the file text instead.
    text = (REPO / "src" / "lichtermeer" / "solutions" / "vocab.py").read_text(encoding="utf-8")
    block = text.split("STANDARDS = {", 1)[1].split("\n}", 1)[0]
    return set(re.findall(r'^\s+"([a-z0-9-]+)":', block, re.M))


def test_the_seed_validates(register):
    assert validate_register(SEED) == []
    assert len(register.standards) >= 50 and len(register.adapters) >= 10


def test_it_contains_every_standard_of_the_solutions_vocabulary(register):
    ids = _vocab_ids()
    assert len(ids) >= 40
    assert ids - set(register.standards) == set()


def test_every_standard_declared_by_a_demo_solution_is_in_the_register(register):
    declared = set()
    for path in sorted(DEMO.glob("*/platform.yml")):
        facts, problems = read_data(path)
        assert problems == []
        for key in ("standards_provided", "standards_consumed"):
            declared |= {entry["standard"] for entry in facts.get(key) or []}
    assert len(declared) >= 35
    assert declared - set(register.standards) == set()


def test_it_has_the_standards_the_issue_names(register):
    for sid in ("ngsi-ld", "ogc-sensorthings", "ogc-api-features", "wms", "wfs", "dcat-ap-de", "oparl", "mqtt",
                "lorawan", "oidc", "saml", "xbau", "xplanung", "fit-connect", "csv", "geojson", "smart-data-models",
                "xzufi", "xrechnung"):
        assert sid in register


def test_entries_are_well_formed(register):
    for entry in register.standards.values():
        assert entry.uri.startswith("https://"), entry.id
        assert entry.description_en and entry.description_de
        assert entry.roles
    ngsi = register.get("ngsi-ld")
    assert ngsi.maintainer.startswith("ETSI") and ngsi.compatibility == "semver-major"
    assert ngsi.versions[-1] == "1.8.1"
    assert register.get("oparl").groups == (("1.0", "1.1"),)


def test_adapters_name_real_bridges(register):
    assert "ldproxy" in register.adapter("wfs", "ogc-api-features").via_en
    assert "IoT Agent" in register.adapter("mqtt", "ngsi-ld").via_en
    assert register.adapter("oidc", "saml").via_de.startswith("Identity-Broker")  # both ways
    assert register.adapter("ogc-api-features", "wfs") is None  # one way only


def test_dump_and_load_round_trip(register):
    text = dump_yaml(register)
    assert text.startswith(f"format: {FORMAT}\n")
    assert load_register(text) == register
    assert load_register(register.to_dict()) == register
