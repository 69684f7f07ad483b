"""apply(): building the next version from accepted changes; version numbers."""

import copy

import pytest

from engines_catalogue.samples import requirement
from lichtermeer.engines.catalogue import (
    CatalogueError,
    Change,
    compare_versions,
    diff,
    dump_yaml,
    load,
    next_version,
    tightened,
    version_key,
)
from lichtermeer.engines.catalogue import apply as apply_changes

META = {"version": "1.1.0", "published": "2026-07-01", "effective_from": "2026-09-01", "transition_until": None,
        "changelog": {"de": "Zweite Fassung.", "en": "Second version."}}


def new_requirement(catalogue, requirement_id="LM-OS-02", **overrides):
    return {**copy.deepcopy(requirement(catalogue, "LM-OS-01")), "id": requirement_id, **overrides}


def test_apply_adds_changes_and_retires(catalogue):
    original = copy.deepcopy(catalogue)
    changed = {**copy.deepcopy(requirement(catalogue, "LM-DS-01")), "statement": {"de": "Neu.", "en": "New."}}
    changes = [Change("add", "LM-OS-02", new_requirement(catalogue)),
               Change("change", "LM-DS-01", changed, tightens=True),
               Change("retire", "LM-LQ-01", None)]
    result = apply_changes(catalogue, changes, **META)
    assert catalogue == original  # the base is untouched
    assert [r["id"] for r in result["requirements"]] == ["LM-BF-01", "LM-DS-01", "LM-OS-01", "LM-OS-02"]
    assert requirement(result, "LM-DS-01")["statement"] == {"de": "Neu.", "en": "New."}
    assert (result["version"], result["published"], result["effective_from"]) == ("1.1.0", "2026-07-01", "2026-09-01")
    assert "transition_until" not in result  # None leaves it out
    assert result["changelog"]["de"] == "Zweite Fassung."
    assert load(dump_yaml(result)).document == result  # valid and canonical
    assert tightened(changes) == {"LM-DS-01"}
    result_diff = diff(catalogue, result, tightened=tightened(changes))
    assert result_diff.bump == "major"
    assert [c.id for c in result_diff.changed] == ["LM-DS-01"]


def test_apply_fills_in_the_id_of_the_requirement(catalogue):
    fresh = new_requirement(catalogue)
    del fresh["id"]
    result = apply_changes(catalogue, [Change("add", "LM-OS-02", fresh)], **META)
    assert requirement(result, "LM-OS-02")["title"] == fresh["title"]
    assert "id" not in fresh


def problems(catalogue, changes, **meta):
    with pytest.raises(CatalogueError) as raised:
        apply_changes(catalogue, changes, **{**META, **meta})
    return raised.value


def test_changes_that_do_not_fit_are_refused(catalogue):
    error = problems(catalogue, [
        Change("add", "LM-DS-01", new_requirement(catalogue, "LM-DS-01")),
        Change("change", "LM-DS-07", new_requirement(catalogue, "LM-DS-07")),
        Change("retire", "LM-IS-01"),
        Change("change", "LM-OS-01", None),
        Change("change", "LM-OS-01", new_requirement(catalogue, "LM-OS-03")),
        Change("rename", "LM-OS-01"),
    ])
    assert [(f.key, f.description) for f in error.findings] == [
        ("changes[0]", "cannot add LM-DS-01: the catalogue already has a requirement with this id"),
        ("changes[1]", "cannot change LM-DS-07: the catalogue has no requirement with this id"),
        ("changes[2]", "cannot retire LM-IS-01: the catalogue has no requirement with this id"),
        ("changes[3]", "a change of kind change needs the full requirement"),
        ("changes[4]", 'the change is for LM-OS-01, but its requirement has the id "LM-OS-03"'),
        ("changes[5]", 'unknown kind of change "rename"; allowed: add, change, retire'),
    ]
    assert all(f.description_de for f in error.findings)
    assert error.document is None
    assert "cannot add LM-DS-01" in str(error)


def test_changes_apply_in_order(catalogue):
    # Retire, then add again under the same id in the same version: allowed here (the caller forbids reuse).
    changes = [Change("retire", "LM-OS-01"), Change("add", "LM-OS-01", new_requirement(catalogue, "LM-OS-01"))]
    assert [r["id"] for r in apply_changes(catalogue, changes, **META)["requirements"]][-1] == "LM-OS-01"


def test_an_invalid_result_is_refused_with_the_result(catalogue):
    broken = new_requirement(catalogue, obligation="MUST")
    error = problems(catalogue, [Change("add", "LM-OS-02", broken)], effective_from="2026-13-01")
    assert [f.key for f in error.findings] == ["effective_from", "requirements[4].obligation"]
    assert error.document["requirements"][4]["id"] == "LM-OS-02"  # where the keys point


def test_a_requirement_in_the_wrong_category_is_refused(catalogue):
    error = problems(catalogue, [Change("add", "LM-DS-02", new_requirement(catalogue, "LM-DS-02"))])
    assert "ids of this category start with LM-OS-" in error.findings[0].description


@pytest.mark.parametrize("version", ["1.0.0", "0.9.0"])
def test_the_new_version_must_be_greater(catalogue, version):
    error = problems(catalogue, [], version=version)
    assert [(f.key, f.description) for f in error.findings] == [
        ("version", f"the new version {version} must be greater than the base version 1.0.0")]


def test_a_malformed_new_version_is_a_finding(catalogue):
    assert [f.key for f in problems(catalogue, [], version="1.1").findings] == ["version"]


@pytest.mark.parametrize(("current", "bump", "expected"), [
    ("1.4.2", "major", "2.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3"), ("0.9.9", "minor", "0.10.0"),
])
def test_next_version(current, bump, expected):
    assert next_version(current, bump) == expected


@pytest.mark.parametrize(("current", "bump"),
                         [("1.0.0", None), ("1.0.0", "huge"), ("1.0", "patch"), ("01.0.0", "patch")])
def test_next_version_refuses_nonsense(current, bump):
    with pytest.raises(ValueError):
        next_version(current, bump)


def test_versions_compare_numerically():
    assert compare_versions("1.10.0", "1.9.0") == 1
    assert compare_versions("1.9.0", "1.10.0") == -1
    assert compare_versions("2.0.0", "2.0.0") == 0
    assert sorted(["1.10.0", "1.2.0", "0.9.1", "1.2.0"], key=version_key) == ["0.9.1", "1.2.0", "1.2.0", "1.10.0"]
