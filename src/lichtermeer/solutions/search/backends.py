"""The text engine of a database connection. Each engine module offers the same few names:
text_matches(terms, ranked), write_rows(cursor, rows), DELETE_ROW and finish_rebuild(cursor)."""

from __future__ import annotations

from types import ModuleType

from . import postgres, sqlite


def for_vendor(vendor: str) -> ModuleType:
    return postgres if vendor == "postgresql" else sqlite
