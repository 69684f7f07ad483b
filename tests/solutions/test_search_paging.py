"""Sorting and pagination, including out-of-range and malformed values."""

import datetime as dt

import pytest

from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.search import MAX_PER_PAGE, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(make_solution):
    first = make_solution("Zebra", short="Radweg", release_date="2024-01-01")
    second = make_solution("ärzte-Portal", short="Radweg und Radweg", release_date="2025-06-01")
    third = make_solution("Mond", short="Radweg")
    Solution.objects.filter(pk=first.pk).update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    Solution.objects.filter(pk=second.pk).update(created_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    third.save()  # newest update; also tells the search its cached orders are stale
    return first, second, third


def order(**kwargs):
    return [s.name for s in search(**kwargs).items]


def test_it_sorts_by_name_ignoring_case_and_umlauts(trio):
    assert order(sort="name") == ["ärzte-Portal", "Mond", "Zebra"]
    assert order(query="Radweg ", sort="name") == ["ärzte-Portal", "Mond", "Zebra"]


def test_it_sorts_by_newest_and_by_last_update(trio):
    assert order(sort="newest") == ["Mond", "ärzte-Portal", "Zebra"]
    assert order(sort="updated")[0] == "Mond"


def test_it_sorts_by_release_date_with_undated_last(trio):
    assert order(sort="release") == ["ärzte-Portal", "Zebra", "Mond"]


def test_it_lists_by_name_for_relevance_without_words(trio):
    assert order() == ["ärzte-Portal", "Mond", "Zebra"]
    assert order(sort="nonsense") == ["ärzte-Portal", "Mond", "Zebra"]


def test_it_pages_through_the_results(make_solution):
    for number in range(7):
        make_solution(f"Lösung {number}", short="Fahrplan")
    pages = [search(query="Fahrplan ", sort="name", page=p, per_page=3) for p in (1, 2, 3)]
    assert [r.pages for r in pages] == [3, 3, 3]
    assert [len(r.items) for r in pages] == [3, 3, 1]
    assert len({s.pk for r in pages for s in r.items}) == 7
    assert pages[0].has_next and not pages[0].has_previous
    assert pages[2].has_previous and not pages[2].has_next


@pytest.mark.parametrize("page, expected", [(0, 1), (-5, 1), ("abc", 1), (None, 1), (99, 2), (10**30, 2)])
def test_it_clamps_the_page_number(make_solution, page, expected):
    for number in range(3):
        make_solution(f"Eintrag {number}")
    result = search(page=page, per_page=2)
    assert result.page == expected
    assert result.items


@pytest.mark.parametrize("per_page, expected", [(0, 1), (-1, 1), (10_000, MAX_PER_PAGE), ("x", 20)])
def test_it_bounds_the_page_size(make_solution, per_page, expected):
    make_solution("Eintrag")
    assert search(per_page=per_page).per_page == expected


def test_it_pages_through_ranked_tiers_without_gaps_or_repeats(make_solution, monkeypatch):
    from lichtermeer.solutions.search import sqlite

    monkeypatch.setattr(sqlite, "RANK_ALL_BELOW", 0)  # rank name/short-description matches first
    make_solution("Hinten", long="Wahlergebnisse live")
    make_solution("Wahlergebnisse", short="Zählen")
    make_solution("Mitte", short="Wahlergebnisse schnell")
    make_solution("Auch hinten", features=["Wahlergebnisse exportieren"])
    pages = [search(query="Wahlergebnisse ", page=p, per_page=1).items[0].name for p in (1, 2, 3, 4)]
    assert pages[:2] == ["Wahlergebnisse", "Mitte"]
    assert sorted(pages[2:]) == ["Auch hinten", "Hinten"]


def test_it_sorts_a_few_matches_among_many_solutions(make_solution):
    for number in range(18):
        make_solution(f"Füller {number}", short="Nichts Besonderes")
    make_solution("Zeder", short="Baumkataster")
    make_solution("Ahorn", short="Baumkataster")
    assert order(query="Baumkataster ", sort="name") == ["Ahorn", "Zeder"]
    assert order(query="Baumkataster ", sort="newest") == ["Ahorn", "Zeder"]
    assert order(query="Baumkataster ", sort="name", page=2, per_page=1) == ["Zeder"]
