"""The JSON-Schema based rules of `spectral:oas`: example validation (oas3-valid-media-example,
oas3-valid-schema-example) and the document schema (oas3-schema), plus the structural part of
`openapi.valid`.

Spectral validates with Ajv; this uses `jsonschema` and words errors the way Spectral does (the
error Ajv reports first, Ajv's messages, better-ajv-errors' phrasing). Imported on first use only:
`jsonschema` takes a second or two to import.
"""

from __future__ import annotations

import base64
import copy
import ipaddress
import itertools
import json
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import referencing.exceptions
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from .functions import FnContext, FnResult
from .jsvalues import MAX_MATCH_LENGTH, MISSING, js_keys, json_stringify

# --- oas3-valid-media-example / oas3-valid-schema-example ----------------------------------------

def _check_date(text: str) -> bool:
    match = re.fullmatch(r"(\d\d\d\d)-(\d\d)-(\d\d)", text)
    if not match:
        return False
    year, month, day = (int(part) for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# ajv-formats 2.1 as Spectral pins it: its "date-time" and "time" accept a missing time zone.
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?", re.I)


def _check_time(text: str) -> bool:
    match = _TIME.fullmatch(text)
    if not match:
        return False
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3))
    return (hour <= 23 and minute <= 59 and second <= 59) or (hour == 23 and minute == 59 and second == 60)


def _check_date_time(text: str) -> bool:
    parts = re.split(r"t|\s", text, flags=re.I)
    return len(parts) == 2 and _check_date(parts[0]) and _check_time(parts[1])


def _check_ip(version: int):
    def check(text: str) -> bool:
        try:
            return ipaddress.ip_address(text).version == version
        except ValueError:
            return False
    return check


def _check_regex(text: str) -> bool:
    try:
        re.compile(text)
    except re.error:
        return False
    return True


def _check_byte(text: str) -> bool:
    try:
        base64.b64decode(text, validate=True)
    except ValueError:
        return False
    return len(text) % 4 == 0


_FORMATS = {
    "date": _check_date,
    "time": _check_time,
    "date-time": _check_date_time,
    "email": lambda text: re.fullmatch(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9]"
                                       r"(?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", text, re.I)
    is not None,
    "hostname": lambda text: re.fullmatch(r"(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9]"
                                          r"(?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?", text, re.I) is not None,
    "ipv4": _check_ip(4),
    "ipv6": _check_ip(6),
    "uri": lambda text: re.match(r"[a-z][a-z0-9+\-.]*:", text, re.I) is not None and " " not in text,
    "uuid": lambda text: re.fullmatch(r"(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}", text, re.I)
    is not None,
    "regex": _check_regex,
    "byte": _check_byte,
}


@cache
def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, function in _FORMATS.items():
        checker.checks(name)(lambda value, function=function: not isinstance(value, str) or function(value))
    return checker


def _nullable(schema: Any) -> Any:
    """OpenAPI 3.0 `nullable: true` as JSON Schema (Spectral's convertNullable), in every subschema."""
    if isinstance(schema, list):
        return [_nullable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _nullable(value) if key not in ("enum", "example", "default", "const") else value
                 for key, value in schema.items()}
    if "nullable" in converted:
        if converted["nullable"] is True:
            converted["type"] = [converted.get("type"), "null"] if "type" in converted else [None, "null"]
            converted["type"] = [item for item in converted["type"] if item is not None]
            if isinstance(converted.get("enum"), list):
                converted["enum"] = [*converted["enum"], None]
        del converted["nullable"]
    return converted


def _relax(schema: Any, read_only: bool, write_only: bool) -> None:
    """Properties marked readOnly (requests) or writeOnly (responses) are not required in examples."""
    if not (read_only or write_only):
        return
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        properties = node.get("properties")
        if isinstance(properties, dict) and isinstance(node.get("required"), list):
            keep = [name for name in node["required"] if not (
                isinstance(properties.get(name), dict)
                and ((read_only and properties[name].get("readOnly") is True)
                     or (write_only and properties[name].get("writeOnly") is True)))]
            if keep:
                node["required"] = keep
            else:
                del node["required"]
        stack.extend(value for key, value in node.items() if key not in ("enum", "example", "default"))


