"""Writing a document back as publiccode.yml: block style, UTF-8, keys in the standard's order.

`parse(dump(d)).document == d` holds for every document `parse` returns as valid; that is
what makes import -> export -> import lossless. Strings that YAML could read as another
type are quoted (PyYAML's resolver is YAML 1.1, which quotes a superset of YAML 1.2's
special values), multi-line strings use the literal block style.
"""

from __future__ import annotations

from typing import Any

import yaml

TOP_LEVEL = (
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "inputTypes", "outputTypes",
    "platforms", "categories", "usedBy", "fundedBy", "roadmap", "developmentStatus", "softwareType",
    "supports", "organisation", "intendedAudience", "description", "legal", "maintenance",
    "localisation", "dependsOn", "IT", "it",
)
ORGANISATION = ("name", "uri")
DESCRIPTION = ("localisedName", "genericName", "shortDescription", "longDescription", "documentation",
               "apiDocumentation", "features", "screenshots", "videos", "awards")
CONTRACTOR = ("name", "until", "email", "website")
CONTACT = ("name", "email", "phone", "affiliation")
DEPENDENCY = ("name", "versionMin", "versionMax", "version", "optional")
DEPENDENCIES = {"open": DEPENDENCY, "proprietary": DEPENDENCY, "hardware": DEPENDENCY}
IT_SECTION = {
    "countryExtensionVersion": None,
    "conforme": ("lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr"),
    "piattaforme": ("spid", "cie", "anpr", "pagopa", "io"),
    "riuso": ("codiceIPA",),
}
# Key order per nested key; a tuple orders a mapping (or each mapping of a list), a dict
# additionally gives the order inside its children.
NESTED: dict[str, Any] = {
    "organisation": ORGANISATION,
    "fundedBy": ORGANISATION,
    "supports": ("id",),
    "intendedAudience": ("countries", "unsupportedCountries", "scope"),
    "legal": ("license", "mainCopyrightOwner", "repoOwner", "authorsFile"),
    "maintenance": {"type": None, "contractors": CONTRACTOR, "contacts": CONTACT},
    "localisation": ("localisationReady", "availableLanguages"),
    "dependsOn": DEPENDENCIES,
    "IT": IT_SECTION,
    "it": IT_SECTION,
}


class _Quoted(str):
    """A string that is always written in double quotes (publiccodeYmlVersion)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # "key:\n  - item" like the standard's examples, not PyYAML's indentless lists.
        return super().increase_indent(flow, False)


# PyYAML writes these raw in plain/single-quoted/literal scalars but reads them back as line
# breaks (or drops them), so strings containing them are always double-quoted (escaped).
_UNSAFE_RAW = frozenset("\r\x85\u2028\u2029\ufeff")


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = '"' if _UNSAFE_RAW.intersection(value) else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)


def _ordered(value: Any, order: Any) -> Any:
    if isinstance(value, list):
        return [_ordered(item, order) for item in value]
    if not isinstance(value, dict) or order is None:
        return value
    keys = list(order) if not isinstance(order, dict) else list(order.keys())
    known = [k for k in keys if k in value]
    rest = [k for k in value if k not in keys]
    children = order if isinstance(order, dict) else {}
    return {k: _ordered(value[k], children.get(k)) for k in known + rest}


def dump(document: dict[str, Any]) -> str:
    ordered: dict[str, Any] = {}
    for key in [k for k in TOP_LEVEL if k in document] + [k for k in document if k not in TOP_LEVEL]:
        value = document[key]
        if key == "publiccodeYmlVersion" and isinstance(value, str):
            value = _Quoted(value)
        elif key == "description" and isinstance(value, dict):
            value = {lang: _ordered(desc, DESCRIPTION) for lang, desc in value.items()}
        else:
            value = _ordered(value, NESTED.get(key))
        ordered[key] = value
    return yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1000, indent=2)
