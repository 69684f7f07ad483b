"""sh:datatype as pySHACL decides it (on rdflib literals), for the datatypes a profile may use.

pySHACL accepts a literal when its datatype is the required one and rdflib did not flag it as ill-typed; rdflib
flags a literal when its converter to a Python value fails (and, for the bounded integer types, when the value is
out of range). The converters are mirrored here; a profile that needs another datatype is refused when loaded
(`SUPPORTED`), so an unknown datatype can never pass unnoticed.
"""

from __future__ import annotations

import binascii
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from .terms import RDF_LANGSTRING, RDFS, XSD, XSD_STRING, Lit

RDFS_LITERAL = RDFS + "Literal"

# rdflib.xsd_datetime.ISO8601_PERIOD_REGEX, verbatim.
_DURATION = re.compile(
    r"^(?P<sign>[+-])?"
    r"P(?!\b)"
    r"(?P<years>[0-9]+([,.][0-9]+)?Y)?"
    r"(?P<months>[0-9]+([,.][0-9]+)?M)?"
    r"(?P<weeks>[0-9]+([,.][0-9]+)?W)?"
    r"(?P<days>[0-9]+([,.][0-9]+)?D)?"
    r"((?P<separator>T)(?P<hours>[0-9]+([,.][0-9]+)?H)?"
    r"(?P<minutes>[0-9]+([,.][0-9]+)?M)?"
    r"(?P<seconds>[0-9]+([,.][0-9]+)?S)?)?$"
)
_INTEGER_RANGES = {
    "integer": (None, None), "long": (None, None), "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1), "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1), "byte": (-128, 127), "unsignedLong": (0, None),
    "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}


def _integer(kind: str):
    low, high = _INTEGER_RANGES[kind]

    def check(lexical: str) -> bool:
        try:
            value = int(lexical)
        except ValueError:
            return False
        if kind in ("int", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte", "unsignedLong") \
                and not lexical:
            return False
        return (low is None or value >= low) and (high is None or value <= high)

    return check


def _decimal(lexical: str) -> bool:
    try:
        Decimal(lexical)
    except (InvalidOperation, ValueError):
        return False
    return True


def _floating(lexical: str) -> bool:
    try:
        float(lexical)
    except ValueError:
        return False
    return True


def _hex_binary(lexical: str) -> bool:
    try:
        binascii.unhexlify(lexical.encode())
    except (binascii.Error, ValueError, UnicodeError):
        return False
    return True


def _duration(lexical: str) -> bool:
    if _DURATION.match(lexical):
        return True
    if lexical.startswith("P"):  # rdflib's "alternative format": P followed by a date-time
        try:
            dt.datetime.fromisoformat(lexical[1:])
        except ValueError:
            return False
        return True
    return False


def _boolean(lexical: str) -> bool:
    return lexical in ("true", "false", "1", "0")


def _any(_lexical: str) -> bool:
    return True


SUPPORTED = {
    XSD + "decimal": _decimal,
    XSD + "float": _floating,
    XSD + "double": _floating,
    XSD + "boolean": _boolean,
    XSD + "hexBinary": _hex_binary,
    XSD + "duration": _duration,
    XSD + "dayTimeDuration": _duration,
    XSD + "yearMonthDuration": _duration,
    XSD + "anyURI": _any,
    XSD_STRING: _any,
    **{XSD + kind: _integer(kind) for kind in _INTEGER_RANGES},
}


def matches(value, datatype: str) -> bool:
    """Does the value node satisfy `sh:datatype datatype` (pySHACL 0.40 semantics)?"""
    if type(value) is not Lit:
        return False
    if value.language:
        return datatype in (RDF_LANGSTRING, RDFS_LITERAL)
    if value.datatype == datatype:
        return SUPPORTED.get(datatype, _any)(value.lexical)
    return datatype == RDFS_LITERAL
