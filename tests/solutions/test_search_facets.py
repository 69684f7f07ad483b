"""Facet counts over the result set, filters AND across facets and OR within, public only."""

import pytest

from lichtermeer.solutions.facets import FACETS
from lichtermeer.solutions.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_solution):
    make_solution("Parken A", short="Parkplätze finden", domains=["mobility"], hosting=["saas"])
    make_solution("Parken B", short="Parkplätze buchen", domains=["mobility", "energy"],
                  hosting=["on-premises"], license_open=False)
    make_solution("Klima C", short="Klimadaten", domains=["environment"], hosting=["saas"])
    make_solution("Parken Entwurf", short="Parkplätze", domains=["mobility"], status="draft")


def names(result):
    return sorted(s.name for s in result.items)


def test_it_counts_facets_over_the_result_set(catalogue):
    result = search(query="Parkplätze ")
    assert result.total == 2
    assert result.facets["domain"] == [("mobility", 2), ("energy", 1)]
    assert result.facets["license"] == [("open", 1), ("proprietary", 1)]
    assert set(result.facets) == set(FACETS)


def test_it_counts_everything_public_without_a_query(catalogue):
    result = search()
    assert result.total == 3
    assert result.facets["hosting"] == [("saas", 2), ("on-premises", 1)]
    assert result.facets["listing_status"] == [("admitted", 3)]


def test_it_sorts_counts_by_count_then_value(make_solution):
    for domains in (["tourism"], ["culture"], ["culture", "tourism", "health"], ["health"], ["health"]):
        make_solution("S", domains=domains)
    assert search().facets["domain"] == [("health", 3), ("culture", 2), ("tourism", 2)]


def test_it_combines_values_of_one_facet_with_or(catalogue):
    result = search(filters={"domain": ["energy", "environment"]})
    assert names(result) == ["Klima C", "Parken B"]


def test_it_combines_facets_with_and(catalogue):
    result = search(filters={"domain": ["mobility"], "hosting": ["saas"]})
    assert names(result) == ["Parken A"]


def test_it_counts_a_filtered_facet_without_its_own_filter(catalogue):
    result = search(filters={"domain": ["energy"]})
    assert names(result) == ["Parken B"]
    # Other domains stay visible with what choosing them as well would add (disjunctive facets).
    assert dict(result.facets["domain"]) == {"mobility": 2, "energy": 1, "environment": 1}
    assert result.facets["hosting"] == [("on-premises", 1)]


def test_it_ignores_unknown_facets_and_bad_values(catalogue):
    result = search(filters={"colour": ["red"], "domain": "mobility", "hosting": [1, None, "saas"]})
    assert result.filters == {"domain": ["mobility"], "hosting": ["saas"]}
    assert names(result) == ["Parken A"]


def test_it_finds_nothing_for_an_unknown_value(catalogue):
    result = search(filters={"domain": ["atlantis"]})
    assert result.total == 0
    assert result.items == []
    assert result.pages == 1


def test_it_includes_drafts_only_when_asked(catalogue):
    assert search(query="Parkplätze ").total == 2
    everything = search(query="Parkplätze ", public_only=False)
    assert everything.total == 3
    assert dict(everything.facets["listing_status"]) == {"admitted": 2, "draft": 1}
