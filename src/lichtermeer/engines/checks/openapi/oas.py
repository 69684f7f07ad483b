"""The functions of Spectral's `spectral:oas` rules that the ADR ruleset switches on.

Written from the behaviour of Spectral's `oasOpIdUnique`, `oasPathParam`, `uniquenessTags`,
`serverVariables`, `oasExample` and `oasDocumentSchema`; the last two validate with JSON Schema and
live in `schema_checks` (loaded on first use).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .functions import FnContext, FnResult
from .jsvalues import MISSING, js_keys, js_string

OPERATION_KEYS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")


def _is_object(value: Any) -> bool:
    return isinstance(value, (dict, list))


# --- operation-operationId-unique ------------------------------------------------------------

def operation_id_unique(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    paths = value.get("paths") if isinstance(value, dict) else None
    if not isinstance(paths, dict):
        return None
    results, seen = [], []
    for path in js_keys(paths):
        item = paths[path]
        if not isinstance(item, dict):
            continue
        for method in js_keys(item):
            operation = item[method]
            if method not in OPERATION_KEYS or not isinstance(operation, dict) or "operationId" not in operation:
                continue
            if operation["operationId"] in seen:
                results.append(FnResult("operationId must be unique.", ("paths", path, method, "operationId")))
            else:
                seen.append(operation["operationId"])
    return results


# --- path-params -----------------------------------------------------------------------------

_PATH_PARAM = re.compile(r"(\{;?\??[a-zA-Z0-9_-]+\*?\})")


def path_params(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    paths = value.get("paths") if isinstance(value, dict) else None
    if not isinstance(paths, dict):
        return None
    results: list[FnResult] = []
    unique: dict[str, str] = {}
    for path in js_keys(paths):
        item = paths[path]
        if not _is_object(item) or not isinstance(item, dict):
            continue
        normalized = _PATH_PARAM.sub("%", path)
        if normalized in unique:
            results.append(FnResult(f'Paths "{unique[normalized]}" and "{path}" must not be equivalent.',
                                    ("paths", path)))
        else:
            unique[normalized] = path
        elements: list[str] = []
        for match in _PATH_PARAM.finditer(path):
            name = re.sub(r"[{}?*;]", "", match.group())
            if name in elements:
                results.append(FnResult(f'Path "{path}" must not use parameter "{{{name}}}" multiple times.',
                                        ("paths", path)))
            else:
                elements.append(name)
        top: dict[str, tuple] = {}
        if isinstance(item.get("parameters"), list):
            for index, parameter in enumerate(item["parameters"]):
                if _is_object(parameter) and _named_path_param(parameter, ("paths", path, "parameters", index),
                                                               results, top):
                    top[js_string(parameter["name"])] = ("paths", path, "parameters", index)
        for method in js_keys(item):
            operation = item[method]
            if not _is_object(operation) or method == "parameters" or method not in OPERATION_KEYS:
                continue
            own: dict[str, tuple] = {}
            parameters = operation.get("parameters") if isinstance(operation, dict) else None
            if isinstance(parameters, list):
                for index, parameter in enumerate(parameters):
                    where = ("paths", path, method, "parameters", index)
                    if _is_object(parameter) and _named_path_param(parameter, where, results, own):
                        own[js_string(parameter["name"])] = where
            defined = {**top, **own}
            for name in js_keys(defined):
                if name not in elements:
                    results.append(FnResult(f'Parameter "{name}" must be used in path "{path}".', defined[name]))
            for name in elements:
                if name not in defined:
                    results.append(FnResult(f'Operation must define parameter "{{{name}}}" as expected by path '
                                            f'"{path}".', ("paths", path, method)))
    return results


def _named_path_param(parameter: Any, where: tuple, results: list[FnResult], seen: dict) -> bool:
    if not isinstance(parameter, dict) or parameter.get("in", MISSING) != "path" or "name" not in parameter:
        return False
    name = js_string(parameter["name"])
    if parameter.get("required") is not True:
        results.append(FnResult(f'Path parameter "{name}" must have "required" property that is set to "true".',
                                where))
    if name in seen:
        results.append(FnResult(f'Path parameter "{name}" must not be defined multiple times.', where))
        return False
    return True


# --- openapi-tags-uniqueness -----------------------------------------------------------------

def tags_uniqueness(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    if not isinstance(value, list) or not all(
            isinstance(tag, dict) and isinstance(tag.get("name", ""), str) for tag in value):
        return None  # Spectral skips input outside its schema
    names = [tag.get("name", MISSING) for tag in value]
    duplicated: list[Any] = []
    for index, name in enumerate(names):
        if names.index(name) != index and name not in duplicated:
            duplicated.append(name)
    results = []
    for name in duplicated:
        indexes = [index for index, other in enumerate(names) if other == name][1:]
        results.extend(FnResult(f'"tags" object contains duplicate tag name "{js_string(name)}".',
                                (*context.path, index, "name")) for index in indexes)
    return results


# --- oas3-server-variables -------------------------------------------------------------------

_VARIABLE_KEYS = {"enum", "default", "description", "examples"}


def _valid_server(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        return False
    variables = value.get("variables", MISSING)
    if variables is MISSING:
        return True
    if not isinstance(variables, dict):
        return False
    for variable in variables.values():
        if not isinstance(variable, dict):
            return False
        for key, item in variable.items():
            if key == "enum":
                if not isinstance(item, list) or not all(isinstance(entry, str) for entry in item):
                    return False
            elif key in _VARIABLE_KEYS:
                if not isinstance(item, str):
                    return False
            elif not key.startswith("x-"):
                return False
    return True


def server_variables(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    if not _valid_server(value):
        return [FnResult("Invalid Server Object")]
    path = context.path
    url, variables = value["url"], value.get("variables")
    found = [match[1:-1] for match in re.findall(r"{.+?}", url)]
    defined = js_keys(variables) if isinstance(variables, dict) else []
    results: list[FnResult] = []
    if defined:
        for name in (key for key in defined if key not in found):
            results.append(FnResult(f"Server's \"variables\" object has unused defined \"{name}\" url variable.",
                                    (*path, "variables", name)))
    if not found:
        return results
    missing = found if not defined else [name for name in found if name not in defined]
    if missing:
        results.append(FnResult("Not all server's variables are described with \"variables\" object. Missed: "
                                + ", ".join(missing) + ".", (*path, "variables")))
    if variables is None:
        return results
    pairs: list[tuple[str, list[str]]] = []
    for key in defined:
        if key not in found:
            continue
        variable = variables[key]
        if "enum" in variable:
            pairs.append((key, variable["enum"]))
            if "default" in variable and variable["default"] not in variable["enum"]:
                results.append(FnResult(f'Server Variable "{key}" has a default not listed in the enum.',
                                        (*path, "variables", key, "default")))
        elif "default" in variable:
            pairs.append((key, [variable["default"]]))
        else:
            pairs.append((key, []))
        if "default" not in variable:
            results.append(FnResult(f'Server Variable "{key}" has a missing default.', (*path, "variables", key)))
    if pairs:
        invalid = []
        for substituted in _substitutions(url, pairs):
            if not _is_absolute_url(substituted):
                invalid.append(substituted)
                if len(invalid) == 5:
                    break
        if len(invalid) == 5:
            results.append(FnResult("At least 5 substitutions of server variables resulted in invalid URLs: "
                                    + ", ".join(invalid) + " and more", (*path, "variables")))
        elif invalid:
            results.append(FnResult("A few substitutions of server variables resulted in invalid URLs: "
                                    + ", ".join(invalid), (*path, "variables")))
    return results


def _substitutions(url: str, pairs: list[tuple[str, list[str]]], index: int = 0):
    from urllib.parse import quote

    name, values = pairs[index]
    for value in values:
        substituted = url.replace("{" + name + "}", quote(value, safe=";,/?:@&=+$-_.!~*'()#[]%"))
        if index == len(pairs) - 1:
            yield substituted
        else:
            yield from _substitutions(substituted, pairs, index + 1)


_SPECIAL_SCHEMES = {"http", "https", "ws", "wss", "ftp"}


def _is_absolute_url(text: str) -> bool:
    """Whether `new URL(text)` (WHATWG) accepts the text without a base URL - approximately."""
    text = text.strip()
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    if not match:
        return False
    scheme = match.group(1).lower()
    if scheme not in _SPECIAL_SCHEMES:
        return True
    try:
        parts = urlsplit(text.replace("\\", "/"))
        host = parts.hostname
        parts.port  # noqa: B018 - raises for a port that is not a number in range
    except ValueError:
        return False
    return bool(host) and not re.search(r"[\s<>^|%]", host)


# --- JSON Schema based rules (implemented in schema_checks, imported when first needed) ----------

def media_example(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    from .schema_checks import media_example as check

    return check(value, options, context)


def schema_example(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    from .schema_checks import schema_example as check

    return check(value, options, context)


def document_schema(value: Any, options: Any, context: FnContext) -> list[FnResult] | None:
    from .schema_checks import document_schema as check

    return check(value, options, context)
