"""Labels for the publiccode.yml `categories` vocabulary (solutions/categories.py)."""

import pytest
from django.utils import translation

from factories import SolutionFactory
from lichtermeer.engines.publiccode.vocab import CATEGORIES
from lichtermeer.solutions import selectors
from lichtermeer.solutions.categories import CATEGORY_LABELS, category_label
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.services import refresh_facets


def _listed(*categories):
    solution = SolutionFactory(listing_status=Solution.ListingStatus.ADMITTED)
    solution.publiccode = {**solution.publiccode, "categories": list(categories)}
    solution.save()
    refresh_facets(solution)
    return solution


def test_it_labels_every_engine_category():
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


def test_it_has_readable_english_labels():
    with translation.override("en"):
        assert category_label("digital-citizenship") == "Digital citizenship"
        assert category_label("it-security") == "IT security"


@pytest.mark.parametrize(
    ("value", "german"),
    [
        ("accounting", "Buchhaltung"),
        ("digital-citizenship", "Digitale Bürgerbeteiligung"),
        ("e-signature", "Elektronische Signatur"),
        ("other", "Sonstiges"),
    ],
)
def test_it_translates_a_sample_into_german(value, german):
    with translation.override("de"):
        assert category_label(value) == german
        assert category_label(value) != value


# Loanwords that German uses unchanged.
SAME_IN_GERMAN = {"blog", "cad", "gamification", "marketing"}


def test_it_has_a_german_label_for_every_category():
    def labels(language):
        with translation.override(language):
            return {value: category_label(value) for value in CATEGORIES}

    english, german = labels("en"), labels("de")
    assert sorted(v for v in CATEGORIES if german[v] == english[v]) == sorted(SAME_IN_GERMAN)


def test_it_falls_back_to_the_raw_value_for_an_unknown_category():
    assert category_label("no-such-category") == "no-such-category"


@pytest.mark.django_db
def test_the_facet_labels_use_the_category_labels():
    _listed("digital-citizenship", "no-such-category")
    labels = selectors.facet_labels()["category"]
    with translation.override("de"):
        assert str(labels["digital-citizenship"]) == "Digitale Bürgerbeteiligung"
    assert labels["no-such-category"] == "no-such-category"


@pytest.mark.django_db
def test_the_german_search_page_shows_the_german_category_label(client):
    _listed("digital-citizenship")
    html = client.get("/solutions/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Digitale Bürgerbeteiligung" in html
    assert ">digital citizenship<" not in html


@pytest.mark.django_db
def test_the_api_labels_categories_in_the_requested_language(client):
    _listed("e-signature")
    body = client.get("/api/v1/search", HTTP_ACCEPT_LANGUAGE="de").json()
    assert {"value": "e-signature", "label": "Elektronische Signatur", "count": 1} in body["facets"]["category"]
