"""standards.declared (LM-OS-02): open interface standards named in the declarations or by the platform."""

import datetime as dt

import pytest
import yaml

from lichtermeer.engines.checks import Bundle, Reference, Status, registry
from lichtermeer.engines.checks.standards import recognise


def run(standards: list | None = None, *, raw: str | None = None, **extra):
    bundle = Bundle()
    if raw is not None or standards is not None:
        document = {"format": "lichtermeer-declarations/1", **({"standards": standards} if standards else {})}
        bundle.add("declarations", "decl.yml", (raw or yaml.safe_dump(document)).encode())
    return registry.run_check(registry.get("standards.declared"), bundle,
                              Reference(today=dt.date(2026, 11, 22), extra=extra))


@pytest.mark.parametrize(("name", "standard"), [
    ("NGSI-LD", "ngsi-ld"), ("ETSI GS CIM 009", "ngsi-ld"), ("ogc api – features", "ogc-api-features"),
    ("OGC API - Features", "ogc-api-features"), ("SensorThings API", "ogc-sensorthings"), ("wfs", "ogc-wfs"),
    ("OParl", "oparl"), ("DCAT-AP.de", "dcat-ap-de"), ("dcat ap de", "dcat-ap-de"), ("XPlanung", "xplanung"),
    ("Proprietary REST API", None), ("", None),
])
def test_standards_are_recognised_by_their_common_names(name, standard):
    found = recognise(name)
    assert (found["id"] if found else None) == standard


def test_open_standards_with_version_and_extent_pass():
    [result] = run([{"id": "NGSI-LD", "version": "1.8.1", "role": "provider", "extent": "Lesen und Schreiben"},
                    {"id": "WMS", "version": "1.3.0", "role": "consumer", "extent": "GetMap"}])
    assert result.status == Status.PASS
    assert result.explanation.en == ("Open standards are declared with version and extent: NGSI-LD (ETSI GS CIM 009) "
                                     "1.8.1, OGC Web Map Service (ISO 19128) 1.3.0.")
    assert result.location == "decl.yml:3:3 (/standards/0)"


def test_missing_version_or_extent_is_a_warning():
    [result] = run([{"id": "OParl", "role": "provider"}, {"id": "In-house XML API", "version": "2"}])
    assert result.status == Status.WARNING
    assert "Version oder Umfang (Lesen, Schreiben, Teilprofile) fehlen bei OParl" in result.explanation.de
    assert [row["standard"] for row in result.details["standards"]] == ["oparl", None]


def test_only_unknown_standards_go_to_a_reviewer():
    [result] = run([{"id": "Acme Sync Protocol", "version": "3"}])
    assert result.status == Status.NEEDS_REVIEW
    assert "(Acme Sync Protocol) are not in the list of known open standards" in result.explanation.en


def test_declaring_nothing_is_for_a_reviewer_because_lm_os_02_is_conditional():
    [result] = run(raw="format: lichtermeer-declarations/1\n")
    assert result.status == Status.NEEDS_REVIEW
    assert "a reviewer judges whether that is the case" in result.explanation.en


def test_the_platform_can_supply_the_standards_without_a_declarations_file():
    [result] = run(standards_provided=["SensorThings", {"id": "OGC API Features", "version": "1.0", "extent": "core"}])
    assert result.status == Status.WARNING  # SensorThings without version
    assert [row["location"] for row in result.details["standards"]] == ["platform", "platform"]
    [result] = run(standards_provided=[{"id": "DCAT-AP.de", "version": "3.0", "extent": "Export"}])
    assert result.status == Status.PASS
    [result] = run(standards_provided=[42, {"no": "id"}, "  "])  # hostile platform data is ignored
    assert result.status == Status.NEEDS_REVIEW


def test_without_any_source_a_person_has_to_look():
    [result] = run()
    assert result.status == Status.NEEDS_REVIEW and result.evidence == "declarations"


def test_a_broken_standards_section_is_an_error_at_its_pointer():
    [result] = run(raw="format: lichtermeer-declarations/1\nstandards:\n  - version: '1.1'\n")
    assert result.status == Status.ERROR
    assert result.location == "decl.yml:3:5 (/standards/0)"
    assert "required field missing: id" in result.explanation.en
