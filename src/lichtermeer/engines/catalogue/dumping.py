"""Canonical output: keys in schema order, requirements sorted by id, UTF-8 unescaped, dates as strings.

YAML: block style, no aliases, multi-line texts as literal blocks, long lines folded at spaces.
A string is quoted whenever a YAML 1.2 core reader (ours) or a YAML 1.1 reader (PyYAML's
`safe_load`) would take it for something else (`no`, `0o17`, `null`); dates stay unquoted.
JSON: two-space indentation; characters a YAML reader would refuse or turn into line breaks
are \\u-escaped, so the JSON output is also valid input for `load`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from lichtermeer.engines.publiccode.decoder import scalar_value
from lichtermeer.engines.publiccode.yamlnodes import PLAIN_TAG

from .schema import APPLIES_TO_KEYS, REFERENCE_KEYS, REQUIREMENT_KEYS, TEXT_KEYS, TOP_LEVEL_KEYS

_TEXTS = frozenset({"title", "description", "changelog", "statement", "rationale"})
_CORE_TAGS = {"null": "tag:yaml.org,2002:null", "bool": "tag:yaml.org,2002:bool",
              "int": "tag:yaml.org,2002:int", "float": "tag:yaml.org,2002:float"}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
# PyYAML writes these raw but reads them back as line breaks (or drops them): double-quote (escape) them.
_UNSAFE_RAW = frozenset("\r\x85\u2028\u2029\ufeff")
# Characters PyYAML's reader refuses in a stream, plus the ones it reads as line breaks or drops.
_JSON_ESCAPE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _ordered(mapping: dict, order: tuple[str, ...]) -> dict:
    return {k: mapping[k] for k in [*[k for k in order if k in mapping], *[k for k in mapping if k not in order]]}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _requirement(requirement: Any) -> Any:
    if not isinstance(requirement, dict):
        return requirement
    result = _ordered(requirement, REQUIREMENT_KEYS)
    for key, value in result.items():
        if key in _TEXTS and isinstance(value, dict):
            result[key] = _ordered(value, TEXT_KEYS)
        elif key == "applies_to" and isinstance(value, dict):
            result[key] = _ordered(value, APPLIES_TO_KEYS)
        elif key == "references" and isinstance(value, list):
            result[key] = [_ordered(r, REFERENCE_KEYS) if isinstance(r, dict) else r for r in value]
    return result


def _sort_key(requirement: Any) -> tuple[int, str]:
    if isinstance(requirement, dict) and isinstance(requirement.get("id"), str):
        return 0, requirement["id"]
    return 1, ""


def canonical_requirement(requirement: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of one requirement in canonical key order."""
    return _requirement(_copy(requirement))


def canonical(document: dict[str, Any]) -> dict[str, Any]:
    """A deep copy in canonical order (also of invalid documents, as far as they have the shape)."""
    result = _ordered(_copy(document), TOP_LEVEL_KEYS)
    for key, value in result.items():
        if key in _TEXTS and isinstance(value, dict):
            result[key] = _ordered(value, TEXT_KEYS)
        elif key == "requirements" and isinstance(value, list):
            result[key] = sorted((_requirement(r) for r in value), key=_sort_key)
    return result


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # "key:\n  - item", not indentless lists

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            core = scalar_value(ScalarNode(PLAIN_TAG, value))[0]
            if core != "str":
                return _CORE_TAGS[core]
            tag = super().resolve(kind, value, implicit)
            return _STR if tag == _TIMESTAMP else tag
        return super().resolve(kind, value, implicit)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = '"' if _UNSAFE_RAW.intersection(value) else ("|" if "\n" in value else None)
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(document: dict[str, Any]) -> str:
    return yaml.dump(canonical(document), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100, indent=2)


def dump_json(document: dict[str, Any]) -> str:
    text = json.dumps(canonical(document), ensure_ascii=False, indent=2)
    return _JSON_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
