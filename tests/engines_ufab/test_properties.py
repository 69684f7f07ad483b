"""Properties of the maths (hypothesis): monotonicity, price scaling, exact band edges, ties, offer order."""

from __future__ import annotations

import copy
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lichtermeer.engines.ufab import evaluate
from lichtermeer.engines.ufab.model import round_places, round_significant

PRICES = st.one_of(st.sampled_from([50, 80, 100, 120, 200, 400]), st.integers(1, 10**6))
POINTS = st.one_of(st.integers(0, 10), st.integers(0, 20).map(lambda half: half / 2))
SCORED = ("simple", "extended", "weighted")


@st.composite
def criteria(draw) -> list[dict]:
    count = draw(st.integers(1, 4))
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=count - 1, max_size=count - 1)))
    weights = [high - low for low, high in zip([0, *cuts], [*cuts, 100], strict=True)]
    items: list[dict] = [{"id": "A1", "kind": "A"}]
    b = [{"id": f"B{i}", "kind": "B", "weight": w} for i, w in enumerate(weights)]
    if count >= 2 and draw(st.booleans()):  # the first two in a group
        items.append({"id": "G", "kind": "group", "weight": weights[0] + weights[1], "criteria": b[:2]})
        items.extend(b[2:])
    else:
        items.extend(b)
    return items


@st.composite
def specs(draw, methods=("simplified", *SCORED)) -> dict:
    method = draw(st.sampled_from(methods))
    if method == "simplified":
        tree = [{"id": "A1", "kind": "A"}, {"id": "A2", "kind": "A"}]
        b_ids: list[str] = []
    else:
        tree = draw(criteria())
        b_ids = [c["id"] for top in tree for c in (top.get("criteria") or [top]) if c["kind"] == "B"]
    a_ids = [c["id"] for c in tree if c["kind"] == "A"]
    # Half of the time the offers are close to each other, so bands hold several offers and ties are common.
    close = draw(st.booleans())
    base = {b: draw(st.integers(4, 9)) for b in b_ids}
    offers = []
    for index in range(draw(st.integers(1, 6))):
        if close:  # the same points as every other offer but one criterion ±1, prices within ±5 %
            points = dict(base)
            if b_ids and draw(st.booleans()):
                changed = draw(st.sampled_from(b_ids))
                points[changed] += draw(st.sampled_from([-1, 1]))
            price = draw(st.sampled_from([95, 98, 100, 102, 105]))
        else:
            points = {b: draw(POINTS) for b in b_ids}
            price = draw(PRICES)
        offers.append({
            "id": f"O{index}",
            "price": price,
            "a": {a: draw(st.sampled_from([True, True, True, True, False])) for a in a_ids},
            "points": points,
        })
    data: dict = {"method": method, "criteria": tree, "offers": offers}
    if method == "extended":
        data["band"] = draw(st.one_of(st.sampled_from([0.05, 0.1]), st.integers(1, 100).map(lambda k: k / 1000)))
        data["decision"] = draw(st.sampled_from(["performance", "price"]))
    if method == "weighted":
        data["price_weight"] = draw(st.integers(1, 99)) / 100
        data["price_formula"] = draw(st.sampled_from(["ratio", "linear"]))
    if method in ("simple", "weighted"):
        rule = draw(st.sampled_from([None, "price", "performance"]))
        if rule:
            data["tie_break"] = rule
    if method != "simplified" and draw(st.integers(0, 4)) == 0:
        data["min_points"] = draw(st.integers(1, 1000))
    return data


def ranks(result) -> dict:
    return {o.id: o.rank for o in result.offers}


def assert_not_worse(before, after, offer_id: str) -> None:
    """The offer keeps every lead it had, a shared rank becomes at worst shared, and it is not newly excluded."""
    b, a = ranks(before), ranks(after)
    if b[offer_id] is not None:
        assert a[offer_id] is not None
    if a[offer_id] is None:
        return
    for other in b:
        if other == offer_id or b[other] is None or b[offer_id] is None:
            continue
        assert a[other] is not None
        if b[offer_id] < b[other]:
            assert a[offer_id] < a[other], (offer_id, other, b, a)
        elif b[offer_id] == b[other]:
            assert a[offer_id] <= a[other], (offer_id, other, b, a)


@settings(max_examples=300, deadline=None)
@given(specs(SCORED), st.data())
def test_raising_one_offers_points_never_worsens_its_position(data, draw):
    offers = data["offers"]
    index = draw.draw(st.integers(0, len(offers) - 1))
    offer = offers[index]
    raisable = [b for b, p in offer["points"].items() if p < 10]
    if not raisable:
        return
    criterion = draw.draw(st.sampled_from(raisable))
    before = evaluate(data)
    changed = copy.deepcopy(data)
    changed["offers"][index]["points"][criterion] = draw.draw(st.integers(int(offer["points"][criterion]) + 1, 10))
    after = evaluate(changed)
    assert_not_worse(before, after, offer["id"])
    old, new = before.offer(offer["id"]), after.offer(offer["id"])
    if old.Z_exact is not None:
        assert new.Z_exact >= old.Z_exact and new.L_exact > old.L_exact


