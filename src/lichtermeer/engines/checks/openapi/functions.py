"""Spectral's core rule functions (truthy, pattern, or, casing, schema) for Python data.

Each function takes the target value, its options and a context and returns a list of
`FnResult` (message, optional path relative to the document) or None, like Spectral's. Messages
use Spectral's template syntax (`#{{print("value")}}`) and are filled in by the linter.

`schema` runs the small JSON Schemas of the ruleset with Ajv's behaviour (no `allErrors`: the
first failing keyword ends the validation; keywords in Ajv's order) and words the errors as
Spectral's better-ajv-errors does. It supports exactly the keywords these schemas use.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

from .jsvalues import MISSING, js_keys, js_truthy, matchable, print_value


@dataclass(frozen=True)
class FnResult:
    message: str
    path: tuple | None = None  # None: the target's path


@dataclass(frozen=True)
class FnContext:
    path: tuple  # given path + field path
    formats: frozenset[str]  # detected document formats ("oas3", "oas3_0", ...)


# --- truthy, pattern, or, casing -------------------------------------------------------------

def truthy(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    if not js_truthy(value):
        return [FnResult('#{{print("property")}}must be truthy')]
    return None


_REGEXP_LITERAL = re.compile(r"^/(.+)/([a-z]*)$", re.S)
_FLAGS = {"i": re.I, "m": re.M, "s": re.S}
_cache: dict[str, re.Pattern] = {}


def js_regex(pattern: str) -> re.Pattern:
    """A ruleset pattern ("^x" or "/x/i") as Python regex with JavaScript's ASCII \\d and \\w."""
    if pattern not in _cache:
        literal = _REGEXP_LITERAL.match(pattern)
        source, flags = (literal.group(1), literal.group(2)) if literal else (pattern, "")
        value = re.ASCII
        for flag in flags:
            value |= _FLAGS.get(flag, 0)
        _cache[pattern] = re.compile(source if "m" in flags else end_anchor(source), value)
    return _cache[pattern]