def _ajv_message(error: ValidationError) -> tuple[str, dict]:
    """Ajv's default wording for a jsonschema error, and its params."""
    keyword, value = error.validator, error.validator_value
    if keyword == "type":
        types = value if isinstance(value, list) else [value]
        return f"must be {','.join(types)}", {}
    if keyword == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        name = missing.group(1) if missing else ""
        return f"must have required property '{name}'", {"missingProperty": name}
    if keyword == "enum":
        return "must be equal to one of the allowed values", {"allowedValues": value}
    if keyword == "format":
        return f'must match format "{value}"', {}
    if keyword == "pattern":
        return f'must match pattern "{value}"', {}
    if keyword == "additionalProperties":
        extra = _additional(error.instance, error.schema)
        return "must NOT have additional properties", {"additionalProperty": extra[0] if extra else ""}
    words = {"minLength": "must NOT have fewer than {} characters",
             "maxLength": "must NOT have more than {} characters",
             "minItems": "must NOT have fewer than {} items", "maxItems": "must NOT have more than {} items",
             "minProperties": "must NOT have fewer than {} properties",
             "maxProperties": "must NOT have more than {} properties",
             "minimum": "must be >= {}", "maximum": "must be <= {}", "multipleOf": "must be multiple of {}",
             "const": "must be equal to constant",
             "oneOf": "must match exactly one schema in oneOf", "anyOf": "must match a schema in anyOf",
             "not": "must NOT be valid", "allOf": "must match all schemas"}
    if keyword == "uniqueItems":
        return "must NOT have duplicate items (items ## {} and {} are identical)".format(
            *_duplicate_pair(error.instance, error.schema)), {}
    if keyword in ("minimum", "maximum") and error.schema.get("exclusive" + keyword.capitalize()) is True:
        return ("must be > {}" if keyword == "minimum" else "must be < {}").format(json_stringify(value)), {}
    template = words.get(keyword, f"must pass \"{keyword}\" keyword validation")
    return template.format(json_stringify(value) if not isinstance(value, (dict, list)) else ""), {}


