"""OSV range semantics, version ordering per ecosystem, purl mapping and CVSS scores (small synthetic records)."""

from __future__ import annotations

import pytest

from lichtermeer.engines.checks.vulnerabilities import (
    NotScannable,
    OsvIndex,
    PackageKey,
    cvss2_score,
    cvss3_score,
    package_of,
    severity_of,
)


def record(ranges=None, versions=None, *, id="TEST-1", ecosystem="PyPI", name="pkg", **extra):
    affected = {"package": {"ecosystem": ecosystem, "name": name}}
    if ranges is not None:
        affected["ranges"] = ranges
    if versions is not None:
        affected["versions"] = versions
    return {"id": id, "modified": "2024-01-01T00:00:00Z", "affected": [affected], **extra}


def ecosystem_range(*events, type="ECOSYSTEM"):
    return {"type": type, "events": [dict([event]) for event in events]}


def affected(index, version, *, ecosystem="PyPI", name="pkg"):
    """True / False / None (could not compare) for one advisory."""
    found = index.match(ecosystem, name, version)
    assert len(found) <= 1
    return found[0].affected if found else False


def test_it_sorts_events_by_version_not_by_json_order():
    index = OsvIndex.from_records([record([ecosystem_range(
        ("fixed", "1.2"), ("introduced", "2.0"), ("introduced", "1.0"), ("fixed", "2.5"))])])
    assert [affected(index, v) for v in ("0.9", "1.1", "1.2", "1.5", "2.0", "2.4.9", "2.5", "3.0")] == [
        False, True, False, False, True, True, False, False]


def test_it_orders_pep440_versions_numerically_not_as_text():
    index = OsvIndex.from_records([record([ecosystem_range(("introduced", "1.9"), ("fixed", "1.10"))])])
    assert affected(index, "1.9.5") is True
    assert affected(index, "1.10") is False
    assert affected(index, "1.10rc1") is True  # a pre-release of the fix is still before it
    assert affected(index, "1.10.post1") is False


def test_it_treats_last_affected_as_inclusive_and_fixed_as_exclusive():
    index = OsvIndex.from_records([
        record([ecosystem_range(("introduced", "0"), ("last_affected", "2.1.214"))], id="LAST"),
        record([ecosystem_range(("introduced", "0"), ("fixed", "2.1.214"))], id="FIXED"),
    ])
    assert [m.id for m in index.match("PyPI", "pkg", "2.1.214")] == ["LAST"]
    assert [m.id for m in index.match("PyPI", "pkg", "2.1.213")] == ["FIXED", "LAST"]
    assert index.match("PyPI", "pkg", "2.1.215") == ()
    last = index.match("PyPI", "pkg", "2.1.213")[1]
    assert last.fixed == ()  # last_affected names no fix


def test_it_bounds_a_range_by_its_limit_events():
    index = OsvIndex.from_records([
        record([ecosystem_range(("introduced", "1.0"), ("limit", "2.0"))], id="LIMIT"),
        record([ecosystem_range(("introduced", "1.0"), ("limit", "*"))], id="STAR"),
    ])
    assert [m.id for m in index.match("PyPI", "pkg", "1.5")] == ["LIMIT", "STAR"]
    assert [m.id for m in index.match("PyPI", "pkg", "2.0")] == ["STAR"]
    assert [m.id for m in index.match("PyPI", "pkg", "0.5")] == []


def test_it_reads_introduced_zero_as_before_every_version_even_under_semver():
    index = OsvIndex.from_records([record(
        [ecosystem_range(("introduced", "0"), ("fixed", "1.0.2"), type="SEMVER")], ecosystem="npm", name="left-pad")])
    assert affected(index, "0.0.1", ecosystem="npm", name="left-pad") is True
    assert affected(index, "1.0.2", ecosystem="npm", name="left-pad") is False
    assert index.match("npm", "left-pad", "0.5.0")[0].fixed == ("1.0.2",)


