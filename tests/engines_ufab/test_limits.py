"""The largest input the limits allow is scored quickly; one more offer or criterion is refused."""

import time

from lichtermeer.engines.ufab import MAX_CRITERIA, MAX_OFFERS, evaluate, validate


def largest(offers: int = MAX_OFFERS, criteria: int = MAX_CRITERIA) -> dict:
    count = criteria - 1  # plus one A criterion
    weights = [{"id": f"B{i}", "kind": "B", "weight": 0.1} for i in range(count - 1)]
    weights.append({"id": "BX", "kind": "B", "weight": round(100 - 0.1 * (count - 1), 1)})
    tree = [{"id": "A1", "kind": "A"}, *weights]
    ids = [c["id"] for c in weights]
    return {"method": "weighted", "price_weight": 0.3, "criteria": tree,
            "offers": [{"id": f"O{o}", "price": 1000 + o, "a": {"A1": True},
                        "points": {b: (o + i) % 11 for i, b in enumerate(ids)}} for o in range(offers)]}


def test_the_largest_allowed_input_is_scored_in_seconds():
    data = largest()
    started = time.perf_counter()
    result = evaluate(data)
    elapsed = time.perf_counter() - started
    assert len(result.ranking) == MAX_OFFERS and len(result.offers[0].criterion_points) == MAX_CRITERIA - 1
    assert elapsed < 10, elapsed  # about 0.7 s here


def test_one_more_offer_or_criterion_is_refused():
    assert validate(largest(offers=3)) == []
    assert [p.path for p in validate(largest(offers=MAX_OFFERS + 1))] == ["offers"]
    assert [p.path for p in validate(largest(offers=3, criteria=MAX_CRITERIA + 1))] == ["criteria"]
