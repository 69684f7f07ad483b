"""Building plain Python values from YAML nodes, with the semantics parser-go gets from goccy/go-yaml.

* YAML 1.2 core schema for plain scalars (`yes`/`no`/`on`/`off` are strings).
* A scalar decoded into a string field is converted the way goccy does it (`1.10` -> "1.1");
  the document keeps the file's text, the validators see goccy's text (`ScalarText.go`).
* Only the *first* decoding error is reported. A field whose value fails to decode is
  left out, and so is every container around it up to the top-level key (goccy only
  assigns a nested value when all of it decoded); other top-level keys still decode.
* Unknown keys are errors, but only for a mapping that had no other decoding error.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import messages, urls
from .schema import Bool, Kind, ListOf, MapOf, Str, Struct, Url, UrlOrList
from .yamlnodes import PLAIN_TAG, position

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_CORE = "tag:yaml.org,2002:"


class ScalarText(str):
    """A decoded string. `go` is the text parser-go works with after goccy's conversion."""

    go: str


@dataclass(frozen=True)
class DecodeError:
    text: messages.Text
    line: int  # 0 = no position (parser-go's generic errors)
    key_line: bool = True  # the key is looked up from the line (type and unknown-field errors)


class _Failure(Exception):
    def __init__(self, error: DecodeError):
        super().__init__(error.text.en)
        self.error = error


def scalar_value(node: ScalarNode) -> tuple[str, Any]:
    """(kind, value) of a scalar under the YAML 1.2 core schema: null, bool, int, float or str."""
    text, tag = node.value, node.tag
    if tag == PLAIN_TAG:
        if text in _NULL:
            return "null", None
        if text in _BOOL:
            return "bool", _BOOL[text]
        if _INT.fullmatch(text):
            return "int", _parse_int(text)
        if _FLOAT.fullmatch(text) or _INF.fullmatch(text) or _NAN.fullmatch(text):
            return "float", _parse_float(text)
        return "str", text
    if tag == f"{_CORE}null":
        return "null", None
    if tag == f"{_CORE}bool" and text in _BOOL:
        return "bool", _BOOL[text]
    if tag == f"{_CORE}int" and _INT.fullmatch(text):
        return "int", _parse_int(text)
    if tag == f"{_CORE}float" and (_FLOAT.fullmatch(text) or _INF.fullmatch(text) or _NAN.fullmatch(text)):
        return "float", _parse_float(text)
    return "str", text  # quoted, !!str or an application tag: the text as written


def _parse_int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _parse_float(text: str) -> float:
    inf = _INF.fullmatch(text)
    if inf:
        return -math.inf if inf.group(1) == "-" else math.inf
    return math.nan if _NAN.fullmatch(text) else float(text)


