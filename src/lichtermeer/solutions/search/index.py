"""Keeping the text index in step with the catalogue, inside the caller's transaction, and telling every
process's facet snapshot what changed through the change log `solutions_search_log`."""

from __future__ import annotations

import uuid

from django.db import connection, transaction

from ..models import Solution
from .backends import for_vendor
from .text import document_fields

# How many change log entries stay (see snapshot.py for how far back a snapshot reads).
LOG_KEEP = 1000


def _log_change(cursor, solution_id: int) -> None:
    """Tell every process's facet snapshot that this solution changed (see snapshot.load)."""
    # The random token tells a logged change from one that was rolled back and whose seq came round again.
    cursor.execute(
        "INSERT INTO solutions_search_log (solution_id, token) VALUES (%s, %s)", [solution_id, uuid.uuid4().hex]
    )
    cursor.execute(
        "DELETE FROM solutions_search_log WHERE seq < (SELECT MAX(seq) FROM solutions_search_log) - %s", [LOG_KEEP]
    )


def index_solution(solution) -> None:
    """(Re)index one solution inside the caller's transaction: it commits or rolls back with the save."""
    if solution.pk is None:
        return
    fields = document_fields(solution)
    with connection.cursor() as cursor:
        for_vendor(connection.vendor).write_rows(cursor, [(solution.pk, fields)])
        _log_change(cursor, solution.pk)


def remove_solution(solution_id: int) -> None:
    sql = for_vendor(connection.vendor).DELETE_ROW
    with connection.cursor() as cursor:
        cursor.execute(sql, [solution_id])
        _log_change(cursor, solution_id)


def rebuild_index(*, batch_size: int = 500, solutions=None, connection_=None) -> int:
    """Index every solution afresh. A migration passes its historical queryset and its connection."""
    conn = connection_ or connection
    engine = for_vendor(conn.vendor)
    queryset = Solution.objects.all() if solutions is None else solutions
    queryset = queryset.using(conn.alias).select_related("organisation")
    queryset = queryset.only("id", "name", "publiccode", "organisation__name")
    count = 0
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute("DELETE FROM solutions_search")
        batch = []
        for solution in queryset.order_by("id").iterator(chunk_size=batch_size):
            fields = document_fields(solution)
            batch.append((solution.pk, fields))
            if len(batch) >= batch_size:
                engine.write_rows(cursor, batch)
                count, batch = count + len(batch), []
        if batch:
            engine.write_rows(cursor, batch)
            count += len(batch)
        engine.finish_rebuild(cursor)
    return count
