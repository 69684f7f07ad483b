"""DCAT catalogue endpoints with Hydra paging, served from loopback: real catalogues split into pages, and the
recorded portal pages of Schleswig-Holstein and Rostock as they were served."""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox

from lichtermeer.engines.dcat.parse import parse_bytes
from lichtermeer.engines.harvest import Progress, Record, SourceConfig, SourceError, harvest

from .conftest import Reply, data, hydra_pages, loopback_client, serve_pages

ROSTOCK = "catalogs/rostock-catalog-original-input.rdf"
BRANDENBURG = "catalogs/brandenburg-catalog-original-input.ttl"
OPENDATA_HRO = "harvest-fixtures/ingrid-harvester/opendata-hro_catalog.rdf"


def _split(items):
    records = [i for i in items if isinstance(i, Record)]
    errors = [i for i in items if isinstance(i, SourceError)]
    return records, errors


def test_it_follows_hydra_next_through_the_rostock_catalogue(portal):
    pages = hydra_pages(portal, ROSTOCK, "/catalog.rdf", 25, ox.RdfFormat.RDF_XML)
    first = serve_pages(portal, "/catalog.rdf", pages, ox.RdfFormat.RDF_XML)
    updates: list[Progress] = []
    records, errors = _split(list(harvest(SourceConfig(first), client=loopback_client(), progress=updates.append)))
    assert errors == []
    assert len(records) == 100 and len({r.identifier for r in records}) == 100
    assert sum(len(r.distributions) for r in records) == 773  # as the corpus README counts them
    assert portal.requests == [f"/catalog.rdf?page={n}" for n in (1, 2, 3, 4)]
    assert [u.records for u in updates] == [25, 50, 75, 100, 100]
    assert updates[-1].done and updates[-1].total == 100 and updates[-1].fraction == 1.0


def test_it_follows_the_legacy_hydra_next_page_literals_through_brandenburg(portal):
    pages = hydra_pages(portal, BRANDENBURG, "/catalog.ttl", 40, ox.RdfFormat.TURTLE, next_predicate="nextPage",
                        links_as_literals=True)
    first = serve_pages(portal, "/catalog.ttl", pages, ox.RdfFormat.TURTLE)
    records, errors = _split(list(harvest(SourceConfig(first), client=loopback_client())))
    assert errors == [] and len(records) == 112
    assert len(portal.requests) == 3
    # Brandenburg's licences are the literal "Nutzungsbedingungen der LHP", kept as text.
    assert "Nutzungsbedingungen der LHP" in {d.license for r in records for d in r.distributions}


def test_it_reads_rdf_xml_turtle_and_json_ld_pages_by_content_type(portal):
    pages = hydra_pages(portal, BRANDENBURG, "/mixed", 40, ox.RdfFormat.TURTLE)
    for number, syntax in ((1, ox.RdfFormat.TURTLE), (2, ox.RdfFormat.JSON_LD), (3, ox.RdfFormat.RDF_XML)):
        body = ox.serialize(ox.parse(pages[number - 1], format=ox.RdfFormat.TURTLE), format=syntax)
        media = {ox.RdfFormat.TURTLE: "text/turtle", ox.RdfFormat.JSON_LD: "application/ld+json",
                 ox.RdfFormat.RDF_XML: "application/rdf+xml"}[syntax]
        portal.serve(f"/mixed?page={number}", Reply(body, media))
    records, errors = _split(list(harvest(SourceConfig(portal.url("/mixed?page=1")), client=loopback_client())))
    assert errors == [] and len(records) == 112


def test_it_reads_the_official_json_ld_example(portal):
    url = portal.serve("/catalog.jsonld", Reply(data("examples-2.0/dcat_ap_de-RefImp_JSONLD_SIMPLE.jsonld"),
                                                "application/ld+json"))
    records, errors = _split(list(harvest(SourceConfig(url), client=loopback_client())))
    assert errors == [] and len(records) == 1
    assert records[0].title and records[0].distributions


def test_it_chains_the_recorded_schleswig_holstein_pages(portal):
    # The recorded page 50 (legacy hydra:nextPage); its link to page 51 now points to the loopback portal, where
    # the recorded `with_collection.xml` (8 datasets, no next page) answers.
    original = b"http://opendata.schleswig-holstein.de/catalog.xml?page="
    page_50 = data("harvest-fixtures/sh-dcat-catalog-proxy/catalog.xml").replace(
        original, portal.url("/catalog.xml?page=").encode())
    portal.serve("/catalog.xml?page=50", Reply(page_50, "application/rdf+xml"))
    portal.serve("/catalog.xml?page=51", Reply(data("harvest-fixtures/sh-dcat-catalog-proxy/with_collection.xml"),
                                               "application/xml"))
    updates: list[Progress] = []
    records, errors = _split(list(harvest(SourceConfig(portal.url("/catalog.xml?page=50")),
                                          client=loopback_client(), progress=updates.append)))
    assert errors == [] and len(records) == 108
    assert updates[0].total == 8319  # hydra:totalItems of the real portal


