"""Strict BCP 47 language tags, as parser-go checks them (validator's bcp47_strict_language_tag).

The tag must have the RFC 5646 shape, and every subtag must exist in the IANA Language
Subtag Registry (langcodes ships a copy). POSIX forms like `en_GB` are rejected, and so is
a three-letter code where a two-letter one exists (`eng`), because Go's x/text only keeps
the shortest form. Variants and extlangs must follow one of their registered prefixes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_TAG = re.compile(
    r"^(EN-GB-OED|I-AMI|I-BNN|I-DEFAULT|I-ENOCHIAN|I-HAK|I-KLINGON|I-LUX|I-MINGO|I-NAVAJO|I-PWN|I-TAO"
    r"|I-TAY|I-TSU|SGN-BE-FR|SGN-BE-NL|SGN-CH-DE|ART-LOJBAN|CEL-GAULISH|NO-BOK|NO-NYN|ZH-GUOYU|ZH-HAKKA"
    r"|ZH-MIN|ZH-MIN-NAN|ZH-XIANG|X-[A-Z0-9]{1,8})$"
    r"|^((?:[A-Z]{2,3}(?:-[A-Z]{3}){0,3})|[A-Z]{4}|[A-Z]{5,8})"  # language (+ extlangs)
    r"(?:-([A-Z]{4}))?"  # script
    r"(?:-([A-Z]{2}|[0-9]{3}))?"  # region
    r"(?:-((?:[A-Z0-9]{5,8}|[0-9][A-Z0-9]{3})(?:-(?:[A-Z0-9]{5,8}|[0-9][A-Z0-9]{3}))*))?"  # variants
    r"(?:-((?:[A-WYZ0-9](?:-[A-Z0-9]{2,8})+)(?:-(?:[A-WYZ0-9](?:-[A-Z0-9]{2,8})+))*))?"  # extensions
    r"(?:-X(?:-[A-Z0-9]{1,8})+)?$"  # private use
)


@dataclass
class _Registry:
    languages: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    extlangs: dict[str, list[str]] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)


def _expand(subtag: str) -> list[str]:
    """'qaa..qtz' -> every subtag in the private-use range (registry ranges are same-length)."""
    if ".." not in subtag:
        return [subtag]
    start, end = subtag.split("..")
    if start.isdigit():
        return [str(n).zfill(len(start)) for n in range(int(start), int(end) + 1)]
    out, current = [], list(start)
    while True:
        out.append("".join(current))
        if "".join(current) == end:
            return out
        position = len(current) - 1
        while current[position] in "zZ":
            current[position] = "a" if current[position] == "z" else "A"
            position -= 1
        current[position] = chr(ord(current[position]) + 1)


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    text = resources.files("langcodes").joinpath("data", "language-subtag-registry.txt").read_text("utf-8")
    registry = _Registry()
    for record in text.split("%%"):
        fields: dict[str, list[str]] = {}
        for line in record.splitlines():
            if ": " in line and not line.startswith(" "):
                name, value = line.split(": ", 1)
                fields.setdefault(name, []).append(value.strip())
        kind, subtag = fields.get("Type", [""])[0], fields.get("Subtag", [""])[0].lower()
        prefixes = [p.lower() for p in fields.get("Prefix", [])]
        if kind == "language":
            registry.languages.update(_expand(subtag))
        elif kind == "script":
            registry.scripts.update(_expand(subtag))
        elif kind == "region":
            registry.regions.update(_expand(subtag))
        elif kind == "extlang":
            registry.extlangs[subtag] = prefixes
        elif kind == "variant":
            registry.variants[subtag] = prefixes
    return registry


def _follows_a_prefix(tag: str, prefixes: list[str]) -> bool:
    # Same test as parser-go: the whole tag (plus "-") starts with one registered prefix.
    return not prefixes or any((tag + "-").startswith(p) for p in prefixes)


MAX_TAG_LENGTH = 256  # real tags are short; the cap keeps the regexp cheap on hostile input


def is_language_tag(tag: str) -> bool:
    if len(tag) > MAX_TAG_LENGTH:
        return False
    upper = tag.upper()
    match = _TAG.match(upper)
    if match is None:
        return False
    irregular_or_private, language, script, region, variants, _extensions = match.groups()
    if irregular_or_private:
        return True
    registry, lower = _registry(), tag.lower()
    base, *extlangs = language.lower().split("-")
    if len(base) > 3 or base not in registry.languages:
        return False
    for extlang in extlangs:
        if extlang not in registry.extlangs or not _follows_a_prefix(lower, registry.extlangs[extlang]):
            return False
    if script and script.lower() not in registry.scripts:
        return False
    if region and region.lower() not in registry.regions:
        return False
    for variant in variants.lower().split("-") if variants else ():
        if variant not in registry.variants or not _follows_a_prefix(lower, registry.variants[variant]):
            return False
    return True