def test_it_makes_equal_introduced_and_fixed_an_empty_range_in_either_order():
    for events in ((("introduced", "1.0"), ("fixed", "1.0")), (("fixed", "1.0"), ("introduced", "1.0"))):
        index = OsvIndex.from_records([record([ecosystem_range(*events)])])
        assert affected(index, "1.0") is False


def test_it_matches_the_versions_list_also_without_ranges():
    index = OsvIndex.from_records([record(versions=["1.0", "1.1"])])
    assert affected(index, "1.1") is True
    assert affected(index, "1.1.0") is True  # PEP 440: 1.1 == 1.1.0
    assert affected(index, "1.2") is False


def test_it_reports_the_fix_of_the_range_the_version_falls_into():
    index = OsvIndex.from_records([record([
        ecosystem_range(("introduced", "0"), ("fixed", "1.4")),
        ecosystem_range(("introduced", "2.0"), ("fixed", "2.3")),
    ])])
    assert index.match("PyPI", "pkg", "1.0")[0].fixed == ("1.4",)
    assert index.match("PyPI", "pkg", "2.1")[0].fixed == ("2.3",)
    assert index.match("PyPI", "pkg", "1.5") == ()


def test_it_ignores_withdrawn_records_and_counts_them():
    index = OsvIndex.from_records([
        record(versions=["1.0"], id="LIVE"),
        record(versions=["1.0"], id="GONE", withdrawn="2024-02-01T00:00:00Z"),
    ])
    assert [m.id for m in index.match("PyPI", "pkg", "1.0")] == ["LIVE"]
    assert (index.records, index.withdrawn) == (2, 1)


def test_it_skips_git_ranges_but_keeps_the_versions_list():
    git = {"type": "GIT", "repo": "https://example.org/repo", "events": [{"introduced": "0"}, {"fixed": "abc"}]}
    index = OsvIndex.from_records([record([git], versions=["1.0"])])
    assert affected(index, "1.0") is True
    assert affected(index, "0.5") is False


def test_it_says_could_not_compare_for_an_unparseable_version_instead_of_not_affected():
    index = OsvIndex.from_records([record([ecosystem_range(("introduced", "0"), ("fixed", "2.0"))])])
    found = index.match("PyPI", "pkg", "(devel)")
    assert found[0].affected is None
    assert "'(devel)' is not a valid PyPI version" in found[0].reason


def test_it_says_could_not_compare_for_an_unparseable_event_and_for_an_unordered_ecosystem():
    index = OsvIndex.from_records([
        record([ecosystem_range(("introduced", "0"), ("fixed", "not a version!"))], id="BAD-EVENT"),
        record([ecosystem_range(("introduced", "1.0"), ("fixed", "2.0"))], id="HACKAGE", ecosystem="Hackage",
               versions=["1.5"]),
        record([{"type": "ECOSYSTEM", "events": [{"introduced": "1.0", "fixed": "2.0"}]}], id="TWO-KEYS"),
        record([ecosystem_range(("introduced", "1.0"), ("fixed", 2))], id="NUMBER"),  # YAML `fixed: 2`
    ])
    bad = {m.id: m for m in index.match("PyPI", "pkg", "1.5")}
    assert set(bad) == {"BAD-EVENT", "TWO-KEYS", "NUMBER"} and all(m.affected is None for m in bad.values())
    assert affected(index, "1.5", ecosystem="Hackage") is True  # the versions list needs no ordering
    assert affected(index, "1.7", ecosystem="Hackage") is None


def test_it_does_not_crash_on_malformed_records():
    index = OsvIndex.from_records([
        {"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": "not a list"},
        {"id": "X-2", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": "pkg"}, None, {"ranges": []}]},
        {"id": "X-3", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI",
                                                                                   "name": "pkg"}, "ranges": [7]}]},
        "not a record", {"id": 5},
    ])
    assert index.records == 3
    assert index.match("PyPI", "pkg", "1.0")[0].affected is None  # X-3's range is not an object


