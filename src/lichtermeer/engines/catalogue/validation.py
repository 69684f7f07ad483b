"""Schema validation (jsonschema, draft 2020-12) turned into issues with specific bilingual messages.

Every schema error is reported (`iter_errors`), at most one per key: a value with several problems
gets the most basic one (wrong type before wrong value before wrong pattern/format before length).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from lichtermeer.engines.uris import is_absolute_uri

from . import messages, semantics
from .findings import Issue, Path
from .messages import Text
from .schema import SCHEMA

FORMAT_CHECKER = FormatChecker(formats=())


@FORMAT_CHECKER.checks("date")
def _is_date(value: object) -> bool:
    # The pattern judges the shape; the format says whether it is a real calendar day.
    if not isinstance(value, str) or not semantics.DATE_SHAPE.fullmatch(value):
        return True
    return semantics.real_date(value) is not None


@FORMAT_CHECKER.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or is_absolute_uri(value)


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMAT_CHECKER)

MAX_ISSUES = 200
_PRIORITY = {"type": 0, "const": 1, "enum": 1, "pattern": 2, "format": 3}
_DEFS = SCHEMA["$defs"]
_PATTERNS = {
    _DEFS["requirement"]["properties"]["id"]["pattern"]: lambda label, value: messages.requirement_id(value),
    SCHEMA["properties"]["id"]["pattern"]: lambda label, value: messages.catalogue_id(value),
    _DEFS["semver"]["pattern"]: messages.semver,
    _DEFS["date"]["pattern"]: messages.date,
    _DEFS["requirement"]["properties"]["checks"]["items"]["pattern"]: messages.check_id,
    "^https://": messages.https_url,
}


def check(document: Any) -> list[Issue]:
    """Schema issues (at most one per key, in jsonschema's order) followed by the semantic ones.

    At most MAX_ISSUES, then one issue saying that more were left out (a file of 50 000 wrong
    list items would otherwise take seconds and bury the reader in messages).
    """
    best: dict[tuple[Path, str], tuple[int, Issue]] = {}
    truncated = False
    for error in VALIDATOR.iter_errors(document):
        if len(best) >= MAX_ISSUES:
            truncated = True
            break
        rank = _PRIORITY.get(str(error.validator), 4)
        for issue in _issues(error):
            slot = (issue.path, issue.anchor)
            if slot not in best or rank < best[slot][0]:
                best[slot] = (rank, issue)
    issues = [issue for _, issue in best.values()] + semantics.check(document)
    if truncated or len(issues) > MAX_ISSUES:
        issues = [*issues[:MAX_ISSUES], Issue((), messages.too_many_problems(MAX_ISSUES), "none")]
    return issues


def label(path: Path) -> str:
    """How messages name a property: `obligation`, `title.de`, `evidence[2]`, `requirements[0]`."""
    if not path:
        return ""
    last = path[-1]
    if isinstance(last, int):
        return f"{label(path[:-1])}[{last}]"
    if last in ("de", "en") and len(path) > 1:
        return f"{label(path[:-1])}.{last}"
    return str(last)


def _issues(error: ValidationError) -> Iterator[Issue]:
    path: Path = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    name = label(path)
    if kind == "required":
        for missing in expected:
            if isinstance(value, dict) and missing not in value:
                yield Issue((*path, missing), messages.required(missing), "parent")
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in value:
            if extra not in allowed:
                yield Issue((*path, extra), messages.unknown_property(extra, allowed), "key")
    elif kind == "uniqueItems":
        seen: list[Any] = []
        for index, item in enumerate(value):
            if item in seen:
                yield Issue((*path, index), messages.duplicate_item(name, item))
                break
            seen.append(item)
    else:
        yield Issue(path, _text(kind, expected, value, name))


def _text(kind: Any, expected: Any, value: Any, name: str) -> Text:
    if kind == "type":
        return messages.not_a_mapping(value) if name == "" else messages.wrong_type(name, expected, value)
    if kind == "const":
        return messages.wrong_format_marker(value, expected)
    if kind == "enum":
        return messages.not_allowed(name, value, expected)
    if kind == "pattern":
        return _PATTERNS.get(expected, lambda label, value: messages.pattern(label, value, expected))(name, value)
    if kind == "format":
        return messages.not_a_real_date(name, value) if expected == "date" else messages.invalid_url(name, value)
    if kind == "minLength":
        return messages.empty_text(name) if expected == 1 else messages.too_short(name, expected)
    if kind == "maxLength":
        return messages.too_long(name, expected, len(value))
    if kind == "minItems":
        return messages.too_few_items(name, expected)
    if kind == "maxItems":
        return messages.too_many_items(name, expected, len(value))
    return messages.schema_other(f"{name}: {kind} {expected!r}")
