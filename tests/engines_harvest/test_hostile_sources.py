"""Broken, hostile and looping sources: every failure is a SourceError naming the page, and harvesting goes on
with the next page where that page is known."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from lichtermeer.engines.dcat.parse import parse_bytes
from lichtermeer.engines.harvest import Record, SourceConfig, SourceError, harvest

from .conftest import Reply, data, hydra_pages, loopback_client, serve_pages

ROSTOCK = "catalogs/rostock-catalog-original-input.rdf"


def _split(items):
    return ([i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, SourceError)])


@pytest.fixture
def rostock_pages(portal):
    """Rostock's 100 datasets on 4 Hydra pages of 25 at /catalog.rdf?page=1…4; returns the page bodies."""
    pages = hydra_pages(portal, ROSTOCK, "/catalog.rdf", 25, ox.RdfFormat.RDF_XML)
    serve_pages(portal, "/catalog.rdf", pages, ox.RdfFormat.RDF_XML)
    return pages


def _harvest_rostock(portal, **client_options):
    source = SourceConfig(portal.url("/catalog.rdf?page=1"))
    return _split(list(harvest(source, client=loopback_client(**client_options))))


def test_a_page_with_the_wrong_content_type_is_skipped_and_the_next_page_harvested(portal, rostock_pages):
    portal.serve("/catalog.rdf?page=2", Reply(rostock_pages[1], "text/html"))  # e.g. a portal's error page
    records, errors = _harvest_rostock(portal)
    assert len(records) == 75
    assert [(e.kind, e.fatal) for e in errors] == [("content_type", False)]
    assert errors[0].page_url.endswith("/catalog.rdf?page=2") and "text/html" in errors[0].reason.de


def test_a_generic_content_type_is_sniffed(portal):
    url = portal.serve("/catalog", Reply(data("harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf"), "text/plain"))
    records, errors = _split(list(harvest(SourceConfig(url), client=loopback_client())))
    assert len(records) == 6 and errors == []


def test_a_page_over_the_size_limit_is_an_error_and_harvesting_continues(portal, rostock_pages):
    limit = max(len(p) for p in rostock_pages) + 1
    portal.serve("/catalog.rdf?page=2", Reply(rostock_pages[1] + b"\n" * limit))  # page 2 grows past the limit
    records, errors = _harvest_rostock(portal, max_bytes=limit)
    assert len(records) == 75
    assert [(e.kind, e.fatal) for e in errors] == [("too_large", False)]
    assert f"{limit} Bytes" in errors[0].reason.de and errors[0].page_url.endswith("page=2")


def test_a_single_oversized_catalogue_stops_cleanly(portal):
    url = portal.serve("/catalog.rdf", Reply(data(ROSTOCK)))
    items = list(harvest(SourceConfig(url), client=loopback_client(max_bytes=1_000_000)))
    assert [(type(i), i.kind, i.fatal) for i in items] == [(SourceError, "too_large", True)]
    assert portal.requests == ["/catalog.rdf"]  # not retried: it would be as big again


def test_broken_turtle_is_reported_with_its_line_and_harvesting_continues(portal, rostock_pages):
    # The official DCAT-AP.de 3.0 example DataService.ttl lacks the "." after "@prefix skos:" (line 12/13).
    portal.serve("/catalog.rdf?page=2", Reply(data("examples-3.0/DataService.ttl"), "text/turtle"))
    records, errors = _harvest_rostock(portal)
    assert len(records) == 75
    assert [(e.kind, e.fatal) for e in errors] == [("syntax", False)]
    assert "page=2:13:1: Turtle-Syntaxfehler" in errors[0].reason.de


def test_not_well_formed_rdf_xml_is_reported_with_its_line(portal):
    url = portal.serve("/invalid_iri.xml", Reply(data("harvest-fixtures/sh-dcat-catalog-proxy/invalid_iri.xml")))
    items = list(harvest(SourceConfig(url), client=loopback_client()))
    assert [(type(i), i.kind, i.fatal) for i in items] == [(SourceError, "syntax", True)]
    assert "invalid_iri.xml:51:" in items[0].reason.en


def test_xml_entity_declarations_are_refused(portal):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    url = portal.serve("/bomb.rdf", Reply(bomb))
    items = list(harvest(SourceConfig(url), client=loopback_client()))
    assert items[0].kind == "syntax" and "ENTITY" in items[0].reason.en


@pytest.mark.parametrize(("name", "invalid"), [
    ("harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf",
     "http://www.geoportal.rlp.de:80/portal/karten.html?LAYER[zoom]=1&LAYER[id]=38836"),
    ("harvest-fixtures/ckanext-dcatde/metadata_max.rdf", "tel:+49 40 4 28 40 - 3494"),
])
def test_invalid_iris_in_real_catalogues_are_kept_leniently_and_reported(portal, name, invalid):
    url = portal.serve("/catalog.rdf", Reply(data(name)))
    records, errors = _split(list(harvest(SourceConfig(url), client=loopback_client())))
    assert errors == [] and records
    affected = [r for r in records if r.warnings]
    assert len(affected) == 1 and invalid in affected[0].warnings[0].en
    # The record's RDF keeps the IRI exactly (escaped where the syntax needs it) and reads back leniently.
    graph = parse_bytes("record.nt", affected[0].ntriples).graph
    assert invalid in set(graph.iris())


