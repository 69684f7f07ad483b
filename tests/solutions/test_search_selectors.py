"""Page reads in selectors.py."""

import pytest
from django.utils import translation

from factories import OrganisationFactory
from lichtermeer.solutions import selectors
from lichtermeer.solutions.facets import FACETS

pytestmark = pytest.mark.django_db


def test_it_delegates_search_to_the_search_module(make_solution):
    make_solution("Wahlhelfer", short="Wahllokale finden", domains=["administration"])
    result = selectors.search_solutions(query="Wahllokal ", filters={"domain": ["administration"]})
    assert [s.name for s in result.items] == ["Wahlhelfer"]
    assert result.facets["domain"] == [("administration", 1)]


def test_it_reads_a_solution_by_slug(make_solution):
    draft = make_solution("Entwurf", status="draft")
    assert selectors.solution_detail(draft.slug) == draft
    assert selectors.solution_detail(draft.slug, public_only=True) is None
    assert selectors.solution_detail("no-such-slug") is None


def test_it_reads_an_organisation_with_its_public_solutions(make_solution):
    organisation = OrganisationFactory()
    make_solution("Zweite", organisation=organisation)
    make_solution("Erste", organisation=organisation)
    make_solution("Geheim", organisation=organisation, status="draft")
    page = selectors.organisation_detail(organisation.slug)
    assert page.organisation == organisation
    assert [s.name for s in page.solutions] == ["Erste", "Zweite"]
    assert len(selectors.organisation_detail(organisation.slug, public_only=False).solutions) == 3
    assert selectors.organisation_detail("nobody") is None


def test_it_lists_the_latest_public_solutions(make_solution):
    make_solution("Alt")
    make_solution("Versteckt", status="draft")
    make_solution("Neu")
    assert [s.name for s in selectors.latest_solutions(5)] == ["Neu", "Alt"]
    assert len(selectors.latest_solutions(1)) == 1


def test_it_labels_facet_values(make_solution):
    make_solution("Kategorisiert", categories=["data-collection"])
    labels = selectors.facet_labels()
    assert set(labels) == set(FACETS)
    with translation.override("de"):
        assert str(labels["category"]["data-collection"]) == "Datenerhebung"
        assert str(labels["domain"]["mobility"]) == "Mobilität"
    with translation.override("en"):
        assert str(labels["license"]["open"]) == "Open source"
        assert str(labels["listing_status"]["admitted"]) == "Admitted"
