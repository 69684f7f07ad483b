"""Struct validation: the go-playground/validator rules of schema.py applied to a decoded document.

Semantics copied from validator/v10 as parser-go uses it: fields in struct order, a field's
rules left to right, the first failing rule is reported and ends that field; `omitempty`
/ `omitnil` skip the rest for empty / absent values; `dive` applies the remaining rules
to each list item or map value. Keys are namespaces like
`maintenance.contractors[0].until`; alphabetic map keys become `.en` (parser-go's reMapKey).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import grapheme, langtags, messages, spdx, urls, vocab
from .schema import Bool, Kind, ListOf, MapOf, Struct, UrlOrList
from .schema import Url as UrlKind

_ALPHA_INDEX = re.compile(r"\[([A-Za-z]+)\]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ATOM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
_QUOTED_LOCAL = re.compile(r'"(?:[^"\\\r\n]|\\.)*"')


def _wide(char: str) -> bool:
    """The non-ASCII ranges validator's e-mail regexp allows anywhere."""
    return "\u00a0" <= char <= "\ud7ff" or "\uf900" <= char <= "\ufdcf" or "\ufdf0" <= char <= "\uffef"


def _is_email(text: str) -> bool:
    """go-playground's `email` rule, checked without a regexp (its regexp backtracks badly).

    Local part: dot-separated atoms or a quoted string. Domain: characters from
    [alnum - . ~ wide]; it starts with alnum, ends with a letter (one trailing dot
    allowed), and somewhere an alnum, a dot and a letter follow each other (host.tld).
    """
    if text.startswith('"'):
        quoted = _QUOTED_LOCAL.match(text)
        if not quoted or text[quoted.end():quoted.end() + 1] != "@":
            return False
        domain = text[quoted.end() + 1:]
    else:
        local, at, domain = text.partition("@")
        atoms = local.split(".")
        if not at or not all(atom and all(c in _ATOM_CHARS or _wide(c) for c in atom) for atom in atoms):
            return False
    domain = domain[:-1] if domain.endswith(".") else domain
    if not domain or not all(c.isascii() and (c.isalnum() or c in "-.~") or _wide(c) for c in domain):
        return False

    def alnum(c: str) -> bool:
        return (c.isascii() and c.isalnum()) or _wide(c)

    def letter(c: str) -> bool:
        return (c.isascii() and c.isalpha()) or _wide(c)

    if not alnum(domain[0]) or not letter(domain[-1]):
        return False
    return any(domain[i] == "." and alnum(domain[i - 1]) and letter(domain[i + 1])
               for i in range(1, len(domain) - 1))


@dataclass(frozen=True)
class Issue:
    key: str
    text: messages.Text


def go_text(value: Any) -> Any:
    """The value as parser-go sees it (goccy's conversion of non-string scalars)."""
    return getattr(value, "go", value)


def validate(document: dict, schema: Struct) -> list[Issue]:
    issues: list[Issue] = []
    _validate_struct(document, schema, "", issues)
    return issues


def _zero(field_kind: Kind, pointer: bool) -> Any:
    if pointer or isinstance(field_kind, (ListOf, MapOf, UrlOrList, UrlKind)):
        return None
    if isinstance(field_kind, Struct):
        return {}
    if isinstance(field_kind, Bool):
        return False
    return ""


def _validate_struct(value: dict, struct: Struct, namespace: str, issues: list[Issue]) -> None:
    for field in struct.fields:
        current = value[field.name] if field.name in value else _zero(field.kind, field.pointer)
        child = f"{namespace}.{field.name}" if namespace else field.name
        _validate_field(current, field.kind, field.rules, child, field.name, value, issues)


def _item_kind(kind: Kind) -> Kind:
    if isinstance(kind, (ListOf, MapOf)):
        return kind.item
    return UrlKind()  # isBasedOn items