def specific(error: ValidationError) -> ValidationError:
    """For a failed anyOf/oneOf, the most specific error of the alternatives: the deepest one, not
    counting "is not a Reference Object" (required `$ref`) when the value is no reference at all."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        candidates = [item for item in error.context
                      if not (item.validator == "required" and "$ref" in (item.validator_value or ()))]
        if not candidates:
            break
        error = max(candidates, key=lambda item: len(item.absolute_path))
    return error


def _additional(instance: Any, schema: dict) -> list[str]:
    """The properties an `additionalProperties: false` schema does not allow, in document order."""
    if not isinstance(instance, dict):
        return []
    named = schema.get("properties", {}) if isinstance(schema.get("properties"), dict) else {}
    patterns = list(schema.get("patternProperties", {})) if isinstance(schema.get("patternProperties"), dict) else []
    return [key for key in js_keys(instance) if key not in named
            and not any(re.search(pattern, key) for pattern in patterns)]


def _duplicate_pair(items: list, schema: dict) -> tuple[int, int]:
    """The pair of equal items Ajv names: scanning from the end, as its generated loop does."""
    item_type = schema.get("items", {}).get("type") if isinstance(schema.get("items"), dict) else None
    if item_type in ("string", "number", "integer", "boolean", "null"):
        seen: dict[str, int] = {}
        for index in range(len(items) - 1, -1, -1):
            key = json_stringify(items[index])
            if key in seen:
                return seen[key], index
            seen[key] = index
    for index in range(len(items) - 1, -1, -1):
        for other in range(index - 1, -1, -1):
            if items[index] == items[other]:
                return other, index
    return 0, 0


# Ajv's evaluation order within one schema object (allErrors off: the first failing keyword wins):
# $ref, keywords without a type, then the number, string, array and object groups, each in the order
# its vocabularies define them.
_AJV_ORDER = ["$ref", "type", "const", "enum", "not", "anyOf", "oneOf", "allOf",
              "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf", "format#number",
              "maxLength", "minLength", "pattern", "format",
              "maxItems", "minItems", "uniqueItems", "additionalItems", "items", "contains",
              "maxProperties", "minProperties", "required", "dependencies", "propertyNames",
              "additionalProperties", "properties", "patternProperties"]
_AJV_RANK = {keyword: rank for rank, keyword in enumerate(_AJV_ORDER)}
_GROUP_OF = {**dict.fromkeys(("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"), "number"),
             **dict.fromkeys(("maxLength", "minLength", "pattern", "format"), "string"),
             **dict.fromkeys(("maxItems", "minItems", "uniqueItems", "additionalItems", "items", "contains"), "array"),
             **dict.fromkeys(("maxProperties", "minProperties", "required", "dependencies", "propertyNames",
                              "additionalProperties", "properties", "patternProperties"), "object")}
_GROUP_TYPES = {"number": ("number", "integer"), "string": ("string",), "array": ("array",), "object": ("object",)}


def _keyword_rank(schema: Any, keyword: str) -> float:
    """Where Ajv checks `keyword` of `schema`; a single `type` whose group has keywords is reported there."""
    if keyword == "type" and isinstance(schema, dict) and isinstance(schema.get("type"), str):
        group = next((name for name, types in _GROUP_TYPES.items() if schema["type"] in types), None)
        ranks = [_AJV_RANK[key] for key in schema if _GROUP_OF.get(key) == group]
        if ranks:
            return min(ranks) - 0.5  # just before the group's first keyword
    return _AJV_RANK.get(keyword, len(_AJV_ORDER))


def _ajv_key(error: ValidationError, schema: Any) -> tuple:
    """A sort key putting the error Ajv would report first, first."""
    key: list[tuple] = []
    node = schema
    parts = list(error.relative_schema_path)
    instance = list(error.relative_path)
    depth = 0
    index = 0
    while index < len(parts):
        keyword = parts[index]
        rank = _keyword_rank(node, keyword) if isinstance(keyword, str) else 0
        sub = 0
        child = node.get(keyword) if isinstance(node, dict) and isinstance(keyword, str) else None
        if keyword in ("properties", "patternProperties") and index + 1 < len(parts) and isinstance(child, dict):
            names = list(child)
            sub = names.index(parts[index + 1]) if parts[index + 1] in names else 0
            child = child.get(parts[index + 1])
            index += 1
            depth += 1
        elif keyword == "items" and isinstance(child, dict):
            sub = instance[depth] if depth < len(instance) and isinstance(instance[depth], int) else 0
            depth += 1
        elif keyword in ("anyOf", "oneOf", "allOf") and index + 1 < len(parts) and isinstance(child, list):
            sub = parts[index + 1] if isinstance(parts[index + 1], int) else 0
            child = child[sub] if sub < len(child) else None
            index += 1
        key.append((rank, sub))
        node = child
        index += 1
    return tuple(key)


def _first_error(validator: Any, instance: Any) -> ValidationError | None:
    errors = list(itertools.islice(validator.iter_errors(instance), 200))
    if not errors:
        return None
    return specific(min(errors, key=lambda error: _ajv_key(error, validator.schema)))


def _schema_problem(schema: dict) -> str | None:
    """Ajv refuses to compile a schema that is not a valid draft-04 schema: Spectral reports its reason."""
    errors = list(itertools.islice(Draft4Validator(Draft4Validator.META_SCHEMA).iter_errors(schema), 200))
    if not errors:
        return None
    error = min(errors, key=lambda item: _ajv_key(item, Draft4Validator.META_SCHEMA))
    message, _ = _ajv_message(error)
    pointer = "".join(f"/{part}" for part in error.absolute_path)
    return f"schema is invalid: data{pointer} {message}"


def _example_result(error: ValidationError, example_path: tuple) -> FnResult:
    relative = tuple(str(part) for part in error.absolute_path)
    message, params = _ajv_message(error)
    name = relative[-1] if relative else (str(example_path[-1]) if example_path else None)
    subject = f'"{name}" property' if name is not None else "Value"
    if error.absolute_path and isinstance(error.absolute_path[-1], int):
        return FnResult(f"Item at index {error.absolute_path[-1]} {message.replace(chr(39), chr(34))}",
                        (*example_path, *relative))
    if error.validator == "additionalProperties":
        text = f'Property "{params["additionalProperty"]}" is not expected to be here'
    elif error.validator == "type":
        text = f"{subject} type {message}"
    elif error.validator == "enum":
        text = f"{subject} {message}: " + ", ".join(json_stringify(item) for item in params["allowedValues"])
    else:
        text = f"{subject} {message.replace(chr(39), chr(34)).replace('NOT', 'not')}"
    return FnResult(text, (*example_path, *relative))


# A group that repeats and itself contains a repetition or an alternative, e.g. "(a+)+" or "(a|ab)*":
# the shape of patterns that backtrack exponentially.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[*+}|])(?:[^()\\]|\\.)*\)(?:[*+]|\{\d+,\d*\})")


def _safe_pattern(validator: Any, pattern: str, instance: Any, schema: dict):
    """`pattern` from the (untrusted) document, skipped where one match could take hours: Spectral
    would run it, but a worker of this platform must not hang on a crafted example."""
    if not isinstance(instance, str) or len(instance) > MAX_MATCH_LENGTH or _NESTED_REPEAT.search(pattern):
        return
    try:
        matched = re.search(pattern, instance)
    except re.error:
        return
    if not matched:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# Ajv's draft-04 mode also knows `const` (used by OpenAPI 3.1 schemas).
_ExampleValidator = validators.extend(Draft4Validator, {"pattern": _safe_pattern,
                                                        "const": Draft202012Validator.VALIDATORS["const"]})


def _validate_example(schema: Any, example: Any, example_path: tuple) -> list[FnResult]:
    if not isinstance(schema, dict):
        return []
    try:
        problem = _schema_problem(_plain(schema))
        if problem is not None:
            return [FnResult(problem, example_path)]
        validator = _ExampleValidator(schema, format_checker=_format_checker())
        error = _first_error(validator, _plain(example))
    except (jsonschema.exceptions.SchemaError, referencing.exceptions.Unresolvable, RecursionError,
            re.error, TypeError, ValueError, KeyError):
        return []  # Spectral ignores a schema Ajv cannot compile (e.g. an unresolved $ref)
    return [] if error is None else [_example_result(error, example_path)]


def _plain(value: Any) -> Any:
    """Round-trip through JSON so integers and floats compare the way JavaScript numbers do."""
    return json.loads(json_stringify(value)) if value is not MISSING else None


def _is_under(path: tuple, patterns: list[tuple]) -> bool:
    return any(len(path) >= len(pattern) and all(part == "*" or part == path[index]
                                                  for index, part in enumerate(pattern)) for pattern in patterns)


def media_example(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    if not isinstance(value, dict):
        return None
    path = tuple(str(part) for part in context.path)
    schema = _nullable(copy.deepcopy(value.get("schema")))
    _relax(schema, _is_under(path, [("components", "requestBodies"), ("paths", "*", "*", "requestBody")]),
           _is_under(path, [("components", "responses"), ("paths", "*", "*", "responses")]))
    results: list[FnResult] = []
    if "example" in value:
        results += _validate_example(schema, value["example"], (*context.path, "example"))
    elif isinstance(value.get("examples"), (dict, list)):
        examples = value["examples"]
        keys = js_keys(examples) if isinstance(examples, dict) else [str(i) for i in range(len(examples))]
        for key in keys:
            example = examples[key] if isinstance(examples, dict) else examples[int(key)]
            if not isinstance(example, (dict, list)) or (isinstance(example, dict) and "externalValue" in example):
                continue
            inner = example.get("value", MISSING) if isinstance(example, dict) else MISSING
            where = (*context.path, "examples", key, "value")
            if inner is MISSING:
                results.append(FnResult('#{{print("property")}}must exist', where))
                continue
            results += _validate_example(schema, inner, where)
    return results


def schema_example(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    if not isinstance(value, dict):
        return None
    schema = _nullable(copy.deepcopy(value))
    results: list[FnResult] = []
    for field in ("example", "default"):
        if field in value:
            results += _validate_example(schema, value[field], (*context.path, field))
    return results


# --- oas3-schema -----------------------------------------------------------------------------

@cache
def document_validator(version: str) -> Any:
    folder = "v3.1" if version == "3.1" else "v3.0"
    text = resources.files("openapi_spec_validator").joinpath(f"resources/schemas/{folder}/schema.json").read_text()
    schema = json.loads(text)
    cls = Draft202012Validator if version == "3.1" else Draft4Validator
    return cls(schema)


def _branches(error: ValidationError) -> dict[int, list[ValidationError]]:
    grouped: dict[int, list[ValidationError]] = {}
    for item in error.context or ():
        branch = item.relative_schema_path[0] if item.relative_schema_path else 0
        grouped.setdefault(branch, []).append(item)
    return grouped


def _is_reference_branch(errors: list[ValidationError]) -> bool:
    return any(item.validator == "required" and "$ref" in (item.validator_value or ()) for item in errors)


def _is_discriminator_miss(item: ValidationError, depth: int) -> bool:
    """The alternative is for another kind of object (e.g. a parameter `in: path` when it says `query`)."""
    return item.validator in ("enum", "const") and len(item.absolute_path) == depth + 1


def document_errors(error: ValidationError) -> list[ValidationError]:
    """The errors worth reporting for one error of the OpenAPI JSON Schema, the way Spectral's own
    schema words them: in a failed anyOf/oneOf the alternative the value was meant to be (not the
    Reference Object, not alternatives for other kinds), and all of that alternative's errors."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    depth = len(error.absolute_path)
    branches = {index: items for index, items in _branches(error).items() if not _is_reference_branch(items)}
    if not branches:
        return [error]
    if len(branches) > 1 and all(len(items) == 1 and items[0].validator == "required"
                                 and len(items[0].absolute_path) == depth for items in branches.values()):
        names = [items[0].validator_value[0] for items in branches.values() if items[0].validator_value]
        return [_Worded(error, " or ".join(f'"{name}"' for name in names) + " must be present")]
    meant = {index: items for index, items in branches.items()
             if len(branches) == 1 or not any(_is_discriminator_miss(item, depth) for item in items)}
    if not meant:
        misses = [item for items in branches.values() for item in items if _is_discriminator_miss(item, depth)]
        if misses and all(item.absolute_path == misses[0].absolute_path for item in misses):
            allowed: list[Any] = []
            for item in misses:
                values = item.validator_value if item.validator == "enum" else [item.validator_value]
                allowed.extend(value for value in values if value not in allowed)
            merged = copy.copy(misses[0])
            merged.validator, merged.validator_value = "enum", allowed
            return [merged]
        meant = branches
    chosen = max(meant.values(), key=lambda items: (max(len(item.absolute_path) for item in items), -len(items)))
    found: list[ValidationError] = []
    for item in _prefer_enum(chosen):
        found.extend(document_errors(item))
    return found


