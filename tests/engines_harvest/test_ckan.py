"""CKAN action API: package_search paged by rows/start (the recorded GovData/UBA response, sliced the way CKAN
would), incremental runs with fq=metadata_modified, and the DCAT-AP.de mapping of the packages."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from lichtermeer.engines.dcat import validate_bytes
from lichtermeer.engines.harvest import Progress, Record, SourceConfig, SourceError, harvest
from lichtermeer.engines.harvest.ckan_source import endpoint

from .conftest import Reply, data, loopback_client

SEARCH = "/api/3/action/package_search"
RECORDED = json.loads(data("harvest-fixtures/ingrid-harvester/govdata-uba_package_search.json"))
PRTR = "d1e16cd3-dda8-440f-92a9-391e70647a49"  # dct:identifier of the newest package


def package_search(_path, query):
    """CKAN's behaviour on the recorded packages: Solr fq on metadata_modified, sort, then start/rows."""
    packages = list(RECORDED["result"]["results"])
    for fq in query.get("fq", []):
        found = re.fullmatch(r"metadata_modified:\[(\S+)Z TO NOW\]", fq)
        assert found, fq
        packages = [p for p in packages if p["metadata_modified"] >= found.group(1)]
    if query.get("sort") == ["id asc"]:
        packages.sort(key=lambda p: p["id"])
    start, rows = int(query.get("start", ["0"])[0]), int(query.get("rows", ["10"])[0])
    body = {"help": RECORDED["help"], "success": True,
            "result": {"count": len(packages), "facets": {}, "results": packages[start:start + rows]}}
    return Reply(json.dumps(body).encode(), "application/json;charset=utf-8")


def _harvest(portal, *, rows=1, since=None, path=SEARCH, progress=None, **client_options):
    source = SourceConfig(portal.url(path), kind="ckan", rows=rows)
    items = list(harvest(source, since=since, client=loopback_client(**client_options), progress=progress))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, SourceError)]


def test_it_pages_package_search_by_rows_and_start(portal):
    portal.serve(SEARCH, package_search)
    updates: list[Progress] = []
    records, errors = _harvest(portal, rows=1, progress=updates.append)
    assert errors == [] and len(records) == 3
    assert [re.search(r"start=(\d+)", r).group(1) for r in portal.requests] == ["0", "1", "2"]
    assert all("rows=1" in r and "sort=id+asc" in r for r in portal.requests)
    assert updates[-1].total == 3 and updates[-1].done


@pytest.mark.parametrize("given", ["/", "/api/3", "/api/3/action", SEARCH])
def test_it_accepts_the_portal_or_api_url(portal, given):
    portal.serve(SEARCH, package_search)
    records, _ = _harvest(portal, rows=2, path=given)
    assert len(records) == 3


def test_endpoint_spellings():
    assert endpoint("https://ckan.govdata.de") == ("https://ckan.govdata.de/api/3/action/package_search",
                                                   "https://ckan.govdata.de")
    assert endpoint("https://example.org/portal/api/3/action/package_search?q=x")[1] == "https://example.org/portal"


def test_incremental_run_filters_by_metadata_modified(portal):
    portal.serve(SEARCH, package_search)
    records, errors = _harvest(portal, rows=10, since=datetime(2025, 9, 1, tzinfo=UTC))
    assert errors == []
    assert "fq=metadata_modified%3A%5B2025-09-01T00%3A00%3A00Z+TO+NOW%5D" in portal.requests[0]
    assert [r.identifier for r in records] == [PRTR]


def test_a_package_becomes_a_dcat_ap_de_record(portal):
    portal.serve(SEARCH, package_search)
    records, _ = _harvest(portal, rows=10)
    prtr = next(r for r in records if r.identifier == PRTR)
    assert prtr.iri == "https://registry.gdi-de.org/id/de.bund.uba.inspire/" + PRTR  # the `uri` extra
    assert prtr.title == "Pollutant Release and Transfer Register (PRTR) - Abfall (Datensatz)"
    assert prtr.description.startswith("Das PRTR ist ein Schadstoffregister")
    assert len(prtr.keywords) == 15 and "abfall" in prtr.keywords
    assert prtr.publisher.name == "Umweltbundesamt"
    assert prtr.modified == datetime(2025, 12, 9, tzinfo=UTC)  # the `modified` extra wins over metadata_modified
    assert prtr.issued == datetime(2025, 11, 20, tzinfo=UTC)
    assert prtr.themes == tuple(f"http://publications.europa.eu/resource/authority/data-theme/{c}"
                                for c in ("ECON", "REGI", "TRAN"))
    [distribution] = prtr.distributions
    assert distribution.format == "http://publications.europa.eu/resource/authority/file-type/GML"
    assert distribution.license == prtr.license == "http://dcat-ap.de/def/licenses/cc-by/4.0"
    assert distribution.download_urls == distribution.access_urls
    rdf = prtr.ntriples.decode()
    assert "<http://dcat-ap.de/def/dcatde/contributorID> <http://dcat-ap.de/def/contributors/umweltbundesamt>" in rdf
    assert '<http://www.w3.org/2004/02/skos/core#notation> "d1e16cd3' in rdf  # alternate_identifier


