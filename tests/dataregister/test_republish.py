"""Republishing as DCAT-AP.de 3.0 on small hand-written datasets: the mapping onto the vocabularies, what is left
out and why, IRIs, geocoding, paging and the HTTP views. (The real catalogues: test_end_to_end.py.)"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest

from lichtermeer.dataregister import republish
from lichtermeer.dataregister.models import Dataset, Source
from lichtermeer.engines import dcat
from lichtermeer.engines.dcat.graph import Graph
from lichtermeer.engines.dcat.terms import Lit
from lichtermeer.municipalities.services import organisation_for
from municipal_support import municipality

pytestmark = pytest.mark.django_db

EU = "http://publications.europa.eu/resource/authority/"
LICENCES = "http://dcat-ap.de/def/licenses/"
SH_VIOLATION = "http://www.w3.org/ns/shacl#Violation"
PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcatde: <https://www.dcat-ap.de/def/dcatde/1.1/> .
"""
DISTRIBUTION = """<{iri}/csv> a dcat:Distribution ; dcat:accessURL <{iri}/data.csv> ;
    dct:license <https://www.dcat-ap.de/def/licenses/dl-by-de/2.0> ; dct:format "csv" ."""


@pytest.fixture
def town():
    return municipality("13003000", "Rostock, Hanse- und Universitätsstadt", population=209_061)


@pytest.fixture
def source(town):
    return Source.objects.create(slug="portal", name="Portal", kind="dcat", url="https://portal.example.org/cat.ttl",
                                 organisation=organisation_for(town), municipality=town)


def stored(source: Source, number: int, body: str | None = None, *, publisher: str = 'dct:publisher [ foaf:name '
           '"Stadtverwaltung" ]', distribution: str | None = None, iri: str | None = None) -> Dataset:
    """A dataset row as store_record keeps it: its RDF as N-Triples (written here as Turtle for readability)."""
    iri = iri or f"https://portal.example.org/dataset/{number}"
    body = body if body is not None else f"""<{iri}> a dcat:Dataset ; dct:title "Datensatz {number}"@de ;
        dct:description "Beschreibung {number}" ; {publisher} ; dcat:distribution <{iri}/csv> .
        {distribution if distribution is not None else DISTRIBUTION.format(iri=iri)}"""
    ntriples = ox.serialize(ox.parse((PREFIXES + body).encode(), format=ox.RdfFormat.TURTLE),
                            format=ox.RdfFormat.N_TRIPLES).decode()
    return Dataset.objects.create(source=source, municipality=source.municipality, identifier=f"ds-{number}", iri=iri,
                                  title=f"Datensatz {number}", rdf=ntriples,
                                  content_hash=hashlib.sha256(ntriples.encode()).hexdigest(),
                                  mdk_uri="https://musterdatenkatalog.de/def/musterdatensatz/raumplanung/bebauungsplan")


def page(number: int = 1, extension: str = "ttl") -> ox.Store:
    store = ox.Store()
    store.load(republish.catalogue_page(number, extension), format=republish.SYNTAXES[extension][0])
    return store


def values(store: ox.Store, subject: str | None, predicate: str) -> list[str]:
    node = ox.NamedNode(subject) if subject else None
    return sorted(q.object.value for q in store.quads_for_pattern(node, ox.NamedNode(predicate), None))


def violations(extension: str = "ttl", number: int = 1) -> list[dict]:
    report = dcat.validate_bytes(f"katalog.{extension}", republish.catalogue_page(number, extension))
    assert report.error is None
    return [r.to_dict("en") for r in report.results if r.severity == SH_VIOLATION]


# --- the mapping -----------------------------------------------------------------------------------------------