def _prefer_enum(errors: list[ValidationError]) -> list[ValidationError]:
    """Spectral's schema checks keywords like `type` and `in` with an enum only: where the official
    schema fails both `type` and `enum` on one value, keep the enum error."""
    enum_paths = {tuple(item.absolute_path) for item in errors if item.validator == "enum"}
    return [item for item in errors if not (item.validator == "type" and tuple(item.absolute_path) in enum_paths)]


class _Worded(ValidationError):
    """An error with Spectral's own wording (its schema's `errorMessage`)."""

    def __init__(self, error: ValidationError, message: str):
        super().__init__(message, validator="errorMessage", path=error.absolute_path)


def _suggestion(value: Any, allowed: list[Any]) -> str:
    if not isinstance(value, str):
        return ""
    candidates = sorted(((_leven(value, item), item) for item in allowed if isinstance(item, str)),
                        key=lambda pair: pair[0])
    if not candidates:
        return ""
    weight, best = candidates[0]
    return f'. Did you mean "{best}"?' if len(allowed) == 1 or weight < len(best) else ""


def _leven(left: str, right: str) -> int:
    previous = list(range(len(right) + 1))
    for row, char in enumerate(left, 1):
        current = [row]
        for column, other in enumerate(right, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != other)))
        previous = current
    return previous[-1]


def document_schema(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    version = "3.1" if "oas3_1" in context.formats else "3.0"
    validator = document_validator(version)
    results: list[FnResult] = []
    try:
        errors = [item for error in validator.iter_errors(_plain(value)) for item in document_errors(error)]
    except RecursionError:
        return [FnResult("The document is nested too deeply to be validated", ())]
    for error in _prefer_enum(errors)[:100]:
        relative = tuple(str(part) for part in error.absolute_path)
        if error.validator == "errorMessage":
            results.append(FnResult(error.message, relative))
            continue
        message, params = _ajv_message(error)
        if error.validator == "additionalProperties":
            results.extend(FnResult(f'Property "{name}" is not expected to be here', (*relative, name))
                           for name in _additional(error.instance, error.schema))
            continue
        cleaned = message.replace("'", '"').replace("NOT", "not")
        if error.validator == "enum":
            cleaned += ": " + ", ".join(json_stringify(item) for item in params["allowedValues"])
            cleaned += _suggestion(error.instance, params["allowedValues"])
        results.append(FnResult(f'"{relative[-1]}" property {cleaned}' if relative else cleaned, relative))
    return results
