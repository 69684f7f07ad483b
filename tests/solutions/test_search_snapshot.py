"""The per-process facet snapshot: patched from the change log, rebuilt when the log cannot be trusted."""

import pytest
from django.db import connection

from lichtermeer.solutions import services
from lichtermeer.solutions.search import search
from lichtermeer.solutions.search import snapshot as snapshot_module

pytestmark = pytest.mark.django_db

SORTS = ("name", "newest", "updated", "release")


def current_snapshot():
    return snapshot_module._snapshots[connection.alias]


def contents(snapshot):
    def ids(bits):
        return {snapshot.ids[k] for k in range(snapshot.size) if bits >> k & 1}

    return {
        "statuses": {status: ids(bits) for status, bits in snapshot.statuses.items() if bits},
        "postings": {
            (f, v): ids(bits) for f, values in snapshot.postings.items() for v, bits in values.items() if bits
        },
        "orders": {sort: [snapshot.ids[k] for k in snapshot.order(sort).positions] for sort in SORTS},
    }


def test_it_patches_changes_made_through_services(make_solution):
    first = make_solution("Eins", domains=["mobility"], release_date="2024-05-01")
    second = make_solution("Zwei", domains=["energy"], status="draft")
    for sort in SORTS:
        search(sort=sort)
    snapshot = current_snapshot()

    make_solution("Drei", domains=["mobility", "energy"], release_date="2025-01-01")
    services.set_listing_status(solution=second, status="admitted")
    first.delete()
    result = search(sort="name")

    assert current_snapshot() is snapshot
    assert [s.name for s in result.items] == ["Drei", "Zwei"]
    assert dict(result.facets["domain"]) == {"energy": 2, "mobility": 1}
    fresh = snapshot_module.Snapshot(snapshot.database, None, None, [])
    assert contents(snapshot) == contents(fresh)


def test_it_rebuilds_when_the_entry_it_saw_last_is_gone(make_solution):
    make_solution("Eins")
    search()
    snapshot = current_snapshot()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM solutions_search_log")
    make_solution("Zwei")
    assert search().total == 2
    assert current_snapshot() is not snapshot


def test_it_rebuilds_after_many_changes(make_solution, monkeypatch):
    monkeypatch.setattr(snapshot_module, "MAX_PATCH", 1)
    make_solution("Eins")
    search()
    snapshot = current_snapshot()
    make_solution("Zwei")
    make_solution("Drei")
    assert search().total == 3
    assert current_snapshot() is not snapshot
