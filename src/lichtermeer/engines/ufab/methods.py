"""The four UfAB methods on a checked `Spec`, with exact arithmetic.

    simplified  only A criteria; the lowest price among the offers that meet them wins (L and Z are None)
    simple      Z = L / P (raw: performance points per currency unit), the highest Z wins
    extended    Z = L / P; offers with Z >= Z_max · (1 − SB) form the band and count as equal; the published
                decision criterion decides among them (performance: highest L, price: lowest P); the offers
                outside the band follow by Z
    weighted    Z = (1 − G_P) · L / 1000 · 100 + G_P · f(P) · 100 with f(P) = P_min / P ("ratio", default) or
                f(P) = max(0, 1 − (P − P_min) / P_min) ("linear", 0 at twice the lowest price); Z runs from 0 to 100

L = Σ weight × points over the B criteria (weights are absolute shares of 100), at most 1000. Offers failing an A
criterion, and with "min_points" offers whose L is below it, are excluded before Z is computed (and before Z_max
and P_min are taken). Sorting is stable on the input order; offers whose sort keys are exactly equal after the
method's rules (and the optional tie_break for simple and weighted) share a rank and are listed in `ties`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .model import (
    L_MAX,
    L_PLACES,
    Evaluation,
    Offer,
    OfferResult,
    Spec,
    Text,
    display,
    round_places,
    round_significant,
)
from .validation import METHOD_NAMES, parse

HUNDRED = Fraction(100)


def evaluate(spec: dict) -> Evaluation:
    """Score `spec` (the CLI's JSON format as a dict); raises UfabInvalid with every problem of the input."""
    parsed = parse(spec)
    weights = _Weights(parsed)
    results = [_screen(parsed, offer, weights) for offer in parsed.offers]
    return _METHODS[parsed.method](parsed, results)


# --- shared steps -----------------------------------------------------------------------------------------


class _Weights:
    """The weights as integers over one common denominator, so that L of integer points is integer arithmetic
    (exact either way; 500 offers × 1,000 criteria in well under a second)."""

    def __init__(self, spec: Spec) -> None:
        self.a_criteria = spec.a_criteria()
        b_criteria = spec.b_criteria()
        self.scale = math.lcm(*(c.weight.denominator for c in b_criteria)) if b_criteria else 1
        self.scaled = {c.id: int(c.weight * self.scale) for c in b_criteria}
        self.two_places = 10**L_PLACES % self.scale == 0  # numerator / scale has at most 2 decimal places

    def shown(self, numerator: int) -> int | float:
        """round_places(numerator / scale), faster for the common denominators 1, 2, 4, 5, 10, 20, 25 …"""
        if numerator % self.scale == 0:
            return numerator // self.scale
        if self.two_places:
            return numerator / self.scale  # int / int is correctly rounded: the float that prints the decimal
        return round_places(Fraction(numerator, self.scale))


def _screen(spec: Spec, offer: Offer, weights: _Weights) -> OfferResult:
    """Stage 1: the A criteria; then L, the weighted points per criterion and group, and the minimum points."""
    result = OfferResult(id=offer.id, title=offer.title, excluded=False, reason_en=None, reason_de=None,
                         price=offer.price_input, price_exact=offer.price)
    failing = [c for c in weights.a_criteria if offer.a.get(c.id) is not True]
    if failing:
        described_en = [_describe(c.id, c.title) + ("" if c.id in offer.a else " (no result given)")
                        for c in failing]
        described_de = [_describe(c.id, c.title) + ("" if c.id in offer.a else " (kein Ergebnis angegeben)")
                        for c in failing]
        if len(failing) == 1:
            result.reason_en = f"fails A criterion {described_en[0]}"
            result.reason_de = f"erfüllt das A-Kriterium {described_de[0]} nicht"
        else:
            result.reason_en = f"fails A criteria {', '.join(described_en)}"
            result.reason_de = f"erfüllt die A-Kriterien {', '.join(described_de)} nicht"
        result.excluded = True
        return result
    if spec.method == "simplified":
        return result
    if all(type(points) is int for points in offer.points.values()):
        numerator = sum(_scaled_points(top, offer, result, weights) for top in spec.criteria)
        total = Fraction(numerator, weights.scale)
    else:
        total = sum((_points(top, offer, result) for top in spec.criteria), Fraction(0))
    result.L_exact, result.L = total, round_places(total)
    if spec.min_points is not None and total < spec.min_points:
        result.excluded = True
        result.reason_en = (f"performance points L = {display(result.L)} below the published minimum of "
                            f"{display(round_places(spec.min_points))}")
        result.reason_de = (f"Leistungspunkte L = {display(result.L, 'de')} unter der veröffentlichten "
                            f"Mindestpunktzahl {display(round_places(spec.min_points), 'de')}")
    return result


def _scaled_points(node, offer: Offer, result: OfferResult, weights: _Weights) -> int:
    """Weight × points of `node` times the common denominator of the weights (integer points only)."""
    if node.kind == "A":
        return 0
    if node.kind == "B":
        value = weights.scaled[node.id] * offer.points[node.id]
        result.criterion_points[node.id] = weights.shown(value)
        return value
    value = sum(_scaled_points(child, offer, result, weights) for child in node.children)
    result.group_points[node.id] = weights.shown(value)
    return value


def _points(node, offer: Offer, result: OfferResult) -> Fraction:
    if node.kind == "A":
        return Fraction(0)
    if node.kind == "B":
        value = node.weight * offer.points[node.id]
        result.criterion_points[node.id] = round_places(value)
        return value
    value = sum((_points(child, offer, result) for child in node.children), Fraction(0))
    result.group_points[node.id] = round_places(value)
    return value


def _describe(identifier: str, title: str) -> str:
    return f"{identifier} '{title}'" if title else identifier


def _percent(fraction: Fraction, lang: str) -> str:
    return f"{display(round_significant(fraction * 100, 10), lang)} %"


def _rank(results: list[OfferResult], key: Callable[[OfferResult], tuple]) -> tuple[list[OfferResult],
                                                                                   list[list[OfferResult]]]:
    """Sort the ranked offers by `key` (stable: input order among equals), give equal keys the same rank
    (1, 2, 2, 4), and return the groups of equal keys."""
    ranked = sorted((r for r in results if not r.excluded), key=key)
    groups: list[list[OfferResult]] = []
    previous = None
    for position, result in enumerate(ranked, start=1):
        current = key(result)
        if groups and current == previous:
            result.rank = groups[-1][0].rank
            groups[-1].append(result)
        else:
            result.rank = position
            groups.append([result])
        previous = current
    ties = [group for group in groups if len(group) > 1]
    for group in ties:
        for result in group:
            others = [o.id for o in group if o is not result]
            result.notes.append(Text(f"tied with {', '.join(others)}: the method's rules do not separate them",
                                     f"gleichauf mit {', '.join(others)}: die Regeln der Methode trennen sie nicht"))
    return ranked, ties


def _note_display_ties(ranked: list[OfferResult]) -> None:
    """Neighbours whose printed Z is equal while the exact values differ get a note (the ranking is exact)."""
    for better, worse in zip(ranked, ranked[1:], strict=False):
        if (better.Z is not None and better.Z == worse.Z and better.Z_exact != worse.Z_exact):
            worse.notes.append(Text(f"Z rounds to the same value as {better.id}'s, but the exact value is lower",
                                    f"Z ist gerundet gleich dem von {better.id}, der genaue Wert ist aber kleiner"))


def _finish(spec: Spec, results: list[OfferResult], ranked: list[OfferResult], ties: list[list[OfferResult]],
            lines: tuple[list[str], list[str]], **extra: Any) -> Evaluation:
    excluded = [r for r in results if r.excluded]
    en, de = lines
    count_en = f"{len(results)} offer{'s' if len(results) != 1 else ''}, {len(excluded)} excluded"
    count_de = f"{len(results)} Angebot{'e' if len(results) != 1 else ''}, {len(excluded)} ausgeschlossen"
    if excluded:
        count_en += " (" + "; ".join(f"{r.id}: {r.reason_en}" for r in excluded) + ")"
        count_de += " (" + "; ".join(f"{r.id}: {r.reason_de}" for r in excluded) + ")"
    en.insert(1, count_en + ".")
    de.insert(1, count_de + ".")
    if not ranked:
        en.append("No offer remains after the exclusions; there is no winner.")
        de.append("Nach den Ausschlüssen bleibt kein Angebot; es gibt keinen Gewinner.")
    for group in ties:
        ids = ", ".join(r.id for r in group)
        if group[0].rank == 1:
            en.append(f"{ids} remain tied for first place: the method's rules do not decide between them; a rule "
                      "published in advance (e.g. drawing lots) has to decide.")
            de.append(f"{ids} liegen gleichauf auf dem ersten Platz: die Regeln der Methode entscheiden nicht "
                      "zwischen ihnen; es entscheidet eine vorab bekanntgemachte Regel (z. B. das Los).")
        else:
            en.append(f"Tied for rank {group[0].rank}: {ids}.")
            de.append(f"Gleichauf auf Rang {group[0].rank}: {ids}.")
    offers = ranked + excluded
    return Evaluation(method=spec.method, parameters=dict(spec.parameters), offers=offers,
                      ranking=[r.id for r in ranked], ties=[[r.id for r in group] for group in ties],
                      explanation_en=" ".join(en), explanation_de=" ".join(de), **extra)


def _heading(spec: Spec, rule_en: str, rule_de: str) -> tuple[list[str], list[str]]:
    name_en, name_de = METHOD_NAMES[spec.method]
    return [f"{name_en[0].upper()}{name_en[1:]} ({rule_en})."], [f"{name_de} ({rule_de})."]


def _tie_break(spec: Spec) -> Callable[[OfferResult], tuple]:
    rule = spec.parameters.get("tie_break")
    if rule == "price":
        return lambda r: (r.price_exact,)
    if rule == "performance":
        return lambda r: (-r.L_exact,)
    return lambda r: ()


def _tie_break_notes(spec: Spec, ranked: list[OfferResult]) -> tuple[list[str], list[str]]:
    """Notes where the published tie-break rule separated offers with equal Z."""
    rule = spec.parameters.get("tie_break")
    en: list[str] = []
    de: list[str] = []
    if rule is None:
        return en, de
    rule_en = "the lower price" if rule == "price" else "the higher performance points L"
    rule_de = "der niedrigere Preis" if rule == "price" else "die höheren Leistungspunkte L"
    for better, worse in zip(ranked, ranked[1:], strict=False):
        if better.Z_exact == worse.Z_exact and better.rank != worse.rank:
            worse.notes.append(Text(f"Z equal to {better.id}'s; the published tie-break rule ({rule_en}) puts "
                                    f"{better.id} first",
                                    f"Z gleich dem von {better.id}; die veröffentlichte Regel bei Gleichstand "
                                    f"({rule_de}) setzt {better.id} vorn"))
            if better.rank == 1:
                en.append(f"{better.id} and {worse.id} have equal Z; the published tie-break rule ({rule_en}) puts "
                          f"{better.id} first.")
                de.append(f"{better.id} und {worse.id} haben das gleiche Z; die veröffentlichte Regel bei "
                          f"Gleichstand ({rule_de}) setzt {better.id} vorn.")
    return en, de


def _winner_line(result: OfferResult, lang: str) -> str:
    if lang == "de":
        return (f"Höchstes Z: {result.id} (Z = {display(result.Z, 'de')}, L = {display(result.L, 'de')}, "
                f"Preis {display(result.price, 'de')}).")
    return f"Highest Z: {result.id} (Z = {display(result.Z)}, L = {display(result.L)}, price {display(result.price)})."


# --- the methods ------------------------------------------------------------------------------------------


def _simplified(spec: Spec, results: list[OfferResult]) -> Evaluation:
    ranked, ties = _rank(results, lambda r: (r.price_exact,))
    en, de = _heading(spec, "only A criteria; the lowest price among the offers that meet all A criteria wins",
                      "nur A-Kriterien; es gewinnt der niedrigste Preis unter den Angeboten, die alle A-Kriterien "
                      "erfüllen")
    p_min = None
    if ranked:
        best = ranked[0]
        p_min = best.price
        en.append(f"Lowest price: {best.id} ({display(best.price)}).")
        de.append(f"Niedrigster Preis: {best.id} ({display(best.price, 'de')}).")
    return _finish(spec, results, ranked, ties, (en, de), p_min=p_min)


def _simple(spec: Spec, results: list[OfferResult]) -> Evaluation:
    for result in results:
        if not result.excluded:
            result.Z_exact = result.L_exact / result.price_exact
            result.Z = round_significant(result.Z_exact)
    tie_break = _tie_break(spec)
    ranked, ties = _rank(results, lambda r: (-r.Z_exact, *tie_break(r)))
    _note_display_ties(ranked)
    en, de = _heading(spec, "Z = L / P, the highest Z wins", "Z = L / P, das höchste Z gewinnt")
    if ranked:
        en.append(_winner_line(ranked[0], "en"))
        de.append(_winner_line(ranked[0], "de"))
    more_en, more_de = _tie_break_notes(spec, ranked)
    return _finish(spec, results, ranked, ties, (en + more_en, de + more_de))


def _extended(spec: Spec, results: list[OfferResult]) -> Evaluation:
    band = spec.band
    assert band is not None
    decision = spec.parameters["decision"]
    ranked_before = [r for r in results if not r.excluded]
    for result in ranked_before:
        result.Z_exact = result.L_exact / result.price_exact
        result.Z = round_significant(result.Z_exact)
    z_max = max((r.Z_exact for r in ranked_before), default=None)
    threshold = z_max * (1 - band) if z_max is not None else None
    for result in ranked_before:
        result.in_band = result.Z_exact >= threshold
        if result.in_band:
            result.notes.append(Text(f"in the band: Z ≥ Z_max · (1 − SB) = {display(round_significant(threshold))}",
                                     f"in der Schwankungsbreite: Z ≥ Z_max · (1 − SB) = "
                                     f"{display(round_significant(threshold), 'de')}"))
        else:
            result.notes.append(Text(f"outside the band: Z < Z_max · (1 − SB) = "
                                     f"{display(round_significant(threshold))}",
                                     f"außerhalb der Schwankungsbreite: Z < Z_max · (1 − SB) = "
                                     f"{display(round_significant(threshold), 'de')}"))

    def key(r: OfferResult) -> tuple:
        if r.in_band:
            return (0, -r.L_exact if decision == "performance" else r.price_exact)
        return (1, -r.Z_exact)

    ranked, ties = _rank(results, key)
    _note_display_ties([r for r in ranked if not r.in_band])
    criterion_en = "highest performance points L" if decision == "performance" else "lowest price"
    criterion_de = "höchste Leistungspunkte L" if decision == "performance" else "niedrigster Preis"
    en, de = _heading(spec, f"Z = L / P; offers with Z ≥ Z_max · (1 − {_percent(band, 'en')}) count as equal, the "
                            f"published decision criterion ({criterion_en}) decides among them",
                      f"Z = L / P; Angebote mit Z ≥ Z_max · (1 − {_percent(band, 'de')}) gelten als gleichwertig, "
                      f"unter ihnen entscheidet das veröffentlichte Entscheidungskriterium ({criterion_de})")
    members = [r for r in ranked if r.in_band]
    extra: dict[str, Any] = {"band_members": [r.id for r in members]}
    if z_max is not None:
        top = [r.id for r in ranked_before if r.Z_exact == z_max]
        z_shown, t_shown = round_significant(z_max), round_significant(threshold)
        extra.update(z_max=z_shown, threshold=t_shown)
        winner = ranked[0]
        value_en = (f"L = {display(winner.L)}" if decision == "performance" else f"price {display(winner.price)}")
        value_de = (f"L = {display(winner.L, 'de')}" if decision == "performance"
                    else f"Preis {display(winner.price, 'de')}")
        en.append(f"Z_max = {display(z_shown)} ({', '.join(top)}); threshold Z_max · (1 − {display(band)}) = "
                  f"{display(t_shown)}. In the band: {', '.join(extra['band_members'])}. The decision criterion "
                  f"({criterion_en}) puts {winner.id} first ({value_en}).")
        de.append(f"Z_max = {display(z_shown, 'de')} ({', '.join(top)}); Schwelle Z_max · (1 − {display(band, 'de')}) "
                  f"= {display(t_shown, 'de')}. In der Schwankungsbreite: {', '.join(extra['band_members'])}. Das "
                  f"Entscheidungskriterium ({criterion_de}) setzt {winner.id} auf den ersten Platz ({value_de}).")
    return _finish(spec, results, ranked, ties, (en, de), **extra)


def _weighted(spec: Spec, results: list[OfferResult]) -> Evaluation:
    g_p = spec.price_weight
    assert g_p is not None
    g_l = 1 - g_p
    formula = spec.parameters.get("price_formula", "ratio")
    remaining = [r for r in results if not r.excluded]
    p_min = min((r.price_exact for r in remaining), default=None)
    for result in remaining:
        if formula == "ratio":
            f = p_min / result.price_exact
        else:
            f = max(Fraction(0), 1 - (result.price_exact - p_min) / p_min)
        result.price_points_exact, result.price_points = f, round_significant(f)
        result.Z_exact = g_l * result.L_exact / L_MAX * HUNDRED + g_p * f * HUNDRED
        result.Z = round_significant(result.Z_exact)
        result.notes.append(Text(f"performance part {display(round_significant(g_l * result.L_exact / L_MAX * 100))}"
                                 f", price points f(P) = {display(result.price_points)}, price part "
                                 f"{display(round_significant(g_p * f * 100))}",
                                 f"Leistungsanteil "
                                 f"{display(round_significant(g_l * result.L_exact / L_MAX * 100), 'de')}, "
                                 f"Preispunkte f(P) = {display(result.price_points, 'de')}, Preisanteil "
                                 f"{display(round_significant(g_p * f * 100), 'de')}"))
    tie_break = _tie_break(spec)
    ranked, ties = _rank(results, lambda r: (-r.Z_exact, *tie_break(r)))
    _note_display_ties(ranked)
    if formula == "ratio":
        f_en = f_de = "f(P) = P_min / P"
    else:
        f_en = "f(P) = max(0, 1 − (P − P_min) / P_min), 0 at twice the lowest price"
        f_de = "f(P) = max(0, 1 − (P − P_min) / P_min), 0 beim doppelten niedrigsten Preis"
    en, de = _heading(spec, f"Z = {_percent(g_l, 'en')} · L / {L_MAX} · 100 + {_percent(g_p, 'en')} · f(P) · 100 "
                            f"with {f_en}; the highest Z wins",
                      f"Z = {_percent(g_l, 'de')} · L / {L_MAX} · 100 + {_percent(g_p, 'de')} · f(P) · 100 mit "
                      f"{f_de}; das höchste Z gewinnt")
    p_shown = round_places(p_min, 6) if p_min is not None else None
    if ranked:
        en.append(f"P_min = {display(p_shown)}. " + _winner_line(ranked[0], "en"))
        de.append(f"P_min = {display(p_shown, 'de')}. " + _winner_line(ranked[0], "de"))
    more_en, more_de = _tie_break_notes(spec, ranked)
    return _finish(spec, results, ranked, ties, (en + more_en, de + more_de), p_min=p_shown)


_METHODS: dict[str, Callable[[Spec, list[OfferResult]], Evaluation]] = {
    "simplified": _simplified,
    "simple": _simple,
    "extended": _extended,
    "weighted": _weighted,
}