def test_a_page_url_seen_twice_ends_the_run_with_a_loop_error(portal):
    # The recorded Rostock page links itself as hydra:next (rewritten from the real host to the loopback portal).
    body = data("harvest-fixtures/ingrid-harvester/opendata-hro_catalog.rdf").replace(
        b"https://www.opendata-hro.de/catalog.rdf?page=1", portal.url("/catalog.rdf?page=1").encode())
    url = portal.serve("/catalog.rdf?page=1", Reply(body))
    records, errors = _split(list(harvest(SourceConfig(url), client=loopback_client())))
    assert len(records) == 3
    assert [(e.kind, e.fatal) for e in errors] == [("loop", True)]
    assert portal.requests == ["/catalog.rdf?page=1"]


def test_endless_pages_repeating_the_same_datasets_stop_at_the_first_repeat(portal):
    body = data("harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf")

    def endless(_path, query):
        number = int(query["page"][0])
        hydra = (f'<rdf:Description rdf:about="{portal.url(f"/endless?page={number}")}"><hydra:next>'
                 f'{portal.url(f"/endless?page={number + 1}")}</hydra:next></rdf:Description></rdf:RDF>')
        return Reply(body.replace(b"</rdf:RDF>", hydra.encode().replace(b"&", b"&amp;")))

    portal.serve("/endless", endless)
    records, errors = _split(list(harvest(SourceConfig(portal.url("/endless?page=1")), client=loopback_client())))
    assert len(records) == 6 and len(portal.requests) == 2
    assert [(e.kind, e.fatal) for e in errors] == [("loop", True)]
    assert "keinen neuen Datensatz (6 schon geerntet)" in errors[0].reason.de


def test_a_page_without_datasets_that_links_a_next_page_is_a_loop(portal):
    # The recorded hydra.xml: only paging, no dataset; page 50 → 51 → … would never end.
    body = data("harvest-fixtures/sh-dcat-catalog-proxy/hydra.xml").replace(
        b"http://opendata.schleswig-holstein.de/catalog.xml", portal.url("/catalog.xml").encode())
    portal.serve("/catalog.xml", Reply(body))
    items = list(harvest(SourceConfig(portal.url("/catalog.xml?page=50")), client=loopback_client()))
    assert [(type(i), i.kind) for i in items] == [(SourceError, "loop")]


def test_endless_pages_with_new_datasets_stop_at_max_pages(portal):
    def endless(_path, query):
        n = int(query["page"][0])
        return Reply((f'@prefix dcat: <http://www.w3.org/ns/dcat#> .\n'
                      f'@prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n'
                      f'<https://example.org/dataset/{n}> a dcat:Dataset .'
                      f'<{portal.url(f"/gen?page={n}")}> hydra:next <{portal.url(f"/gen?page={n + 1}")}> .').encode(),
                     "text/turtle")

    portal.serve("/gen", endless)
    source = SourceConfig(portal.url("/gen?page=1"), max_pages=7)
    records, errors = _split(list(harvest(source, client=loopback_client())))
    assert len(records) == 7 and len(portal.requests) == 7
    assert [(e.kind, e.fatal) for e in errors] == [("max_pages", True)]


def test_it_stops_after_three_failed_pages_in_a_row(portal, rostock_pages):
    for number in (2, 3, 4):
        portal.serve(f"/catalog.rdf?page={number}", Reply(b"", "text/plain", 404))
    portal.serve("/catalog.rdf?page=5", Reply(rostock_pages[0]))  # would be reached without the cap
    records, errors = _harvest_rostock(portal)
    assert len(records) == 25
    assert [(e.kind, e.fatal) for e in errors] == [("http", False), ("http", False), ("http", True)]


def test_a_next_page_on_another_host_is_not_followed(portal):
    # The recorded Rostock catalogue links page 2 on www.opendata-hro.de; served from loopback that is foreign.
    url = portal.serve("/catalog.rdf", Reply(data(ROSTOCK)))
    records, errors = _split(list(harvest(SourceConfig(url), client=loopback_client())))
    assert len(records) == 100
    assert [(e.kind, e.fatal) for e in errors] == [("foreign_host", True)]
    assert "https://www.opendata-hro.de/catalog.rdf?page=2" in errors[0].reason.en


@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.1"])
def test_by_default_private_and_loopback_targets_are_refused(portal, host):
    portal.serve("/catalog.rdf", Reply(data("harvest-fixtures/ckanext-dcatde/catalog-endpoint.rdf")))
    url = portal.url("/catalog.rdf").replace("127.0.0.1", host)
    items = list(harvest(SourceConfig(url)))  # default settings, default fetch (netguard)
    assert [(type(i), i.kind, i.fatal) for i in items] == [(SourceError, "refused", True)]
    assert host in items[0].reason.en and "öffentliche" in items[0].reason.de
    assert portal.requests == []  # nothing was sent


def test_other_schemes_are_refused(portal):
    items = list(harvest(SourceConfig("file:///etc/passwd")))
    assert [(type(i), i.kind) for i in items] == [(SourceError, "refused")]
