"""The per-process facet snapshot: bitmaps (one Python int per facet value and listing status, one bit per
solution) and the catalogue's sort orders, so that facets, filters, the public restriction and sorting cost
popcounts and list walks instead of GROUP BY queries. It is patched from the change log that index.py writes,
and rebuilt when that log cannot be trusted."""

from __future__ import annotations

import bisect
import threading
from collections import deque
from functools import partial
from itertools import repeat
from operator import is_not

from django.db import connection

from ..facets import FACETS
from ..models import Solution
from .text import fold

# How far back a snapshot re-reads the change log, and how many changed solutions it patches in at most.
LOG_OVERLAP = 20
MAX_PATCH = 200

_BITS_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_is_known = partial(is_not, None)


def bitmap_of(positions, size: int) -> int:
    """A Python int with bit k set for each position k; C-level loops only (100,000 positions in ~5 ms)."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags[::-1].translate(_BITS_AS_DIGITS) or b"0", 2)


class Members:
    """Fast membership tests on a bitmap (shifting a big int per test would copy it every time)."""

    def __init__(self, bitmap: int):
        self.bytes = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")

    def __contains__(self, i: int) -> bool:
        return (i >> 3) < len(self.bytes) and bool(self.bytes[i >> 3] >> (i & 7) & 1)


_ROW_COLUMNS = ("id", "listing_status", "name", "created_at", "updated_at", "release_date")
_ORDER_KEYS = {  # each key ends with the solution id
    # Names compared folded, so "Ärzte-Portal" stands among the A's on both engines, whatever the collation.
    "name": lambda r: (fold(r[2]), r[0]),
    "newest": lambda r: (-r[3].timestamp(), -r[0], r[0]),
    "updated": lambda r: (-r[4].timestamp(), -r[0], r[0]),
    "release": lambda r: (0, -r[5].toordinal(), fold(r[2]), r[0]) if r[5] else (1, 0, fold(r[2]), r[0]),
}


class Order:
    """One sort order of the whole catalogue, kept sorted under single-solution changes (bisect)."""

    def __init__(self, sort: str, rows, dense: dict[int, int]):
        self.key = _ORDER_KEYS[sort]
        # Ids the snapshot does not know yet arrive with their log entry, through update().
        self.key_of = {row[0]: self.key(row) for row in rows if row[0] in dense}
        self.keys = sorted(self.key_of.values())
        self.positions = [dense[key[-1]] for key in self.keys]  # dense positions, aligned with keys

    def update(self, solution_id: int, row, dense: dict[int, int]) -> None:
        old = self.key_of.pop(solution_id, None)
        if old is not None:
            index = bisect.bisect_left(self.keys, old)
            del self.keys[index], self.positions[index]
        if row is not None and solution_id in dense:
            self.key_of[solution_id] = new = self.key(row)
            index = bisect.bisect_left(self.keys, new)
            self.keys.insert(index, new)
            self.positions.insert(index, dense[solution_id])

    def sort(self, positions, ids: list[int]) -> list[int]:
        """These dense positions in this order."""
        key_of = self.key_of
        return sorted(positions, key=lambda k: (0, key_of[ids[k]]) if ids[k] in key_of else (1,))


class Snapshot:
    """Bitmaps over dense positions (0..n-1 in id order at build time, later ids appended).

    A full build reads one narrow indexed query per listing status and per facet value (plain integers are
    several times cheaper to fetch than (facet, value, id) rows); afterwards, the solutions named in the change
    log are patched in, a few milliseconds each instead of a rebuild.
    """

    def __init__(self, database: str, seq, token, fingerprint):
        self.database, self.seq, self.token, self.fingerprint = database, seq, token, fingerprint
        self.orders: dict[str, Order] = {}
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM solutions_solution ORDER BY id")
            self.ids = [row[0] for row in cursor.fetchall()]
            self.size = len(self.ids)
            self.dense = dict(zip(self.ids, range(self.size), strict=True))
            cursor.execute("SELECT DISTINCT listing_status FROM solutions_solution")
            self.statuses: dict[str, int] = {}
            for (status,) in cursor.fetchall():
                cursor.execute("SELECT id FROM solutions_solution WHERE listing_status = %s", [status])
                self.statuses[status] = self.bitmap(row[0] for row in cursor.fetchall())
            cursor.execute("SELECT DISTINCT facet, value FROM solutions_solutionfacet")
            self.postings: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
            for facet, value in cursor.fetchall():
                cursor.execute(
                    "SELECT solution_id FROM solutions_solutionfacet WHERE facet = %s AND value = %s", [facet, value]
                )
                self.postings.setdefault(facet, {})[value] = self.bitmap(row[0] for row in cursor.fetchall())

    def to_dense(self, ids) -> list[int]:
        """Dense positions of those ids that the snapshot knows, in the given order."""
        return list(filter(_is_known, map(self.dense.get, ids)))

    def bitmap(self, ids) -> int:
        return bitmap_of(self.to_dense(ids), self.size)

    def universe(self, public_only: bool) -> int:
        bitmap = 0
        for status, bits in self.statuses.items():
            if not public_only or status in Solution.PUBLIC_STATUSES:
                bitmap |= bits
        return bitmap

    def order(self, sort: str) -> Order:
        if sort not in self.orders:
            rows = Solution.objects.order_by().values_list(*_ROW_COLUMNS)
            self.orders[sort] = Order(sort, rows, self.dense)
        return self.orders[sort]

    def patch(self, solution_ids: set[int]) -> None:
        """Bring these solutions up to date: status, facets, place in every loaded order (gone if deleted)."""
        rows = {r[0]: r for r in Solution.objects.filter(id__in=solution_ids).order_by().values_list(*_ROW_COLUMNS)}
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(solution_ids))
            cursor.execute(
                "SELECT solution_id, facet, value FROM solutions_solutionfacet "  # noqa: S608
                f"WHERE solution_id IN ({marks})",
                list(solution_ids),
            )
            facet_rows = cursor.fetchall()
        mask = 0
        for sid in sorted(solution_ids):
            if sid not in self.dense and sid in rows:
                self.dense[sid] = self.size
                self.ids.append(sid)
                self.size += 1
            if sid in self.dense:
                mask |= 1 << self.dense[sid]
        keep = ~mask
        self.statuses = {status: bits & keep for status, bits in self.statuses.items()}
        self.postings = {f: {v: bits & keep for v, bits in values.items()} for f, values in self.postings.items()}
        for sid, row in rows.items():
            self.statuses[row[1]] = self.statuses.get(row[1], 0) | 1 << self.dense[sid]
        for sid, facet, value in facet_rows:
            if sid in rows:
                values = self.postings.setdefault(facet, {})
                values[value] = values.get(value, 0) | 1 << self.dense[sid]
        for order in self.orders.values():
            for sid in solution_ids:
                order.update(sid, rows.get(sid), self.dense)


_snapshots: dict[str, Snapshot] = {}
_snapshot_lock = threading.Lock()


def load() -> Snapshot:
    """This process's snapshot, brought up to date: patched from the change log, or rebuilt when that cannot
    be trusted (a change that bypassed index_solution, a log entry rolled back or pruned, many changes)."""
    database = str(connection.settings_dict["NAME"])
    with _snapshot_lock:
        current = _snapshots.get(connection.alias)
        current = _refresh(current) if current is not None and current.database == database else None
        if current is None:
            with connection.cursor() as cursor:
                # Read before the data: a change racing with the build is patched in again later, harmlessly.
                cursor.execute(
                    "SELECT (SELECT MAX(id) FROM solutions_solution), (SELECT MAX(updated_at) FROM solutions_solution)"
                )
                fingerprint = list(cursor.fetchone())
                cursor.execute("SELECT seq, token FROM solutions_search_log ORDER BY seq DESC LIMIT 1")
                seq, token = cursor.fetchone() or (None, None)
            current = Snapshot(database, seq, token, fingerprint)
            _snapshots[connection.alias] = current
        return current


def _refresh(current: Snapshot) -> Snapshot | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT MAX(seq) FROM solutions_search_log), "
            "(SELECT token FROM solutions_search_log WHERE seq = %s), "
            "(SELECT MAX(id) FROM solutions_solution), (SELECT MAX(updated_at) FROM solutions_solution)",
            [-1 if current.seq is None else current.seq],
        )
        seq, token, *fingerprint = cursor.fetchone()
        if current.seq is not None and token != current.token:
            return None  # the entry this snapshot saw last was rolled back or pruned
        if seq == current.seq:
            # Same log, different table: a change that bypassed index_solution (a plain ORM save).
            return current if fingerprint == current.fingerprint else None
        # Entries just below the last seen may commit late (PostgreSQL sequences): patching twice is harmless.
        cursor.execute(
            "SELECT seq, solution_id, token FROM solutions_search_log WHERE seq > %s ORDER BY seq",
            [(current.seq or 0) - LOG_OVERLAP],
        )
        log = cursor.fetchall()
    changed = {row[1] for row in log}
    if not log or len(changed) > MAX_PATCH:
        return None
    current.patch(changed)
    current.seq, current.token, current.fingerprint = log[-1][0], log[-1][2], fingerprint
    return current