@pytest.mark.parametrize(("ecosystem", "name", "events", "inside", "outside"), [
    ("Maven", "org.example:lib", (("introduced", "0"), ("fixed", "1.0")), "1.0-SNAPSHOT", "1.0.1"),
    ("Maven", "org.example:lib", (("introduced", "2.9.0"), ("fixed", "2.9.10.1")), "2.9.10", "2.9.10.2"),
    ("Debian:9", "dpkg", (("introduced", "0"), ("fixed", "1.18.26")), "1.18.25", "1:1.0"),  # epoch 1 is newer
    ("Alpine:v3.17", "musl", (("introduced", "0"), ("fixed", "1.2.3-r6")), "1.2.3-r4", "1.2.3-r10"),
    ("Go", "golang.org/x/sys", (("introduced", "0"), ("fixed", "0.0.0-20220412211240-33da011f77ad")),
     "v0.0.0-20210817142637-7d9622a276b7", "v0.1.0"),
    ("npm", "pkg", (("introduced", "1.0.0-alpha.1"), ("fixed", "1.0.0")), "1.0.0-beta", "1.0.0-alpha"),
    ("RubyGems", "rack", (("introduced", "0"), ("fixed", "2.2.3.1")), "2.2.3", "2.2.10"),
    ("Packagist", "laravel/framework", (("introduced", "7.0.0"), ("fixed", "7.30.4")), "v7.12.0", "8.0.0"),
])
def test_it_orders_versions_per_ecosystem(ecosystem, name, events, inside, outside):
    index = OsvIndex.from_records([record([ecosystem_range(*events)], ecosystem=ecosystem, name=name)])
    assert affected(index, inside, ecosystem=ecosystem, name=name) is True
    assert affected(index, outside, ecosystem=ecosystem, name=name) is False


def test_it_uses_semver_precedence_for_semver_ranges_ignoring_build_metadata():
    index = OsvIndex.from_records([record(
        [ecosystem_range(("introduced", "1.0.0-rc.1"), ("fixed", "1.0.0"), type="SEMVER")], ecosystem="Go",
        name="example.org/m")])
    look = lambda v: affected(index, v, ecosystem="Go", name="example.org/m")  # noqa: E731
    assert [look(v) for v in ("1.0.0-beta", "1.0.0-rc.1", "v1.0.0-rc.2", "1.0.0+build.5", "1.0.0-rc.1+b")] == [
        False, True, True, False, True]


def test_it_normalises_pypi_names_per_pep_503():
    index = OsvIndex.from_records([record(versions=["1.0"], name="Flask_Caching")])
    assert affected(index, "1.0", name="flask.caching") is True
    assert affected(index, "1.0", name="FLASK--caching", ecosystem="pypi") is True


def test_it_memoises_answers_per_ecosystem_name_and_version():
    index = OsvIndex.from_records([record([ecosystem_range(("introduced", "0"), ("fixed", "2.0"))])])
    assert index.match("PyPI", "pkg", "1.0") is index.match("PyPI", "pkg", "1.0")


