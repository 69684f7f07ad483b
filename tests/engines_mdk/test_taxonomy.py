"""The V4 taxonomy as shipped in data/mdk/: names, URIs, old labels mapped."""

import csv

from lichtermeer.engines.mdk.corpus import v3_examples, v4_examples
from lichtermeer.engines.mdk.taxonomy import (
    CONCORDANCE_CSV,
    TAXONOMY_CSV,
    URI_PREFIX,
    data_dir,
    read_csv,
)

BEBAUUNGSPLAN = URI_PREFIX + "raumplanung/bebauungsplan"


def test_it_loads_26_themen_and_242_musterdatensaetze(taxonomy):
    assert len(taxonomy.themen) == 26
    assert len(taxonomy.concepts) == 242
    assert "Sonstiges" in taxonomy.themen and "Raumplanung" in taxonomy.themen
    assert all(c.thema in taxonomy.themen for c in taxonomy.concepts.values())


def test_labels_are_those_of_the_taxonomy_workbook(taxonomy):
    rows = read_csv(data_dir() / TAXONOMY_CSV)
    thema, bezeichnung = rows[0].index("THEMA"), rows[0].index("BEZEICHNUNG")
    workbook = {(row[thema], row[bezeichnung]) for row in rows[1:]}
    assert {(c.thema, c.bezeichnung) for c in taxonomy.concepts.values()} == workbook


def test_uris_follow_the_musterdatenkatalog_pattern(taxonomy):
    concept = taxonomy.by_label("Raumplanung - Bebauungsplan")
    assert concept.uri == BEBAUUNGSPLAN
    assert concept.thema_uri == URI_PREFIX + "raumplanung"
    assert taxonomy.by_label("Kultur - religiöse Einrichtung").bezeichnung == "religiöse Einrichtung"
    assert taxonomy.concepts[URI_PREFIX + "bildung/bibliothek/budget"].bezeichnung == "Bibliothek - Budget"
    for concept in taxonomy.concepts.values():
        assert concept.uri.startswith(concept.thema_uri + "/")
        assert taxonomy.themen[concept.thema].uri == concept.thema_uri


def test_uri_lookup_tolerates_http_and_a_trailing_slash(taxonomy):
    assert taxonomy.concept("http://musterdatenkatalog.de/def/musterdatensatz/raumplanung/bebauungsplan/").uri \
        == BEBAUUNGSPLAN
    assert taxonomy.concept(URI_PREFIX + "raumplanung/gibtesnicht") is None


def test_matched_vocabulary_names_are_loaded(taxonomy):
    calendar = taxonomy.by_label("Abfallentsorgung - Abfallkalender")
    assert "Kalender" in calendar.terms and "N.A." not in calendar.terms
    assert "Abfallbeseitigung" in taxonomy.themen["Abfallentsorgung"].terms


def test_renamed_themen_map_to_their_v4_names(taxonomy):
    assert taxonomy.resolve("Raumordnung, Raumplanung und Raumentwicklung - Bebauungsplan").uri == BEBAUUNGSPLAN
    assert taxonomy.resolve("Raumordnung Raumplanung Raumentwicklung - Bebauungsplan ").uri == BEBAUUNGSPLAN
    umweltzone = taxonomy.resolve("Klima und Umweltschutz - Umweltzone")
    assert (umweltzone.thema, umweltzone.bezeichnung) == ("Klimaschutz und Umweltschutz", "Umweltzone")


def test_old_labels_map_through_the_mapper_and_the_concordance(taxonomy):
    assert taxonomy.resolve("Abfallentsorgung - Müllabfuhr").bezeichnung == "Abfallkalender"  # official mapper
    assert taxonomy.resolve("Bau - Bauzeichnung").uri == BEBAUUNGSPLAN  # curated V3 label
    draft = taxonomy.resolve("Verkehr - ÖPNV - Sollfahrdaten")  # a draft-V4 spelling in the labelled data
    assert draft.bezeichnung == "ÖPNV - Liniennetz Sollfahrdaten Echtzeitdaten"
    assert taxonomy.resolve("Bevölkerung - Arbeit") is None  # deliberately unmapped
    assert "bevölkerung - arbeit" in taxonomy.unmapped
    assert taxonomy.resolve("Wetter - Regenbogen") is None


def test_every_concordance_target_is_a_v4_label(taxonomy):
    with open(data_dir() / CONCORDANCE_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 300
    for row in rows:
        assert row["basis"] in {"alias", "v3", "unmapped"}
        assert bool(row["v4_label"]) == (row["basis"] != "unmapped"), row
        if row["v4_label"]:
            assert taxonomy.by_label(row["v4_label"]) is not None, row


def test_all_labelled_v4_datasets_and_most_v3_datasets_get_a_v4_concept(taxonomy):
    assert len(v4_examples(taxonomy)) == 440
    v3 = v3_examples(taxonomy)
    assert len(v3) == 3251
    assert all(e.uri in taxonomy.concepts for e in v3)