def _validate_field(value: Any, kind: Kind, rules: tuple, namespace: str, label: str,
                    parent: dict, issues: list[Issue]) -> None:
    for position, rule in enumerate(rules):
        name = rule[0]
        if name == "omitempty":
            if value is None or value == "" or value == [] or value == {}:
                return
            continue
        if name == "omitnil":
            if value is None:
                return
            continue
        if name == "dive":
            rest, item_kind = rules[position + 1:], _item_kind(kind)
            items = value.items() if isinstance(value, dict) else enumerate(value or ())
            for index, item in items:
                _validate_field(item, item_kind, rest, f"{namespace}[{index}]", f"{label}[{index}]",
                                {}, issues)
            return
        problem = _problem(rule, value, label, parent)
        if problem:
            issues.append(Issue(_ALPHA_INDEX.sub(r".\1", namespace), problem))
            return
    if isinstance(kind, Struct) and isinstance(value, dict):
        _validate_struct(value, kind, namespace, issues)


def _has_value(value: Any) -> bool:
    if value is None:
        return False
    return value != "" if isinstance(value, str) else True


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# Rules on one text value: (test, message when the test fails).
_TEXT_RULES: dict[str, tuple[Callable[[str, tuple], bool], Callable[[str, tuple], messages.Text]]] = {
    "oneof": (lambda text, args: text in args[0], lambda label, args: messages.one_of(label, args[0])),
    "email": (lambda text, _: _is_email(text), lambda label, _: messages.email(label)),
    "url": (lambda text, _: urls.is_url(text), lambda label, _: messages.url(label)),
    "http_url": (lambda text, _: urls.is_http_url(text), lambda label, _: messages.http_url(label)),
    "date": (lambda text, _: _is_date(text), lambda label, _: messages.date(label)),
    "umax": (lambda text, args: grapheme.count(text) <= args[0],
             lambda label, args: messages.max_chars(label, args[0])),
    "umin": (lambda text, args: grapheme.count(text) >= args[0],
             lambda label, args: messages.min_chars(label, args[0])),
    "mime_type": (lambda text, _: vocab.MIME_TYPE.fullmatch(text) is not None,
                  lambda label, _: messages.mime_type(label)),
    "category": (lambda text, _: text in vocab.CATEGORIES, lambda label, _: messages.category(label)),
    "scope": (lambda text, _: text in vocab.SCOPES, lambda label, _: messages.scope(label)),
    "country": (lambda text, _: vocab.is_country_code(text), lambda label, _: messages.country(label)),
    "bcp47": (lambda text, _: langtags.is_language_tag(text), lambda label, _: messages.language(label)),
    "spdx_expression": (lambda text, _: spdx.is_valid_expression(text),
                        lambda label, _: messages.license_expression(label)),
    "italian_ipa_code": (lambda text, _: vocab.is_ipa_code(text), lambda label, _: messages.ipa_code(label)),
}


def _problem(rule: tuple, value: Any, label: str, parent: dict) -> messages.Text | None:
    name, args = rule[0], rule[1:]
    if name == "required":
        return None if _has_value(value) else messages.required(label)
    if name in ("required_if", "excluded_unless"):
        other, expected = args
        matches = go_text(parent.get(other, "")) == expected
        if name == "required_if":
            return messages.required_if(label, other, expected) if matches and not _has_value(value) else None
        present = _has_value(value)
        return messages.excluded_unless(label, other, expected) if not matches and present else None
    if name == "gt":
        return None if len(value or ()) > args[0] else messages.more_items(label, args[0])
    if name == "bcp47_keys":
        keys_ok = all(langtags.is_language_tag(str(key)) for key in value or ())
        return None if keys_ok else messages.language(label)
    text = go_text(value)
    if name in _TEXT_RULES:
        test, failure = _TEXT_RULES[name]
        # A nil value reaching a text rule (no omitempty/omitnil before it) fails it, as in Go.
        return None if isinstance(text, str) and test(text, args) else failure(label, args)
    if name == "organisation_uri":
        verdict = urls.uri_problem(text, vocab.is_ipa_code) if isinstance(text, str) else "uri"
        if verdict is None:
            return None
        return messages.uri_italian_pa(label) if verdict == "italian_pa" else messages.not_uri(label)
    if name == "supports_id":
        return _supports_problem(text if isinstance(text, str) else "", label)
    raise ValueError(f"unknown rule {name!r}")  # programming error in schema.py


def _supports_problem(text: str, label: str) -> messages.Text | None:
    if text.startswith("alias:"):
        return None if text[len("alias:"):] in vocab.ALIASES else messages.unknown_alias(label)
    return None if urls.uri_problem(text, lambda _code: True) is None else messages.not_uri(label)
