"""The index follows the catalogue: saves, renames, status changes, deletion, rebuilds."""

import pytest
from django.db import connection

from lichtermeer.solutions import services
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.search import rebuild_index, search

pytestmark = pytest.mark.django_db


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM solutions_search")
        return cursor.fetchone()[0]


def test_it_indexes_a_solution_when_services_save_it(make_solution):
    before = index_rows()
    make_solution("Ampelschaltung", short="Grüne Welle")
    assert index_rows() == before + 1
    assert search(query="Ampelschaltung ").total == 1


def test_it_reindexes_a_changed_solution(make_solution):
    solution = make_solution("Altname", short="Wetterdaten")
    solution.name = "Neuname"
    solution.save()
    services.refresh_facets(solution)
    assert search(query="Neuname ").total == 1
    assert search(query="Altname ").total == 0


def test_it_follows_a_listing_status_change(make_solution):
    solution = make_solution("Statuswechsel", short="Kita-Plätze")
    services.set_listing_status(solution=solution, status=Solution.ListingStatus.DRAFT)
    assert search(query="Kita ").total == 0
    assert search(query="Kita ", public_only=False).total == 1


def test_it_notices_a_plain_orm_save(make_solution):
    solution = make_solution("Direktschreiber", short="Friedhofsverwaltung")
    assert search(query="Friedhofsverwaltung ").total == 1
    solution.listing_status = Solution.ListingStatus.DRAFT
    solution.save()
    assert search(query="Friedhofsverwaltung ").total == 0


def test_it_removes_a_deleted_solution_from_the_index(make_solution):
    keep = make_solution("Bleibt", short="Hundesteuer")
    gone = make_solution("Geht", short="Hundesteuer")
    rows = index_rows()
    gone.delete()
    assert index_rows() == rows - 1
    result = search(query="Hundesteuer ")
    assert [s.pk for s in result.items] == [keep.pk]
    assert result.facets["listing_status"] == [("admitted", 1)]


def test_it_rebuilds_the_whole_index(make_solution):
    make_solution("Wiederaufbau", short="Sperrmüll")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM solutions_search")
    assert search(query="Sperrmüll ").total == 0
    assert rebuild_index() == Solution.objects.count()
    assert search(query="Sperrmüll ").total == 1


def test_it_reindexes_solutions_when_their_organisation_is_renamed(make_solution):
    solution = make_solution("Grünflächenamt digital", short="Pflegepläne")
    organisation = solution.organisation
    organisation.name = "Stadtbetrieb Kiel"
    organisation.save()
    assert [s.pk for s in search(query="Kiel ").items] == [solution.pk]
