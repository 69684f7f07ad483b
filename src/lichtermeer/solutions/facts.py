"""Validation of platform facts: what a solution page needs beyond publiccode.yml."""

from dataclasses import dataclass

from . import vocab

FACT_KEYS = {
    "domains",
    "hosting_models",
    "standards_provided",
    "standards_consumed",
    "price_model",
    "price_note",
    "listing_status",
    "demo",
    "organisation",
}


@dataclass(frozen=True)
class FactError:
    key: str
    message_en: str
    message_de: str


def _check_list(facts: dict, key: str, allowed: dict, errors: list[FactError]) -> None:
    values = facts.get(key, [])
    if not isinstance(values, list):
        errors.append(FactError(key, "must be a list", "muss eine Liste sein"))
        return
    for index, value in enumerate(values):
        if value not in allowed:
            errors.append(
                FactError(
                    f"{key}[{index}]",
                    f"unknown value {value!r}; allowed: {', '.join(sorted(allowed))}",
                    f"unbekannter Wert {value!r}; erlaubt: {', '.join(sorted(allowed))}",
                )
            )


def known_standards() -> set[str]:
    """The ids a solution may declare: every standard of the standards register (interop app; retired ones too,
    so that existing declarations stay valid). Before the register is loaded: the flat list of vocab.STANDARDS."""
    from django.db import DatabaseError

    try:
        from lichtermeer.interop.selectors import register

        ids = set(register().standards)
    except DatabaseError:  # the register's table does not exist yet (before migrate)
        ids = set()
    return ids or set(vocab.STANDARDS)


def _check_standards(facts: dict, key: str, errors: list[FactError], known: set[str]) -> None:
    entries = facts.get(key, [])
    if not isinstance(entries, list):
        errors.append(FactError(key, "must be a list", "muss eine Liste sein"))
        return
    for index, entry in enumerate(entries):
        where = f"{key}[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("standard"), str) or entry["standard"] not in known:
            errors.append(FactError(where, "unknown standard (not in the standards register)",
                                    "unbekannter Standard (nicht im Register der Standards)"))
            continue
        if entry.get("role") and entry["role"] not in vocab.STANDARD_ROLES:
            errors.append(FactError(f"{where}.role", "unknown role", "unbekannte Rolle"))
        if not isinstance(entry.get("version", ""), str):
            errors.append(FactError(f"{where}.version", "must be text", "muss Text sein"))


def validate_facts(facts: dict) -> list[FactError]:
    if not isinstance(facts, dict):
        return [FactError("", "platform facts must be a mapping", "Plattformangaben müssen eine Zuordnung sein")]
    errors: list[FactError] = []
    for key in sorted(set(facts) - FACT_KEYS):
        errors.append(FactError(key, "unknown key", "unbekannter Schlüssel"))
    _check_list(facts, "domains", vocab.DOMAINS, errors)
    _check_list(facts, "hosting_models", vocab.HOSTING_MODELS, errors)
    if "standards_provided" in facts or "standards_consumed" in facts:
        known = known_standards()
        _check_standards(facts, "standards_provided", errors, known)
        _check_standards(facts, "standards_consumed", errors, known)
    price_model = facts.get("price_model", "")
    if price_model and price_model not in vocab.PRICE_MODELS:
        errors.append(FactError("price_model", "unknown price model", "unbekanntes Preismodell"))
    price_note = facts.get("price_note", {})
    if not isinstance(price_note, dict) or not all(isinstance(v, str) for v in price_note.values()):
        errors.append(
            FactError("price_note", "must map languages to text", "muss Sprachen auf Text abbilden")
        )
    return errors
