"""A canonical comparison key for validation results, shared by our engine and the pySHACL reference.

Two results are "the same" when focus node, path, constraint component, severity, source shape and value agree.
Blank nodes carry no identity across two parses, so every blank node is written `_:` (a blank focus node matches
a blank focus node). Literals are written in N-Triples syntax; rdflib (under pySHACL) rewrites the lexical form
of some typed literals to a canonical one (`2022-02-14T13:45:00.000Z` → `2022-02-14T13:45:00+00:00`, hex digits
in lower case), so typed literals of those datatypes are compared by value, not by spelling.

Results are compared as multisets: the same key may occur several times (for example two blank agents that both
lack a name), and the counts must agree.
"""

from __future__ import annotations

import binascii
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from .terms import XSD, BNode, Lit, Term

Key = tuple[str, str, str, str, str, str]


def _by_value(lexical: str, datatype: str) -> str | None:
    """The value behind a typed literal's spelling, or None when it does not parse (then the spelling counts)."""
    text = lexical.strip()
    try:
        if datatype == XSD + "dateTime":
            return dt.datetime.fromisoformat(text).isoformat()
        if datatype == XSD + "date":
            return dt.date.fromisoformat(text).isoformat()
        if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
            return str(Decimal(text).normalize())
        if datatype.startswith(XSD) and datatype.endswith(("integer", "Integer", "int", "long", "short", "byte")):
            return str(int(text))
        if datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(text, text)
        if datatype == XSD + "hexBinary":
            return binascii.unhexlify(text).hex()
    except (ValueError, InvalidOperation, binascii.Error):
        return None
    return None


def canonical_term(term: Term | None) -> str:
    if term is None:
        return ""
    if type(term) is BNode:
        return "_:"
    if type(term) is Lit:
        value = _by_value(term.lexical, term.datatype)
        if value is not None:
            return f'"{value}"^^<{term.datatype}>'
        return term.n3()
    return str(term)


def result_key(focus: Term, path: str, component: str, severity: str, shape: Term, value: Term | None) -> Key:
    """Paths are already canonical strings (they never contain blank nodes, see `paths.render`)."""
    return (canonical_term(focus), path, component, severity, canonical_term(shape), canonical_term(value))


def as_multiset(keys: Iterable[Key]) -> Counter:
    return Counter(keys)


def differences(ours: Iterable[Key], reference: Iterable[Key], limit: int = 10) -> list[str]:
    """Readable lines for what only one side reports (empty when both agree)."""
    mine, theirs = as_multiset(ours), as_multiset(reference)
    lines = [f"only ours ×{n}: {key}" for key, n in (mine - theirs).items()]
    lines += [f"only pySHACL ×{n}: {key}" for key, n in (theirs - mine).items()]
    return lines[:limit]
