"""What the API accepts (bytes, paths, pyoxigraph stores, parsed graphs) and how it refuses hostile input."""

import json

import pyoxigraph as ox
import pytest

from lichtermeer.engines.dcat.parse import MAX_BYTES, parse_file
from lichtermeer.engines.mqa import InputError, load, score, score_all

from .conftest import DATA, FULL, FULL_DATASET, reachable

ROSTOCK = DATA / "rostock-catalog-dataset-extracted.rdf"
ROSTOCK_DATASET = "https://www.opendata-hro.de/dataset/305d5bb9-28cb-496f-ad29-09838c5dcdbc"
BLANK_DATASET = b"""@prefix dcat: <http://www.w3.org/ns/dcat#> .
[] a dcat:Dataset ; dcat:keyword "anonym" ; dcat:distribution [ dcat:downloadURL <https://ex.org/f.csv> ] ."""


def test_bytes_paths_pairs_graphs_and_documents_give_the_same_score():
    expected = score(ROSTOCK, ROSTOCK_DATASET).total
    data = ROSTOCK.read_bytes()
    assert score(data, ROSTOCK_DATASET, name="rostock.rdf").total == expected
    assert score(data, ROSTOCK_DATASET).total == expected  # no name: the syntax is sniffed (<?xml …)
    assert score(("rostock.rdf", data), ROSTOCK_DATASET).total == expected
    assert score(parse_file(ROSTOCK).graph, ROSTOCK_DATASET).total == expected  # built without the SHACL indexes
    document = load(ROSTOCK)
    assert score(document, ROSTOCK_DATASET).total == expected
    assert score(document, ox.NamedNode(ROSTOCK_DATASET)).source == "rostock-catalog-dataset-extracted.rdf"


def test_a_pyoxigraph_store_with_a_blank_node_dataset_is_scored():
    store = ox.Store()
    store.load(BLANK_DATASET, format=ox.RdfFormat.TURTLE)
    dataset = next(store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/dcat#keyword"), None)).subject
    assert isinstance(dataset, ox.BlankNode)
    result = score(store, dataset, reachability=reachable, compliance=False)
    # F1 30; the one distribution: A2 20, A3 30; nothing else.
    assert result.total == 80 and result.dataset.startswith("_:b")
    assert score(store, result.dataset, reachability=reachable, compliance=False).total == 80  # by its label


def test_a_file_with_one_dataset_needs_no_dataset_argument_but_one_with_several_does():
    assert score(FULL).dataset == FULL_DATASET
    with pytest.raises(InputError) as refused:
        score(DATA / "catalog-endpoint.rdf")
    assert refused.value.text.en == ("catalog-endpoint.rdf: name the dataset to score: the file has 6 dcat:Dataset "
                                     "resources")


def test_a_dataset_that_is_not_in_the_file_is_refused():
    with pytest.raises(InputError) as refused:
        score(FULL, "http://example.org/mqa/nope")
    assert refused.value.text.de == "full.ttl: <http://example.org/mqa/nope> wird in der Datei nicht beschrieben"


def test_broken_turtle_is_refused_with_file_line_and_column():
    # The official DCAT-AP.de 3.0 example DataService.ttl lacks the "." after a @prefix line.
    with pytest.raises(InputError) as refused:
        score_all(DATA / "DataService.ttl")
    assert refused.value.text.en.startswith("DataService.ttl:13:1: Turtle syntax error:")
    assert refused.value.text.de.startswith("DataService.ttl:13:1: Turtle-Syntaxfehler:")


def test_xml_entity_expansion_is_refused_before_parsing():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://x/"/></rdf:RDF>"""
    with pytest.raises(InputError) as refused:
        score_all(bomb, name="bomb.rdf")
    assert "XML entity declarations" in refused.value.text.en and refused.value.text.en.startswith("bomb.rdf:1:")


def test_oversized_input_and_remote_json_ld_contexts_are_refused():
    with pytest.raises(InputError, match="file too large"):
        score_all(b" " * (MAX_BYTES + 1), name="huge.ttl")
    with pytest.raises(InputError, match="remote @context"):
        score_all(json.dumps({"@context": "https://example.org/context.jsonld", "@id": "x"}).encode(), name="a.jsonld")


def test_a_missing_file_an_unknown_source_type_and_an_unknown_rule_are_refused(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        score_all(tmp_path / "missing.ttl")
    with pytest.raises(InputError) as refused:
        score_all(42)
    assert refused.value.text.en.startswith("cannot score a int")
    with pytest.raises(InputError, match="unknown distribution rule 'mean'"):
        score(FULL, rule="mean")


def test_a_file_without_datasets_scores_nothing():
    assert score_all(b"<http://x/a> <http://x/b> <http://x/c> .", name="plain.nt") == []


def test_invalid_iris_are_accepted_leniently_and_reported():
    document = load(DATA / "catalog-endpoint.rdf")
    assert "1 invalid IRI(s) accepted leniently" in document.warnings[0].en


def test_a_score_is_plain_json_with_english_and_german_texts():
    result = score(ROSTOCK, ROSTOCK_DATASET)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["band_label"] == {"en": "Good", "de": "Gut"}
    assert data["dimensions"]["findability"] == {"points": 80, "maximum": 100,
                                                 "label": {"en": "Findability", "de": "Auffindbarkeit"}}
    a1 = next(i for i in data["indicators"] if i["id"] == "A1")
    assert {k: a1[k] for k in ("dimension", "points", "maximum", "met", "status")} == {
        "dimension": "accessibility", "points": 0, "maximum": 50, "met": None, "status": "not_checked"}
    assert a1["label"] == {"en": "AccessURL accessibility", "de": "Erreichbarkeit der Zugangs-URL"}
    assert (data["unchecked"], data["upper_bound"]) == (["A1", "A3"], 308.57)
