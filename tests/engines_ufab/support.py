"""Builders for UfAB inputs: a small valid catalogue and offers, changed per test."""

from __future__ import annotations

import copy
from pathlib import Path

EXAMPLES = Path(__file__).parent / "examples"

CRITERIA = [
    {"id": "A1", "kind": "A", "title": "Hosting in the EU"},
    {"id": "B1", "kind": "B", "weight": 60},
    {"id": "B2", "kind": "B", "weight": 40},
]


def offer(identifier: str, price, b1=5, b2=5, *, a=True) -> dict:
    return {"id": identifier, "price": price, "a": {"A1": a}, "points": {"B1": b1, "B2": b2}}


def spec(method: str = "simple", offers: list[dict] | None = None, criteria: list[dict] | None = None,
         **parameters) -> dict:
    data = {"method": method, **parameters,
            "criteria": copy.deepcopy(CRITERIA if criteria is None else criteria),
            "offers": offers if offers is not None else [offer("X", 100000, 8, 6), offer("Y", 80000, 6, 6)]}
    return data


def simplified(offers: list[dict] | None = None) -> dict:
    criteria = [{"id": "A1", "kind": "A"}, {"id": "A2", "kind": "A"}]
    offers = offers if offers is not None else [
        {"id": "X", "price": 100, "a": {"A1": True, "A2": True}},
        {"id": "Y", "price": 80, "a": {"A1": True, "A2": False}},
        {"id": "Z", "price": 90, "a": {"A1": True, "A2": True}},
    ]
    return {"method": "simplified", "criteria": criteria, "offers": offers}