@settings(max_examples=300, deadline=None)
@given(specs(), st.data())
def test_lowering_one_offers_price_never_worsens_its_position(data, draw):
    offers = data["offers"]
    index = draw.draw(st.integers(0, len(offers) - 1))
    if offers[index]["price"] <= 1:
        return
    before = evaluate(data)
    changed = copy.deepcopy(data)
    price = int(offers[index]["price"] - 0.5)  # the largest integer below the price
    changed["offers"][index]["price"] = draw.draw(st.one_of(st.integers(max(1, price * 9 // 10), price),
                                                            st.integers(1, price)))
    after = evaluate(changed)
    assert_not_worse(before, after, offers[index]["id"])
    old, new = before.offer(offers[index]["id"]), after.offer(offers[index]["id"])
    if old.Z_exact is not None:
        assert new.Z_exact >= old.Z_exact


@settings(max_examples=200, deadline=None)
@given(specs(), st.integers(2, 1000))
def test_scaling_every_price_by_one_factor_keeps_the_ranking(data, factor):
    before = evaluate(data)
    scaled = copy.deepcopy(data)
    for offer in scaled["offers"]:
        offer["price"] *= factor
    after = evaluate(scaled)
    assert ranks(after) == ranks(before) and after.ranking == before.ranking and after.ties == before.ties
    assert after.band_members == before.band_members
    for old, new in zip(before.offers, after.offers, strict=True):
        if old.Z_exact is None:
            continue
        if data["method"] == "weighted":
            assert new.Z_exact == old.Z_exact
        else:
            assert new.Z_exact == old.Z_exact / factor


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 100), st.integers(1, 1000), st.integers(1, 10), st.integers(10**5, 10**6),
       st.sampled_from(["performance", "price"]))
def test_an_offer_exactly_at_the_band_edge_is_in_and_one_cent_more_is_out(permille, unit, points, third, decision):
    # Z(top) = 1000 / ((1000 − k)·m); Z(edge) = 100·p / (100·p·m) = 1/m = Z(top) · (1 − k/1000) exactly;
    # Z(other) = 100 / price ≤ 0.001 < Z(top), so "top" is Z_max.
    criteria = [{"id": "B1", "kind": "B", "weight": 100}]
    offers = [{"id": "top", "price": (1000 - permille) * unit, "points": {"B1": 10}},
              {"id": "edge", "price": 100 * points * unit, "points": {"B1": points}},
              {"id": "other", "price": third, "points": {"B1": 1}}]
    data = {"method": "extended", "band": permille / 1000, "decision": decision, "criteria": criteria,
            "offers": offers}
    result = evaluate(data)
    edge = result.offer("edge")
    z_max = result.offer("top").Z_exact
    assert z_max == max(o.Z_exact for o in result.offers)
    assert edge.Z_exact == z_max * (1 - Fraction(permille, 1000))
    assert edge.in_band and "edge" in result.band_members
    offers[1]["price"] += 0.01
    assert not evaluate(data).offer("edge").in_band


@settings(max_examples=200, deadline=None)
@given(specs(), st.data())
def test_a_copy_of_an_offer_is_tied_with_it(data, draw):
    index = draw.draw(st.integers(0, len(data["offers"]) - 1))
    twin = copy.deepcopy(data["offers"][index])
    original = twin["id"]
    twin["id"] = "twin"
    data["offers"].append(twin)
    result = evaluate(data)
    a, b = result.offer(original), result.offer("twin")
    assert a.excluded == b.excluded
    if not a.excluded:
        assert a.rank == b.rank and a.Z_exact == b.Z_exact
        assert any(original in group and "twin" in group for group in result.ties)
    for group in result.ties:
        assert len(group) > 1 and len({result.offer(i).rank for i in group}) == 1


@settings(max_examples=200, deadline=None)
@given(specs(), st.data())
def test_the_order_of_the_offers_changes_nothing_but_the_order_within_ties(data, draw):
    before = evaluate(data)
    shuffled = copy.deepcopy(data)
    shuffled["offers"] = draw.draw(st.permutations(shuffled["offers"]))
    after = evaluate(shuffled)
    assert ranks(after) == ranks(before)
    assert {frozenset(g) for g in after.ties} == {frozenset(g) for g in before.ties}
    assert after.band_members == before.band_members or set(after.band_members) == set(before.band_members)
    for old in before.offers:
        new = after.offer(old.id)
        assert (new.excluded, new.L_exact, new.Z_exact, new.reason_en) == (
            old.excluded, old.L_exact, old.Z_exact, old.reason_en)
    position = {o["id"]: i for i, o in enumerate(shuffled["offers"])}
    for group in after.ties:  # documented: tied offers keep the input order
        assert [position[i] for i in group] == sorted(position[i] for i in group)


@settings(max_examples=200, deadline=None)
@given(specs())
def test_printed_numbers_are_the_rounded_exact_values_and_stay_in_range(data):
    result = evaluate(data)
    assert result.ranking == [o.id for o in result.offers if not o.excluded]
    assert [o.rank for o in result.offers if not o.excluded] == sorted(
        o.rank for o in result.offers if not o.excluded)
    for o in result.offers:
        if o.L_exact is not None:
            assert 0 <= o.L_exact <= 1000 and round_places(o.L_exact) == o.L
        if o.Z_exact is not None:
            assert round_significant(o.Z_exact) == o.Z
            if data["method"] == "weighted":
                assert 0 <= o.Z_exact <= 100
    if result.ranking and data["method"] in ("simple", "weighted"):
        best = max(o.Z_exact for o in result.offers if not o.excluded)
        assert result.offer(result.ranking[0]).Z_exact == best
    if result.ranking and data["method"] == "simplified":
        assert result.offer(result.ranking[0]).price_exact == min(
            o.price_exact for o in result.offers if not o.excluded)
