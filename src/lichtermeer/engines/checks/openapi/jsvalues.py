"""JavaScript value semantics the Spectral ruleset relies on, for Python data read from JSON or YAML.

Spectral is a JavaScript program: its messages print values with `String(value)` and
`JSON.stringify`, its filters test truthiness the JavaScript way (an empty list is true, 0 is
false), objects list integer-like keys first, and columns are counted in UTF-16 code units. The
linter reproduces Spectral's output byte for byte, so these rules are spelled out here once.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any


class _Missing:
    """JavaScript's `undefined`: a property that is not there (distinct from JSON null = None)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

# Regular expressions run on document strings up to this length. JavaScript and Python regex engines
# backtrack, so a rule pattern such as `.+\\/$` costs quadratic time on one huge key; a longer string is
# refused (the linter reports the document as too large) instead of blocking a worker for hours.
MAX_MATCH_LENGTH = 20_000


class ValueTooLong(Exception):
    pass


def matchable(text: str) -> str:
    if len(text) > MAX_MATCH_LENGTH:
        raise ValueTooLong
    return text

def is_array_index(key: str) -> bool:
    """An "integer-like" key that JavaScript orders before all other keys of an object."""
    return (key[:1].isdigit() and key.isascii() and key.isdigit() and (key == "0" or key[0] != "0")
            and len(key) <= 10 and int(key) < 2**32 - 1)


def js_keys(obj: dict) -> list[str]:
    """`Object.keys(obj)`: integer-like keys ascending, then the others in insertion order."""
    keys = list(obj)
    numeric = [k for k in keys if k[:1].isdigit() and is_array_index(k)]
    if not numeric:
        return keys
    return sorted(numeric, key=int) + [k for k in keys if not is_array_index(k)]


def js_truthy(value: Any) -> bool:
    if value is MISSING or value is None or value is False:
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return value != 0 and not (isinstance(value, float) and math.isnan(value))
    if isinstance(value, str):
        return value != ""
    return True  # objects and arrays, even empty ones


def is_object(value: Any) -> bool:
    """lodash `isObject` on JSON data: objects and arrays."""
    return isinstance(value, (dict, list))


def number_text(value: float | int) -> str:
    """`String(number)` as JavaScript prints it (1.0 -> "1", 1e21 -> "1e+21")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) <= 2**53:
            return str(value)
        value = float(value)  # JavaScript numbers are doubles
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    # Shortest round-trip digits (Python and JavaScript agree on them), laid out the JavaScript way.
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction.rstrip("0")).lstrip("0") or "0"
    point = len(whole.lstrip("0")) if whole.strip("0") else -(len(fraction) - len(fraction.lstrip("0")))
    point += int(exponent or 0)  # the decimal point sits after `point` digits
    if -6 < point <= 21:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return sign + digits + "0" * (point - len(digits))
        return f"{sign}{digits[:point]}.{digits[point:]}"
    exp = point - 1
    rest = f".{digits[1:]}" if len(digits) > 1 else ""
    return f"{sign}{digits[0]}{rest}e{'+' if exp > 0 else '-'}{abs(exp)}"


def js_string(value: Any) -> str:
    """`String(value)`."""
    if value is MISSING:
        return "undefined"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ",".join("" if item is None or item is MISSING else js_string(item) for item in value)
    return "[object Object]"


def json_stringify(value: Any) -> str:
    """`JSON.stringify(value)` without indentation (non-ASCII stays as it is)."""
    if value is MISSING:
        return "undefined"
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, list):
        return "[" + ",".join("null" if item is MISSING else json_stringify(item) for item in value) + "]"
    if isinstance(value, dict):
        parts = [json.dumps(key, ensure_ascii=False) + ":" + json_stringify(value[key])
                 for key in js_keys(value) if value[key] is not MISSING]
        return "{" + ",".join(parts) + "}"
    return json.dumps(value, ensure_ascii=False)


def print_value(value: Any) -> str:
    """Spectral's `printValue`: JSON for scalars, a type name for objects and arrays."""
    if value is MISSING:
        return "undefined"
    if isinstance(value, list):
        return "Array[]"
    if isinstance(value, dict):
        return "Object{}"
    return json_stringify(value)


def utf16_len(text: str) -> int:
    """`text.length` in JavaScript: characters outside the BMP count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def js_get(value: Any, key: str) -> Any:
    """`value[key]` for JSON data (arrays and strings know their `length`)."""
    if isinstance(value, dict):
        return value.get(key, MISSING)
    if isinstance(value, list):
        if key == "length":
            return len(value)
        if is_array_index(key) and int(key) < len(value):
            return value[int(key)]
        return MISSING
    if isinstance(value, str) and key == "length":
        return utf16_len(value)
    return MISSING


def js_in(key: str, container: Any) -> bool:
    """`key in container` for own properties of JSON data."""
    if isinstance(container, dict):
        return key in container
    if isinstance(container, list):
        return key == "length" or (is_array_index(key) and int(key) < len(container))
    return False


def lodash_get(value: Any, path: list[str] | tuple[str, ...]) -> Any:
    for segment in path:
        if value is None or value is MISSING:
            return MISSING
        value = js_get(value, segment)
    return value


_JS_NUMBER = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_JS_RADIX = re.compile(r"0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+")
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000\ufeff"


def js_number(text: str) -> float:
    """`Number(text)`: NaN when the text is not a number."""
    text = text.strip(_JS_SPACE)
    if text == "":
        return 0.0
    if _JS_RADIX.fullmatch(text):
        return float(int(text, 0))
    if _JS_NUMBER.fullmatch(text):
        return float(text.replace("Infinity", "inf"))
    return math.nan


def to_number(value: Any) -> float:
    if value is MISSING:
        return math.nan
    if value is None or value is False:
        return 0.0
    if value is True:
        return 1.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return js_number(value)
    if isinstance(value, list):
        return js_number(js_string(value)) if len(value) <= 1 else math.nan
    return math.nan


def parse_int_prefix(text: str) -> float:
    """`Number.parseInt(text)`: the leading decimal integer, NaN when there is none."""
    match = re.match(r"[+-]?[0-9]+", text.strip(_JS_SPACE))
    return float(int(match.group())) if match else math.nan


def encode_uri_component(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="-_.!~*'()")


def has_js_whitespace(text: str) -> bool:
    return any(char in _JS_SPACE for char in text)


# --- localeCompare, as ICU's root collation orders the strings Spectral sorts by ----------------

# UCA/CLDR root order of ASCII: punctuation and symbols, then digits, then letters (case second).
_ASCII_ORDER = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
_RANK = {char: index for index, char in enumerate(_ASCII_ORDER)}


def _primary(char: str) -> tuple[int, int]:
    if char in _RANK:
        return (0, _RANK[char])
    lower = char.lower()
    if "a" <= lower <= "z":
        return (1, ord(lower))
    if char.isspace():
        return (-1, ord(char))
    return (2, ord(lower))


def collation_key(text: str, numeric: bool = False) -> tuple:
    """A sort key approximating `String.prototype.localeCompare` (ICU root collation)."""
    primary: list[tuple] = []
    tertiary: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if numeric and char.isdigit() and char.isascii():
            end = index
            while end < len(text) and text[end].isdigit() and text[end].isascii():
                end += 1
            primary.append((0, len(_ASCII_ORDER), int(text[index:end])))
            index = end
            continue
        primary.append((*_primary(char), 0))
        tertiary.append(1 if char.isupper() else 0)
        index += 1
    return (tuple(primary), tuple(tertiary))