def go_float_text(value: float) -> str:
    """fmt.Sprint(float64): shortest digits, exponent form below 1e-4 and from 1e21 on."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    mantissa = "".join(map(str, digits))
    point = len(mantissa) + exponent  # position of the decimal point within the digits
    prefix = "-" if sign else ""
    if point - 1 < -4 or point - 1 >= 21:
        tail = f".{mantissa[1:]}" if len(mantissa) > 1 else ""
        scientific = point - 1
        return f"{prefix}{mantissa[0]}{tail}e{'-' if scientific < 0 else '+'}{abs(scientific):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{mantissa}"
    if point >= len(mantissa):
        return f"{prefix}{mantissa}{'0' * (point - len(mantissa))}"
    return f"{prefix}{mantissa[:point]}.{mantissa[point:]}"


def _go_text(kind: str, value: Any, source: str) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(value)
    if kind == "float":
        return go_float_text(value)
    return source


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and scalar_value(node)[0] == "null"


def decode_document(root: MappingNode, schema: Struct) -> tuple[dict, DecodeError | None]:
    """The top level keeps every key that decoded; the first error (if any) comes back too."""
    return _decode_struct(root, schema)


def _type_error(node: Node) -> _Failure:
    return _Failure(DecodeError(messages.wrong_type(), position(node)[0]))


def _decode(node: Node, kind: Kind) -> Any:
    """The value of a non-null node for `kind`; raises _Failure on the first problem."""
    if isinstance(kind, Struct):
        value, error = _decode_struct(node, kind)
        if error:
            raise _Failure(error)
        return value
    if isinstance(kind, (Str, Url)):
        text = _decode_text(node)
        if isinstance(kind, Url):
            reason = urls.parse_error(text.go)
            if reason:
                # Not a type error in goccy: parser-go reports it with no key and no position.
                problem = messages.url_parse_error(urls.go_quote(text.go), reason)
                raise _Failure(DecodeError(problem, 0, key_line=False))
        return text
    if isinstance(kind, Bool):
        if isinstance(node, ScalarNode):
            scalar_kind, value = scalar_value(node)
            if scalar_kind == "bool":
                return value
        raise _type_error(node)
    if isinstance(kind, ListOf):
        return _decode_list(node, kind.item)
    if isinstance(kind, MapOf):
        return _decode_map(node, kind.item)
    if isinstance(kind, UrlOrList):
        try:
            return _decode_list(node, Url())
        except _Failure:
            # Like UrlOrUrlArray.UnmarshalYAML: fall back to a single URL, report its error.
            return [_decode(node, Url())]
    raise TypeError(f"unknown schema kind {kind!r}")  # programming error


def _decode_text(node: Node) -> ScalarText:
    if not isinstance(node, ScalarNode):
        raise _type_error(node)
    scalar_kind, value = scalar_value(node)
    text = ScalarText("" if scalar_kind == "null" else node.value)
    text.go = "" if scalar_kind == "null" else _go_text(scalar_kind, value, node.value)
    return text


def _zero(kind: Kind) -> Any:
    """What goccy stores for a null list item: "" for strings, nil URLs, empty structs."""
    if isinstance(kind, Str):
        return _decode_text(ScalarNode(PLAIN_TAG, ""))
    if isinstance(kind, Struct):
        return {}
    return None


def _decode_list(node: Node, item: Kind) -> list:
    if not isinstance(node, SequenceNode):
        raise _type_error(node)
    values, first = [], None
    for entry in node.value:
        try:
            values.append(_zero(item) if is_null(entry) else _decode(entry, item))
        except _Failure as failure:
            first = first or failure
    if first:
        raise first
    return values


def _decode_map(node: Node, item: Kind) -> dict:
    if not isinstance(node, MappingNode):
        raise _type_error(node)
    values, first = {}, None
    for key, value in node.value:
        try:
            name = str(_decode_text(key))
            values[name] = _zero(item) if is_null(value) else _decode(value, item)
        except _Failure as failure:
            first = first or failure
    if first:
        raise first
    return values


def _decode_struct(node: Node, struct: Struct) -> tuple[dict, DecodeError | None]:
    if not isinstance(node, MappingNode):
        return {}, _type_error(node).error
    by_name = {key.value: value for key, value in node.value if isinstance(key, ScalarNode)}
    values: dict[str, Any] = {}
    first: DecodeError | None = None
    for field in struct.fields:
        if field.name not in by_name:
            continue
        value_node = by_name[field.name]
        if is_null(value_node):
            continue  # null is Go's zero value: the same as leaving the key out
        try:
            values[field.name] = _decode(value_node, field.kind)
        except _Failure as failure:
            first = first or failure.error
    if first:
        return values, first
    for key, _ in node.value:
        if not isinstance(key, ScalarNode) or struct.field(key.value) is None:
            label = key.value if isinstance(key, ScalarNode) else "?"
            return values, DecodeError(messages.unknown_field(label), position(key)[0])
    return values, None


def plain(value: Any) -> Any:
    """The document as plain Python: str instead of ScalarText, recursively."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