def test_it_maps_licence_spellings_onto_the_dcat_ap_de_vocabulary():
    graph = Graph()

    def mapped(value):
        node, _text = republish.map_licence(graph, value)
        return node.value if node is not None else None

    assert mapped("https://www.dcat-ap.de/def/licenses/cc-zero") == LICENCES + "cc-zero"
    assert mapped(Lit("dl-zero-de/2.0")) == LICENCES + "dl-zero-de/2.0"
    assert mapped(Lit("https://www.govdata.de/dl-de/by-2-0")) == LICENCES + "dl-by-de/2.0"  # the licence's homepage
    # Two licences of the vocabulary share this homepage: kept as stated rather than guessed.
    assert mapped("http://creativecommons.org/licenses/by-nd/3.0/") == "http://creativecommons.org/licenses/by-nd/3.0/"
    assert mapped("http://wiki.data.gouv.fr/wiki/Licence_Ouverte_/_Open_Licence").startswith("http://wiki.data.gouv")
    assert republish.map_licence(graph, Lit("Nutzungsbedingungen der LHP")) == (None, "Nutzungsbedingungen der LHP")


def test_it_maps_formats_and_media_types_onto_their_vocabularies():
    def file_type(value):
        node = republish.map_file_type(value)
        return node.value.removeprefix(EU + "file-type/") if node is not None else None

    assert [file_type(v) for v in (Lit("csv"), Lit("geojson"), Lit("SHP"), EU + "file-type/WFS", Lit("text/csv"),
                                   "https://www.iana.org/assignments/media-types/application/json", Lit("Tabelle"))] \
        == ["CSV", "GEOJSON", "SHP", "WFS_SRVC", "CSV", "JSON", None]
    assert republish.map_media_type(Lit("text/CSV")).value == "https://www.iana.org/assignments/media-types/text/csv"
    assert republish.map_media_type("http://www.iana.org/assignments/media-types/application/json").value == (
        "https://www.iana.org/assignments/media-types/application/json")
    assert republish.map_media_type(Lit("CSV")) is None


def test_it_maps_languages_access_rights_and_statuses():
    assert republish.map_language("http://id.loc.gov/vocabulary/iso639-1/de").value == EU + "language/DEU"
    assert republish.map_language(Lit(EU + "language/DEU")).value == EU + "language/DEU"
    assert republish.map_language(Lit("Plattdeutsch")) is None
    assert republish.map_access_rights(Graph(), Lit("public")).value == EU + "access-right/PUBLIC"
    assert republish.map_access_rights(Graph(), Lit("nicht öffentlich")).value == EU + "access-right/NON_PUBLIC"
    assert republish.map_access_rights(Graph(), Lit("irgendwie")) is None
    assert republish.map_distribution_status("http://purl.org/adms/status/Completed").value == (
        EU + "distribution-status/COMPLETED")


# --- what is left out ---------------------------------------------------------------------------------------------

def test_it_leaves_out_a_dataset_without_licence_and_says_where(source):
    kept = stored(source, 1)
    stored(source, 2, distribution="<https://portal.example.org/dataset/2/csv> a dcat:Distribution ; "
                                   "dcat:accessURL <https://portal.example.org/2.csv> .")
    stored(source, 3, distribution='<https://portal.example.org/dataset/3/csv> a dcat:Distribution ; '
                                   'dcat:accessURL <https://portal.example.org/3.csv> ; dct:license "Hausrecht" .')
    omissions = {o.identifier: o for o in republish.not_republished()}
    assert set(omissions) == {"ds-2", "ds-3"}
    (no_licence,), (text_licence,) = omissions["ds-2"].reasons, omissions["ds-3"].reasons
    assert no_licence.en.startswith("https://portal.example.org/dataset/2/csv: no dct:license")
    assert no_licence.de.startswith("https://portal.example.org/dataset/2/csv: keine dct:license")
    assert '"Hausrecht"' in text_licence.en and '"Hausrecht"' in text_licence.de
    assert values(page(), None, "http://www.w3.org/ns/dcat#dataset") == [kept.iri]