@pytest.mark.parametrize(("purl", "expected"), [
    ("pkg:pypi/Jinja2@2.7.1", PackageKey("PyPI", "jinja2", "2.7.1")),
    ("pkg:npm/%40angular/core@1.0.0", PackageKey("npm", "@angular/core", "1.0.0")),
    ("pkg:maven/org.apache.commons/commons-text@1.9", PackageKey("Maven", "org.apache.commons:commons-text", "1.9")),
    ("pkg:golang/github.com/opencontainers/runc@v1.0.1", PackageKey("Go", "github.com/opencontainers/runc", "v1.0.1")),
    ("pkg:composer/laravel/framework@v7.12.0", PackageKey("Packagist", "laravel/framework", "v7.12.0")),
    ("pkg:cargo/serde@1.0.0", PackageKey("crates.io", "serde", "1.0.0")),
    ("pkg:gem/rack@2.2.3", PackageKey("RubyGems", "rack", "2.2.3")),
    ("pkg:nuget/Newtonsoft.Json@12.0.1", PackageKey("NuGet", "Newtonsoft.Json", "12.0.1")),
    ("pkg:deb/debian/dpkg@1.18.25?arch=amd64&distro=debian-9", PackageKey("Debian:9", "dpkg", "1.18.25")),
    ("pkg:deb/debian/dpkg@1.19.7?distro=buster", PackageKey("Debian:10", "dpkg", "1.19.7")),
    ("pkg:deb/ubuntu/pcre3@2:8.39-12ubuntu0.1?distro=ubuntu-20.04",
     PackageKey("Ubuntu:20.04:LTS", "pcre3", "2:8.39-12ubuntu0.1")),
    ("pkg:apk/alpine/zlib@1.2.10-r0?arch=x86_64&distro=alpine-3.17.2", PackageKey("Alpine:v3.17", "zlib", "1.2.10-r0")),
    ("pkg:apk/alpine/zlib@1.2.12-r1?arch=x86_64&distro=3.22.0&origin=zlib",
     PackageKey("Alpine:v3.22", "zlib", "1.2.12-r1")),
])
def test_it_maps_purls_to_osv_packages(purl, expected):
    assert package_of(purl) == expected


@pytest.mark.parametrize("purl", [None, "", "pkg:pypi/", "pkg:///", "/",
                                  "pkg:apk/alpine/@1.36.1-r27?distro=alpine-3.17.2", "pkg:generic/postgresql@14",
                                  "pkg:maven/commons-text@1.9", "pkg:pypi/requests"])
def test_it_lists_components_it_cannot_map_as_not_scannable(purl):
    found = package_of(purl)
    assert isinstance(found, NotScannable) and found.reason_en and found.reason_de


def test_it_takes_the_component_version_when_the_purl_has_none():
    assert package_of("pkg:pypi/requests", "2.31.0") == PackageKey("PyPI", "requests", "2.31.0")


@pytest.mark.parametrize(("vector", "score"), [
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N", 6.8),
    ("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
    ("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N", 2.8),
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
])
def test_it_computes_cvss3_base_scores(vector, score):
    assert cvss3_score(vector) == score


def test_it_computes_cvss2_base_scores_and_refuses_broken_vectors():
    assert cvss2_score("AV:N/AC:L/Au:N/C:P/I:P/A:P") == 7.5
    assert cvss2_score("AV:N/AC:M/Au:N/C:N/I:P/A:N") == 4.3
    assert cvss3_score("CVSS:3.1/AV:X/AC:L") is None
    assert cvss3_score("AV:N/AC:L/Au:N/C:P/I:P/A:P") is None


def test_it_rates_severity_from_vectors_ratings_or_not_at_all():
    vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
    v4_only = {"severity": [{"type": "CVSS_V4", "score": vector}]}
    assert severity_of(v4_only).high is None  # v4 is not scored here: unknown, never "low"
    assert severity_of({**v4_only, "database_specific": {"severity": "HIGH"}}).high is True
    assert severity_of({"database_specific": {"severity": "MODERATE"}}).high is False
    package_level = {"severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}]}
    assert severity_of({}, package_level).score == 7.5
    assert severity_of({"severity": [{"type": "Ubuntu", "score": "negligible"}]}).rating == "low"


def test_it_names_the_snapshot_as_a_date_whatever_it_is_given():
    records = [record(versions=["1.0"], id="A"),
               {**record(versions=["1.0"], id="B"), "modified": "2024-10-10T17:22:00Z"}]
    assert OsvIndex.from_records(records).snapshot == "2024-10-10"
    assert OsvIndex.from_records(records, snapshot="2024-10-11T01:00:00.5Z").snapshot == "2024-10-11"
