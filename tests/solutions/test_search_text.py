"""Full-text matching: German stemming, phrases, exclusion, type-ahead. Same expectations on both engines."""

import pytest

from factories import OrganisationFactory
from lichtermeer.solutions.search import search

pytestmark = pytest.mark.django_db


def names(query, **kwargs):
    return {s.name for s in search(query=query, **kwargs).items}


def test_it_finds_the_plural_by_the_singular_and_back(make_solution):
    make_solution("Mitmachen", short="Digitale Beteiligungen für alle Generationen")
    make_solution("Rathausfunk", short="Eine Beteiligung der Bürgerschaft am Haushalt")
    assert names("Beteiligung ") == {"Mitmachen", "Rathausfunk"}
    assert names("Beteiligungen ") == {"Mitmachen", "Rathausfunk"}
    assert names("Haushalte ") == {"Rathausfunk"}


def test_it_treats_sharp_s_and_umlaut_spellings_alike(make_solution):
    make_solution("Baustellenkarte", short="Alle Straßen mit Sperrungen")
    make_solution("Mitwirkung", short="Bürgerbeteiligung für die Stadtplanung")
    assert names("Strasse ") == {"Baustellenkarte"}
    assert names("strassen ") == {"Baustellenkarte"}
    assert names("Buergerbeteiligung ") == {"Mitwirkung"}
    assert names("BÜRGERBETEILIGUNG ") == {"Mitwirkung"}


def test_it_requires_every_word(make_solution):
    make_solution("Parkleitsystem", short="Freie Parkplätze in Echtzeit")
    make_solution("Ladekarte", short="Ladesäulen in Echtzeit")
    assert names("Echtzeit ") == {"Parkleitsystem", "Ladekarte"}
    assert names("Echtzeit Parkplatz ") == {"Parkleitsystem"}


def test_it_matches_a_quoted_phrase_only_in_order(make_solution):
    make_solution("Datenportal", short="Offene Daten der Stadt veröffentlichen")
    make_solution("Datensafe", short="Daten bleiben sicher, der Quellcode ist offene Software")
    assert names('"offene Daten"') == {"Datenportal"}
    assert names("offene Daten ") == {"Datenportal", "Datensafe"}


def test_it_excludes_words_and_phrases_with_a_minus(make_solution):
    make_solution("Verkehrsradar", short="Verkehr und Lärm messen")
    make_solution("Lärmkarte", short="Lärm kartieren")
    assert names("Lärm -Verkehr") == {"Lärmkarte"}
    assert names('Lärm -"Verkehr und"') == {"Lärmkarte"}
    assert names("-Verkehr") == {"Lärmkarte"}


def test_it_completes_the_last_word_while_typing(make_solution):
    make_solution("Beteiligungsportal", short="Online mitreden")
    make_solution("Verkehrsplanung Plus", short="Planen mit Daten")
    assert names("Beteili") == {"Beteiligungsportal"}
    assert names("beteiligungsp") == {"Beteiligungsportal"}
    assert names("Daten Verkehrspl") == {"Verkehrsplanung Plus"}
    # A finished word (followed by a space) is not a prefix any more.
    assert names("Beteili ") == set()


def test_it_searches_english_descriptions_features_and_long_text(make_solution):
    make_solution("Fixer", short="Report potholes to your council", language="en")
    make_solution("Sensorik", short="Messwerte", features=["Luftqualität in Echtzeit"])
    make_solution("Archiv", short="Ablage", long="Langfristige Aufbewahrung von Ratsprotokollen")
    assert names("potholes ") == {"Fixer"}
    assert names("Luftqualität ") == {"Sensorik"}
    assert names("Ratsprotokoll ") == {"Archiv"}


def test_it_finds_solutions_by_organisation_name(make_solution):
    organisation = OrganisationFactory(name="Zweckverband Kommunale Datenverarbeitung Oldenburg")
    make_solution("Terminvergabe", organisation=organisation)
    make_solution("Fundbüro")
    assert names("Oldenburg ") == {"Terminvergabe"}


def test_it_ranks_a_name_match_above_a_description_match(make_solution):
    make_solution("Allgemeine Plattform", long="Nebenbei auch ein Klimadashboard für die Verwaltung")
    make_solution("Klimadashboard", short="Kennzahlen")
    result = search(query="Klimadashboard ")
    assert [s.name for s in result.items] == ["Klimadashboard", "Allgemeine Plattform"]


def test_it_returns_items_with_their_organisation(make_solution, django_assert_max_num_queries):
    make_solution("Eins", short="Wasserstand")
    result = search(query="Wasserstand ")
    with django_assert_max_num_queries(0):
        assert result.items[0].organisation.name