@pytest.mark.parametrize(("publisher", "republished"), [
    ('dct:publisher "t173369"', False),  # an internal code of the portal software
    ('dct:publisher <https://portal.example.org/org/1>', False),  # no name anywhere
    ("", False),
    ('dct:publisher "Stadtverwaltung Musterstadt"', True),
    ('dct:publisher [ a foaf:Organization ; foaf:name "Amt 61"@de ]', True),
])
def test_a_publisher_needs_a_name(source, publisher, republished):
    stored(source, 1, publisher=publisher or 'dct:creator "niemand"')
    assert (republish.not_republished() == []) is republished


def test_it_leaves_out_datasets_without_description_or_distribution(source):
    stored(source, 1, '<https://portal.example.org/dataset/1> a dcat:Dataset ; dct:title "Ohne alles" .')
    (omission,) = republish.not_republished()
    assert [r.en.split(": ", 1)[1] for r in omission.reasons] == [
        "dct:description is missing (mandatory in DCAT-AP.de 3.0)", "dct:publisher is missing (mandatory in DCAT-AP.de "
        "3.0)", "no dcat:distribution, so neither access nor licence is known"]


# --- what is written ----------------------------------------------------------------------------------------------

def test_unusable_values_are_normalised_or_dropped_and_the_result_validates(source):
    iri = "https://portal.example.org/dataset/1"
    dataset = stored(source, 1, distribution=f"""
        <{iri}/csv> a dcat:Distribution ; dcat:accessURL "https://portal.example.org/1.csv" ;
            dct:license <https://www.dcat-ap.de/def/licenses/cc-zero> ; dct:format "CSV"@de ; dcat:mediaType "CSV"@de ;
            dcat:byteSize "72623.0"^^xsd:decimal ; dct:issued "2020-13-45" .
        <{iri}/kaputt> a dcat:Distribution ; dct:license <http://dcat-ap.de/def/licenses/cc-zero> .
        <{iri}> dcat:distribution <{iri}/kaputt> ; dct:accessRights "public" ; dcat:theme <https://portal/theme/x> ,
            <{EU}data-theme/REGI> ; dct:language "{EU}language/DEU" ; dcat:keyword "Wasser" , " " ;
            dcatde:politicalGeocodingURI <https://www.dcat-ap.de/def/politicalGeocoding/regionalKey/130030000000> .""")
    store = page()
    assert values(store, iri, "http://www.w3.org/ns/dcat#distribution") == [f"{iri}/csv"]  # "kaputt" has no address
    assert values(store, f"{iri}/csv", "http://www.w3.org/ns/dcat#accessURL") == ["https://portal.example.org/1.csv"]
    assert values(store, f"{iri}/csv", "http://purl.org/dc/terms/license") == [LICENCES + "cc-zero"]
    assert values(store, f"{iri}/csv", "http://purl.org/dc/terms/format") == [EU + "file-type/CSV"]
    assert values(store, f"{iri}/csv", "http://www.w3.org/ns/dcat#mediaType") == []
    assert values(store, f"{iri}/csv", "http://www.w3.org/ns/dcat#byteSize") == ["72623"]
    assert values(store, f"{iri}/csv", "http://purl.org/dc/terms/issued") == []
    assert values(store, iri, "http://purl.org/dc/terms/accessRights") == [EU + "access-right/PUBLIC"]
    assert values(store, iri, "http://www.w3.org/ns/dcat#theme") == [EU + "data-theme/REGI"]
    assert values(store, iri, "http://purl.org/dc/terms/language") == [EU + "language/DEU"]
    assert values(store, iri, "http://www.w3.org/ns/dcat#keyword") == ["Wasser"]
    assert values(store, iri, "http://purl.org/dc/terms/references") == [dataset.mdk_uri]
    assert values(store, iri, "http://purl.org/dc/terms/identifier") == ["ds-1"]
    # The publisher's own geocoding (old namespace, https://www. spelling) wins over the register's municipality.
    assert values(store, iri, "http://dcat-ap.de/def/dcatde/politicalGeocodingURI") == [
        "http://dcat-ap.de/def/politicalGeocoding/regionalKey/130030000000"]
    for extension in republish.SYNTAXES:
        assert violations(extension) == []


