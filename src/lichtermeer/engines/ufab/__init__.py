"""Evaluation of offers after the UfAB 2018 (Unterlage für Ausschreibung und Bewertung von IT-Leistungen), plain
Python without Django.

    from lichtermeer.engines.ufab import evaluate, validate, UfabInvalid, Problem, Evaluation
    problems = validate(spec)          # [Problem(path="offers[1].price", en="…", de="…")], empty when clean
    result = evaluate(spec)            # raises UfabInvalid(problems) when validate() finds any
    result.to_json("de")               # {"offers": [{"id", "excluded", "reason", "L", "Z"}], "ranking": [...]}
    result.ranking, result.ties, result.offers[0].criterion_points, result.explanation_de

`spec` is the JSON format of `lichtermeer ufab evaluate FILE.json`: method simplified|simple|extended|weighted,
its parameters (band, decision, price_weight, price_formula, tie_break, min_points – only those the method
uses), criteria (A: exclusion, B: weight and 0–10 points, group: weight and nested criteria; weights of one level
add up to 100 or to the group's weight) and offers (id, price, a: {A id: bool}, points: {B id: 0..10}).
Formulas, rounding, ties and two worked examples: docs/ufab.md. Modules: model (types, exact numbers, display),
validation, methods, cli.
"""

from __future__ import annotations

from .methods import evaluate
from .model import (
    DECISIONS,
    KINDS,
    L_MAX,
    MAX_CRITERIA,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_OFFERS,
    METHODS,
    PRICE_FORMULAS,
    TIE_BREAKS,
    Criterion,
    Evaluation,
    Offer,
    OfferResult,
    Problem,
    Spec,
    Text,
    UfabInvalid,
)
from .validation import METHOD_NAMES, PARAMETERS, parse, validate

__all__ = [
    "DECISIONS",
    "KINDS",
    "L_MAX",
    "MAX_CRITERIA",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_OFFERS",
    "METHODS",
    "METHOD_NAMES",
    "PARAMETERS",
    "PRICE_FORMULAS",
    "TIE_BREAKS",
    "Criterion",
    "Evaluation",
    "Offer",
    "OfferResult",
    "Problem",
    "Spec",
    "Text",
    "UfabInvalid",
    "evaluate",
    "parse",
    "validate",
]