def test_a_record_carries_the_dataset_with_its_distributions_as_rdf(portal):
    url = portal.serve("/catalog.rdf", Reply(data(OPENDATA_HRO)))
    items = list(harvest(SourceConfig(url), client=loopback_client()))
    record = next(i for i in items if isinstance(i, Record) and i.title == "Trinkwasserspender")
    assert record.identifier == "98155429-d260-4d6c-b1d0-3dd0c94d6ee0"
    assert record.iri == "https://www.opendata-hro.de/dataset/98155429-d260-4d6c-b1d0-3dd0c94d6ee0"
    assert record.publisher.name == "Hanse- und Universitätsstadt Rostock"
    assert "Trinkwasser" in record.keywords
    assert record.modified == datetime(2026, 8, 20, 12, 7, 17, 229554, tzinfo=UTC)
    assert record.license == "http://dcat-ap.de/def/licenses/cc-zero"
    assert "http://publications.europa.eu/resource/authority/data-theme/REGI" in record.themes
    kml = next(d for d in record.distributions if d.format and d.format.endswith("/KML"))
    assert kml.download_urls == ("https://geo.sv.rostock.de/download/opendata/trinkwasserspender/trinkwasserspender.kml",)
    # The RDF holds the dataset and its distributions, not the other datasets of the page.
    graph = parse_bytes("r.nt", record.ntriples).graph
    typed = graph.instances
    assert list(typed["http://www.w3.org/ns/dcat#Dataset"]) == [record.iri]
    assert len(typed["http://www.w3.org/ns/dcat#Distribution"]) == len(record.distributions)
    assert parse_bytes("r.ttl", record.turtle()).graph.triples == graph.triples


def test_record_rdf_is_stable_when_the_portal_reorders_its_output(portal):
    body = data("catalogs/rostock-catalog-original-input.rdf")
    reordered = ox.serialize(reversed(list(ox.parse(body, format=ox.RdfFormat.RDF_XML))), format=ox.RdfFormat.TURTLE)
    portal.serve("/a.rdf", Reply(body))
    portal.serve("/b.ttl", Reply(reordered, "text/turtle"))

    def hashes(url):  # the recorded page links the real portal's page 2: that is refused (another host), see
        #               test_hostile_sources; only the records matter here
        return {r.iri: r.content_hash for r in harvest(SourceConfig(url), client=loopback_client())
                if isinstance(r, Record)}

    first, second = hashes(portal.url("/a.rdf")), hashes(portal.url("/b.ttl"))
    assert len(first) == 100 and first == second


def _single_page(name: str) -> bytes:
    """A recorded page without its Hydra links (the recording links itself on the real portal)."""
    lines = data(name).splitlines(keepends=True)
    return b"".join(line for line in lines if b"<hydra:next" not in line)


def test_incremental_run_asks_for_modified_since_and_filters_older_datasets(portal):
    url = portal.serve("/catalog.rdf", Reply(_single_page(OPENDATA_HRO)))
    all_records = [r for r in harvest(SourceConfig(url), client=loopback_client()) if isinstance(r, Record)]
    dates = sorted(r.modified for r in all_records)
    since = dates[1]  # keeps the two newest
    updates: list[Progress] = []
    items = list(harvest(SourceConfig(url), since=since, client=loopback_client(), progress=updates.append))
    records, errors = _split(items)
    assert errors == []
    assert {r.modified for r in records} == set(dates[1:])
    assert updates[-1].skipped == 1
    assert f"modified_since={since.replace(tzinfo=None).isoformat(timespec='seconds').replace(':', '%3A')}" \
        in portal.requests[-1]


def test_a_blank_node_dataset_gets_a_deterministic_skolem_iri(portal):
    turtle = (b"@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n"
              b"[] a dcat:Dataset ; dct:title \"Baumkataster\"@de ; dcat:distribution [ a dcat:Distribution ; "
              b"dcat:accessURL <https://example.org/baeume.csv> ] .\n")
    url = portal.serve("/blank.ttl", Reply(turtle, "text/turtle"))
    first = [r for r in harvest(SourceConfig(url), client=loopback_client()) if isinstance(r, Record)]
    again = [r for r in harvest(SourceConfig(url), client=loopback_client()) if isinstance(r, Record)]
    assert first[0].iri.startswith("urn:uuid:") and first[0].skolemized
    assert first[0].iri == again[0].iri == first[0].identifier
    assert first[0].iri.encode() in first[0].ntriples
    other = [r for r in harvest(SourceConfig(url + "?other-source"), client=loopback_client())
             if isinstance(r, Record)]
    assert other[0].iri != first[0].iri


def test_records_stream_page_by_page(portal):
    # A generator: the caller stores page 1 before page 2 is even requested, so an interruption loses nothing
    # already handed over.
    pages = hydra_pages(portal, BRANDENBURG, "/catalog.ttl", 40, ox.RdfFormat.TURTLE)
    first = serve_pages(portal, "/catalog.ttl", pages, ox.RdfFormat.TURTLE)
    run = harvest(SourceConfig(first), client=loopback_client())
    assert portal.requests == []
    assert isinstance(next(run), Record) and portal.requests == ["/catalog.ttl?page=1"]
    taken = [next(run) for _ in range(39)]
    assert all(r.page_url == first for r in taken) and len(portal.requests) == 1
    run.close()  # e.g. the worker is stopped
    assert len(portal.requests) == 1