def test_a_licence_that_is_no_uri_stays_text(portal):
    portal.serve(SEARCH, package_search)
    records, _ = _harvest(portal, rows=10)
    others = [r for r in records if r.identifier != PRTR]
    assert {d.license for r in others for d in r.distributions} == {"Es gelten keine Zugriffsbeschränkungen"}
    # ckanext-dcat: a format that looks like a media type ("TIF/TIFF") is written as dcat:mediaType.
    assert {d.media_type for r in others for d in r.distributions} == {"TIF/TIFF"}


def test_ckan_records_validate_like_dcat_pages(portal):
    portal.serve(SEARCH, package_search)
    records, _ = _harvest(portal, rows=10)
    for record in records:
        report = validate_bytes("record.nt", record.ntriples)
        assert report.error is None
        paths = {r.path for r in report.results}
        # The mapping supplies what DCAT-AP.de requires of the dataset: no "missing title/description/publisher".
        assert not paths & {"http://purl.org/dc/terms/title", "http://purl.org/dc/terms/description",
                            "http://purl.org/dc/terms/publisher"}


def test_a_portal_that_ignores_start_is_stopped_as_a_loop(portal):
    def stuck(path, query):
        return package_search(path, {**query, "start": ["0"]})

    portal.serve(SEARCH, stuck)
    records, errors = _harvest(portal, rows=1)
    assert len(records) == 1 and len(portal.requests) == 2
    assert [(e.kind, e.fatal) for e in errors] == [("loop", True)]


def test_a_failed_page_is_skipped_using_the_known_count(portal):
    def middle_fails(path, query):
        if query["start"] == ["1"]:
            return Reply(b"<html>Proxy Error</html>", "text/html", 502)
        return package_search(path, query)

    portal.serve(SEARCH, middle_fails)
    records, errors = _harvest(portal, rows=1, retries=1)
    assert len(records) == 2
    assert [(e.kind, e.status, e.fatal) for e in errors] == [("http", 502, False)]


@pytest.mark.parametrize(("reply", "kind", "says"), [
    (Reply(b"<html>Login</html>", "text/html"), "content_type", "text/html"),
    (Reply(b'{"success": true, "result": {"count": 3, "results": [', "application/json"), "format", ":1:"),
    (Reply(b'{"success": false, "error": {"message": "Access denied", "__type": "Authorization Error"}}',
           "application/json"), "http", "Access denied"),
    (Reply(b'{"success": true, "result": {"count": "many", "results": []}}', "application/json"), "format",
     "/result/count"),
])
def test_broken_answers_are_errors_naming_the_place(portal, reply, kind, says):
    portal.serve(SEARCH, reply)
    records, errors = _harvest(portal)
    assert records == [] and [(e.kind, e.fatal) for e in errors] == [(kind, True)]
    assert says in errors[0].reason.en and says in errors[0].reason.de


def test_hostile_package_fields_do_not_break_the_page(portal):
    good = RECORDED["result"]["results"][0]
    odd = {"id": "x1", "title": ["not", "text"], "tags": "abc", "extras": {"key": "value"}, "resources": [None, 3],
           "organization": "umweltbundesamt", "notes": {"nested": True}}
    body = {"success": True, "result": {"count": 3, "results": [good, "a string", odd]}}
    portal.serve(SEARCH, Reply(json.dumps(body).encode(), "application/json"))
    records, errors = _harvest(portal, rows=10)
    assert [r.identifier for r in records] == [PRTR, "x1"]
    assert [(e.kind, e.fatal) for e in errors] == [("invalid_item", False)]
    assert "/result/results/1" in errors[0].reason.de
    assert records[1].title == "" and records[1].distributions == ()
