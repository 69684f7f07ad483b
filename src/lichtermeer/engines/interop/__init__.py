"""Interoperability engine (plain Python, no Django): standards register, compatibility, exit score.

    from lichtermeer.engines.interop import load_register, Side, Declaration, compare, ExitFacts, exit_score
    register = load_register()                       # data/interop/standards.yaml (or a path, text, bytes, dict)
    a = Side("The Things Stack", provides=[Declaration("mqtt", "server", "3.1.1")], consumes=[])
    b = Side.from_dict({"name": "Orion-LD", "standards_consumed": [{"standard": "mqtt", "role": "client"}]})
    result = compare(a, b, register)                 # .status connects|adapter|none, .connections, .adapters, ...
    compare_many(a, [b, ...], register)              # per other side, connecting first
    connects(a, b, register)                         # == (compare(...).status == "connects"), much cheaper
    Matcher(a, register).tally(b)                    # Tally(status, connecting, adapters) without the details
    exit_score(ExitFacts(licence="EUPL-1.2", reuse_count=4), DEFAULT_WEIGHTS).score

Modules: register (file format, validation, Register/StandardEntry/Adapter), versions (compatibility rules),
compat (connections, adapters, missing), exitscore (factors, weights, bands), cli. Docs: docs/interop.md.
"""

from __future__ import annotations

from .compat import (
    STATUSES,
    AdapterNeed,
    Compatibility,
    Connection,
    Declaration,
    Matcher,
    MissingNeed,
    Side,
    SideInvalid,
    Tally,
    UnknownStandard,
    compare,
    compare_many,
    connects,
    tally,
)
from .exitscore import (
    ADMISSION_FRACTIONS,
    BANDS,
    DEFAULT_WEIGHTS,
    FACTORS,
    ExitFacts,
    ExitScore,
    Factor,
    FactsInvalid,
    WeightsInvalid,
    exit_score,
    parse_weights,
    validate_weights,
)
from .register import (
    CATEGORIES,
    CONSUMING_ROLES,
    DEFAULT_PATH,
    FORMAT,
    KINDS,
    PROVIDING_ROLES,
    ROLES,
    RULES,
    SCHEMA,
    Adapter,
    Problem,
    Register,
    RegisterInvalid,
    StandardEntry,
    check_document,
    dump_yaml,
    is_standard_id,
    load_register,
    read_data,
    validate_register,
)
from .versions import normalise as normalise_version

__all__ = [
    "ADMISSION_FRACTIONS", "BANDS", "CATEGORIES", "CONSUMING_ROLES", "DEFAULT_PATH", "DEFAULT_WEIGHTS", "FACTORS",
    "FORMAT", "KINDS", "PROVIDING_ROLES", "ROLES", "RULES", "SCHEMA", "STATUSES", "Adapter", "AdapterNeed",
    "Compatibility", "Connection", "Declaration", "ExitFacts", "ExitScore", "Factor", "FactsInvalid", "Matcher",
    "MissingNeed", "Problem", "Register", "RegisterInvalid", "Side", "SideInvalid", "StandardEntry", "Tally",
    "UnknownStandard", "WeightsInvalid", "check_document", "compare", "compare_many", "connects", "dump_yaml",
    "exit_score", "is_standard_id", "load_register", "normalise_version", "parse_weights", "read_data", "tally",
    "validate_register", "validate_weights",
]
