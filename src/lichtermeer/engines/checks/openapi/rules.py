"""The rules: the NL GOV API Design Rules Spectral ruleset, read from its own file, on top of the
`spectral:oas` rules it switches back on.

`adr-ruleset.yaml` is Logius' `media/linter.yaml` unchanged (CC-BY-4.0). It extends `spectral:oas`
with every rule off, re-enables some of them by name and adds the `nlgov:*` rules. The re-enabled
`spectral:oas` rules are defined in `OAS_RULES` below, with the `given`, messages and formats
Spectral gives them; the `nlgov:*` rules come straight from the file, their functions mapped to
the Python functions in `functions.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from . import functions, oas
from .jsonpath import JsonPath, compile_path

OAS_FORMATS = frozenset({"oas2", "oas3", "oas3_0", "oas3_1"})
OAS3 = frozenset({"oas3"})
SEVERITIES = {"error": "error", "warn": "warning", "info": "information", "hint": "hint", 0: "error",
              1: "warning", 2: "information", 3: "hint"}
FUNCTIONS: dict[str, Callable] = {
    "truthy": functions.truthy,
    "pattern": functions.pattern,
    "or": functions.or_,
    "casing": functions.casing,
    "schema": functions.schema,
}
_OPERATIONS = "[get,put,post,delete,options,head,patch,trace]"


@dataclass(frozen=True)
class Then:
    function: Callable
    field: str | None = None
    options: Any = None


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str  # "error", "warning", "information" or "hint"
    given: tuple[JsonPath, ...]
    then: tuple[Then, ...]
    message: str | None = None
    description: str | None = None
    formats: frozenset[str] | None = None  # None: every document, recognised or not
    resolved: bool = True
    documentation: str = ""


def _rule(name: str, given: str | tuple[str, ...], then: Then | tuple[Then, ...], **kwargs: Any) -> Rule:
    paths = (given,) if isinstance(given, str) else given
    return Rule(name, "off", tuple(compile_path(path) for path in paths),
                then if isinstance(then, tuple) else (then,), formats=kwargs.pop("formats", OAS_FORMATS), **kwargs)


# The spectral:oas rules the ruleset enables (severity comes from the ruleset).
OAS_RULES: dict[str, Rule] = {rule.name: rule for rule in (
    _rule("oas3-schema", "$", Then(oas.document_schema), message="{{error}}.", formats=OAS3, resolved=False,
          description="Validate structure of OpenAPI v3 specification."),
    _rule("operation-operationId-unique", "$", Then(oas.operation_id_unique),
          description='Every operation must have unique "operationId".'),
    _rule("path-params", "$", Then(oas.path_params), message="{{error}}",
          description="Path parameters must be defined and valid."),
    _rule("openapi-tags-uniqueness", "$.tags", Then(oas.tags_uniqueness), message="{{error}}",
          description="Each tag must have a unique name."),
    _rule("oas3-valid-media-example", (
        "$..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
        "$..headers..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
        "$..parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
    ), Then(oas.media_example), message="{{error}}", formats=OAS3,
        description="Examples must be valid against their defined schema."),
    _rule("oas3-valid-schema-example", tuple(
        f"{prefix}..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && "
        "(@.enum || @.type || @.format || @.$ref || @.properties || @.items))]"
        for prefix in ("$.components.schemas", "$..content", "$..headers", "$..parameters")),
        Then(oas.schema_example), message="{{error}}", formats=OAS3,
        description="Examples must be valid against their defined schema."),
    _rule("oas3-server-variables", (
        "$.servers[*]", "$.paths[*].servers[*]", f"$.paths[*]{_OPERATIONS}.servers[*]",
        "$.components.links[*].server", f"$.paths[*]{_OPERATIONS}.responses[*].links[*].server",
        "$.components.responses[*].links[*].server",
    ), Then(oas.server_variables), message="{{error}}",
        description="Server variables must be defined and valid and there must be no unused variables."),
    _rule("oas3-api-servers", "$", Then(functions.schema, "servers", {"schema": {
        "items": {"type": "object"}, "minItems": 1, "type": "array"}}), formats=OAS3,
        description='OpenAPI "servers" must be present and non-empty array.'),
    _rule("path-keys-no-trailing-slash", "$.paths", Then(functions.pattern, "@key", {"notMatch": ".+\\/$"}),
          message="Path must not end with slash."),
    _rule("info-contact", "$", Then(functions.truthy, "info.contact"),
          description='Info object must have "contact" object.'),
)}


def _then(definition: dict) -> Then:
    name = definition["function"]
    if name not in FUNCTIONS:
        raise ValueError(f"the ruleset uses function {name!r}, which is not implemented")
    return Then(FUNCTIONS[name], definition.get("field"), definition.get("functionOptions") or {})


def _from_file(name: str, definition: dict, existing: Rule | None) -> Rule:
    given = definition["given"]
    thens = definition["then"] if isinstance(definition["then"], list) else [definition["then"]]
    fields = {
        "severity": SEVERITIES[definition.get("severity", "warn")],
        "given": tuple(compile_path(path) for path in ([given] if isinstance(given, str) else given)),
        "then": tuple(_then(then) for then in thens),
        "documentation": definition.get("documentationUrl", ""),
    }
    if "message" in definition:
        fields["message"] = definition["message"]
    if "description" in definition:
        fields["description"] = definition["description"]
    if "resolved" in definition:
        fields["resolved"] = bool(definition["resolved"])
    if existing is not None:
        return replace(existing, **fields)  # Spectral merges into the inherited rule (formats stay)
    return Rule(name, **fields, formats=frozenset(definition["formats"]) if "formats" in definition else None)


def load_ruleset(text: str) -> list[Rule]:
    document = yaml.safe_load(text)
    rules: list[Rule] = []
    for name, definition in document["rules"].items():
        if isinstance(definition, (str, int)):
            if name not in OAS_RULES:
                raise ValueError(f"the ruleset enables {name!r}, which is not implemented")
            rules.append(replace(OAS_RULES[name], severity=SEVERITIES[definition]))
        else:
            rules.append(_from_file(name, definition, OAS_RULES.get(name)))
    return [rule for rule in rules if rule.severity != "off"]


@cache
def adr_rules() -> tuple[Rule, ...]:
    text = resources.files(__package__).joinpath("adr-ruleset.yaml").read_text(encoding="utf-8")
    return tuple(load_ruleset(text))