def end_anchor(source: str) -> str:
    """JavaScript's `$` matches only at the very end; Python's also before a final newline: use `\\Z`."""
    out, index, in_class = [], 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            out.append(source[index:index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append("\\Z" if char == "$" and not in_class else char)
        index += 1
    return "".join(out)


def pattern(value: Any, options: dict, context: FnContext) -> list[FnResult] | None:
    if not isinstance(value, str):
        return None  # Spectral skips input that is not a string
    results = []
    matchable(value)
    if "match" in options and not js_regex(options["match"]).search(value):
        results.append(FnResult(f'#{{{{print("value")}}}} must match the pattern {print_value(options["match"])}'))
    if "notMatch" in options and js_regex(options["notMatch"]).search(value):
        results.append(FnResult(f'#{{{{print("value")}}}} must not match the pattern '
                                f'{print_value(options["notMatch"])}'))
    return results or None


def or_(value: Any, options: dict, context: FnContext) -> list[FnResult] | None:
    properties = options["properties"]
    if not isinstance(value, dict) or len(properties) < 2:
        return None
    if any(key in properties for key in value):
        return []
    if len(properties) > 4:
        rest = f"{len(properties) - 3} other properties must be defined"
        return [FnResult('At least one of "' + '" or "'.join(properties[:3]) + '" or ' + rest)]
    return [FnResult('At least one of "' + '" or "'.join(properties) + '" must be defined')]


_CASES = {
    "flat": "[a-z][a-z{D}]*",
    "camel": "[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "pascal": "[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "kebab": "[a-z][a-z{D}]*(?:-[a-z{D}]+)*",
    "cobol": "[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*",
    "snake": "[a-z][a-z{D}]*(?:_[a-z{D}]+)*",
    "macro": "[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*",
}


def casing(value: Any, options: dict, context: FnContext) -> list[FnResult] | None:
    if not isinstance(value, str) or value == "":
        return None
    separator = options.get("separator")
    if separator and len(value) == 1 and separator.get("allowLeading") and value == separator.get("char"):
        return None
    digits = not options.get("disallowDigits")
    base = _CASES[options["type"]].replace("{D}", "0-9" if digits else "")
    if separator is None or separator.get("char", "") == "":
        # An empty separator class `[]` never matches in JavaScript: only the base pattern remains.
        if options["type"] in ("camel", "pascal") and digits:
            valid = _camel_like(matchable(value), upper_first=options["type"] == "pascal")
        else:
            valid = re.match(end_anchor(f"^{base}$"), matchable(value)) is not None
    else:
        sep = f"[{re.escape(separator['char'])}]"
        leading = f"{sep}?" if separator.get("allowLeading") else ""
        valid = re.match(end_anchor(f"^{leading}{base}(?:{sep}{base})*$"), matchable(value)) is not None
    return None if valid else [FnResult(f"must be {options['type']} case")]


def _camel_like(value: str, upper_first: bool) -> bool:
    """The camel/pascal pattern with digits, decided in one pass: the pattern itself backtracks
    exponentially on a long run of digits followed by a bad character (it means: ASCII letters and
    digits, the right case first, and no capital directly followed by another capital - except a
    pascal name's first two letters and a capital at the very end)."""
    if not value.isascii() or not value.isalnum():
        return False
    if not (value[0].isupper() if upper_first else value[0].islower()):
        return False
    return not any(value[index].isupper() and value[index + 1].isupper() for index in range(1, len(value) - 1))


# --- schema ----------------------------------------------------------------------------------

@dataclass
class AjvError:
    path: tuple[str, ...]  # instance path
    keyword: str
    message: str
    params: dict


class _Stop(Exception):
    pass


def _type_of(value: Any) -> set[str]:
    if value is None:
        return {"null"}
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"number"}
    if isinstance(value, str):
        return {"string"}
    if isinstance(value, list):
        return {"array"}
    return {"object"}


class MiniAjv:
    """Ajv (draft 7, allErrors off) for the keywords type, required, properties, anyOf, items, minItems."""

    def __init__(self) -> None:
        self.errors: list[AjvError] = []

    def validate(self, schema: dict, value: Any) -> list[AjvError]:
        self.errors = []
        with contextlib.suppress(_Stop):  # the first error outside anyOf ends the validation
            self._check(schema, value, (), composite=False)
        return self.errors

    def _error(self, path: tuple, keyword: str, message: str, params: dict, composite: bool) -> None:
        self.errors.append(AjvError(path, keyword, message, params))
        if not composite:
            raise _Stop

    def _check(self, schema: dict, value: Any, path: tuple, composite: bool) -> bool:
        before = len(self.errors)
        # The group without a type (anyOf) comes first in Ajv's rule order.
        if "anyOf" in schema:
            mark = len(self.errors)
            for branch in schema["anyOf"]:
                if self._check(branch, value, path, composite=True):
                    del self.errors[mark:]
                    break
            else:
                self._error(path, "anyOf", "must match a schema in anyOf", {}, composite)
        if len(self.errors) > before:
            return False
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not _type_of(value) & set(types):
                self._error(path, "type", f"must be {','.join(types)}", {"type": schema["type"]}, composite)
                return False
        if isinstance(value, list):
            if "minItems" in schema and len(value) < schema["minItems"]:
                self._error(path, "minItems", f"must NOT have fewer than {schema['minItems']} items",
                            {"limit": schema["minItems"]}, composite)
            if "items" in schema and isinstance(schema["items"], dict):
                for index, item in enumerate(value):
                    if not self._check(schema["items"], item, (*path, str(index)), composite):
                        break
        if len(self.errors) > before:
            return False
        if isinstance(value, dict):
            for name in schema.get("required", ()):
                if name not in value:
                    self._error(path, "required", f"must have required property '{name}'",
                                {"missingProperty": name}, composite)
                    break
            for name, subschema in schema.get("properties", {}).items():
                if name in value and not self._check(subschema, value[name], (*path, name), composite):
                    break
        return len(self.errors) == before


_POINTER_PARTS = re.compile(r"/[\w_-]+(/\d+)?", re.ASCII)


def better_ajv_errors(errors: list[AjvError], given_path: tuple) -> list[tuple[str, tuple]]:
    """(message, relative path) per reported error, the way Spectral's better-ajv-errors words and
    filters them: a `required` error hides its siblings, `anyOf` defers to the branches' errors."""
    tree: dict = {"children": {}, "errors": []}
    for error in errors:
        pointer = "".join("/" + part for part in error.path)
        # better-ajv-errors splits the pointer with a regex; a pointer it cannot split is dropped.
        parts = [""] if pointer == "" else [match.group() for match in _POINTER_PARTS.finditer(pointer)]
        node = tree
        for index, part in enumerate(parts):
            node = node["children"].setdefault(part, {"children": {}, "errors": []})
            if index == len(parts) - 1:
                node["errors"].append(error)

    def prune(node: dict) -> None:
        for error in list(node["errors"]):
            if error.keyword == "required":
                node["errors"], node["children"] = [error], {}
        if any(error.keyword == "anyOf" for error in node["errors"]) and node["children"]:
            node["errors"] = []
        for child in list(node["children"].values()):
            prune(child)

    prune(tree)
    output: list[tuple[str, tuple]] = []

    def emit(node: dict) -> None:
        for error in node["errors"]:
            output.append((_word(error, given_path), error.path))
        for child in node["children"].values():
            emit(child)

    emit(tree)
    return output


def _word(error: AjvError, given_path: tuple) -> str:
    name = error.path[-1] if error.path else (str(given_path[-1]) if given_path else None)
    message = error.message.replace("'", '"').replace("NOT", "not")
    if error.keyword == "type":
        return f'"{name}" property type {error.message}' if name is not None else f"Value type {error.message}"
    subject = f'"{name}" property' if name is not None else "Value"
    return f"{subject} {message}"


def schema(value: Any, options: dict, context: FnContext) -> list[FnResult] | None:
    if value is MISSING:
        return [FnResult('#{{print("property")}}must exist', context.path)]
    errors = MiniAjv().validate(options["schema"], value)
    if not errors:
        return []
    return [FnResult(message, (*context.path, *relative))
            for message, relative in better_ajv_errors(errors, context.path)]


def object_keys(value: Any) -> list[str]:
    return js_keys(value) if isinstance(value, dict) else [str(index) for index in range(len(value))]