def test_without_a_stated_geocoding_the_municipalitys_ags_is_used(source):
    dataset = stored(source, 1)
    store = page()
    assert values(store, dataset.iri, "http://dcat-ap.de/def/dcatde/politicalGeocodingURI") == [
        "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/13003000"]
    assert values(store, dataset.iri, "http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI") == [
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"]


def test_an_iri_two_sources_share_is_kept_by_the_oldest_entry(source, town):
    other = Source.objects.create(slug="govdata", name="GovData", kind="dcat", url="https://govdata.example/cat.ttl",
                                  organisation=source.organisation, municipality=town)
    first = stored(source, 1)
    second = stored(other, 2, iri=first.iri)
    datasets = values(page(), None, "http://www.w3.org/ns/dcat#dataset")
    assert datasets == sorted([first.iri, republish._site() + f"/daten/datensaetze/{second.pk}/#datensatz"])
    assert violations() == []


# --- pages and views ------------------------------------------------------------------------------------------------

def test_an_empty_register_is_a_valid_catalogue_of_one_page(client):
    store = page()
    here = republish.page_url("ttl", 1)
    assert values(store, here, "http://www.w3.org/ns/hydra/core#totalItems") == ["0"]
    assert values(store, here, "http://www.w3.org/ns/hydra/core#next") == []
    assert violations() == []
    assert client.get("/daten/dcat/katalog.ttl?page=2").status_code == 404


def test_pages_link_first_previous_next_and_last(source, client, monkeypatch):
    monkeypatch.setattr(republish, "PAGE_SIZE", 2)
    made = [stored(source, number) for number in range(1, 6)]
    hydra = "http://www.w3.org/ns/hydra/core#"
    response = client.get("/daten/dcat/katalog.jsonld?page=2")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.JSON_LD)
    here = republish.page_url("jsonld", 2)
    assert [values(store, here, hydra + name) for name in ("first", "previous", "next", "last", "totalItems")] == [
        [republish.page_url("jsonld", 1)], [republish.page_url("jsonld", 1)], [republish.page_url("jsonld", 3)],
        [republish.page_url("jsonld", 3)], ["5"]]
    assert values(store, None, "http://www.w3.org/ns/dcat#dataset") == sorted(d.iri for d in made[2:4])
    assert client.get("/daten/dcat/katalog.jsonld?page=4").status_code == 404
    assert client.post("/daten/dcat/katalog.ttl").status_code == 405


def test_a_dataset_that_cannot_be_rebuilt_is_left_out_and_the_page_still_answers(source, client, monkeypatch):
    kept = stored(source, 1, f"""<https://portal.example.org/dataset/1> a dcat:Dataset ;
        dct:title "Wasser\\u000Bstände"@de ; dct:description "Pegel" ; dct:publisher [ foaf:name "Amt" ] ;
        dcat:distribution <https://portal.example.org/dataset/1/csv> .
        {DISTRIBUTION.format(iri="https://portal.example.org/dataset/1")}""")
    stored(source, 2)
    real = republish.DatasetBuilder.contact_points

    def breaks_for_the_second(builder):
        if builder.dataset.identifier == "ds-2":
            raise RuntimeError("unexpected")
        real(builder)

    monkeypatch.setattr(republish.DatasetBuilder, "contact_points", breaks_for_the_second)
    (omission,) = republish.not_republished()
    assert omission.identifier == "ds-2" and "RuntimeError" in omission.reasons[0].en
    response = client.get("/daten/dcat/katalog.rdf")
    assert response.status_code == 200
    assert dcat.validate_bytes("katalog.rdf", response.content).error is None  # well-formed XML despite U+000B
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.RDF_XML)
    assert values(store, kept.iri, "http://purl.org/dc/terms/title") == ["Wasserstände"]
