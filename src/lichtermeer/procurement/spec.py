"""Between an evaluation (models) and the UfAB engine: the engine's input built from the criteria, offers and points;
the engine's problems mapped back to the criteria and offers they are about; the stored result; the content of the
Vergabevermerk.

The engine (lichtermeer.engines.ufab, pure Python) checks the input completely before it scores anything, so a
page shows either the problems or a result, never both. The app adds one check the engine leaves open: an A
criterion without a result for an offer (the engine would read it as "not met" and exclude the offer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .models import Criterion, Evaluation, Offer, Score

PRICE_FORMULAS = ("ratio", "linear")
TIE_BREAKS = ("price", "performance")
# Which parameters each method takes (the engine refuses parameters a method does not use).
METHOD_PARAMETERS = {
    "simplified": (),
    "simple": ("tie_break",),
    "extended": ("band", "decision"),
    "weighted": ("price_weight", "price_formula", "tie_break"),
}
METHOD_NAMES_DE = {
    "simplified": "Vereinfachte Leistungs-/Preis-Methode",
    "simple": "Einfache Richtwertmethode",
    "extended": "Erweiterte Richtwertmethode",
    "weighted": "Gewichtete Richtwertmethode",
}
SOURCE_MAX = 500


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number (int when whole); the engine reads floats exactly through their shortest repr."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def requirement_sources(data: dict) -> dict[str, str]:
    """The references of a catalogue requirement as one citation text ("source, ref; …") and the first URL."""
    parts, url = [], ""
    for reference in data.get("references") or []:
        if not isinstance(reference, dict):
            continue
        text = str(reference.get("source") or "").strip()
        if reference.get("ref"):
            text = f"{text}, {reference['ref']}" if text else str(reference["ref"])
        if text:
            parts.append(text)
        if not url and isinstance(reference.get("url"), str) and reference["url"].startswith(("https://", "http://")):
            url = reference["url"]
    return {"text": "; ".join(parts), "url": url}


# --- building the input -----------------------------------------------------------------------------------------


@dataclass
class Built:
    spec: dict[str, Any]
    criteria_by_path: dict[str, Criterion]
    criteria_by_code: dict[str, Criterion]
    offers_by_path: dict[str, Offer]
    offers_by_code: dict[str, Offer]
    criteria: list[Criterion]
    offers: list[Offer]


def build(evaluation: Evaluation) -> Built:
    criteria = list(evaluation.criteria.order_by("position", "id"))
    offers = list(evaluation.offers.select_related("solution").order_by("position", "id"))
    scores: dict[tuple[int, int], Score] = {
        (s.offer_id, s.criterion_id): s for s in Score.objects.filter(offer__evaluation=evaluation)
    }
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    by_path: dict[str, Criterion] = {}

    def entries(parent_id, path: str, depth: int) -> list[dict]:
        result = []
        for index, criterion in enumerate(children.get(parent_id, [])):
            here = f"{path}[{index}]"
            by_path[here] = criterion
            entry: dict[str, Any] = {"id": criterion.code, "kind": criterion.kind, "title": criterion.title[:500]}
            if criterion.kind != Criterion.Kind.A:
                entry["weight"] = number(criterion.weight)
                if entry["weight"] is None:
                    del entry["weight"]  # the engine reports the missing weight at its path
            if criterion.requirement_id:
                entry["requirement_id"] = criterion.requirement_id
            if criterion.source:
                entry["source"] = criterion.source[:SOURCE_MAX]
            if criterion.kind == Criterion.Kind.GROUP:
                entry["criteria"] = entries(criterion.pk, f"{here}.criteria", depth + 1) if depth < 10 else []
            result.append(entry)
        return result

    spec: dict[str, Any] = {"method": evaluation.method, "title": evaluation.title[:500]}
    for name in METHOD_PARAMETERS.get(evaluation.method, ()):
        value = getattr(evaluation, name)
        if isinstance(value, Decimal):
            spec[name] = number(value)
        elif value:
            spec[name] = value
    spec["criteria"] = entries(None, "criteria", 1)
    offer_entries, offers_by_path = [], {}
    for index, offer in enumerate(offers):
        offers_by_path[f"offers[{index}]"] = offer
        entry: dict[str, Any] = {"id": offer.code, "title": offer.bidder[:500], "price": number(offer.price),
                                 "a": {}, "points": {}}
        for criterion in criteria:
            score = scores.get((offer.pk, criterion.pk))
            if criterion.kind == Criterion.Kind.A and score is not None and score.passed is not None:
                entry["a"][criterion.code] = score.passed
            elif criterion.kind == Criterion.Kind.B and score is not None and score.points is not None:
                entry["points"][criterion.code] = score.points
        offer_entries.append(entry)
    spec["offers"] = offer_entries
    return Built(spec=spec, criteria_by_path=by_path, criteria_by_code={c.code: c for c in criteria},
                 offers_by_path=offers_by_path, offers_by_code={o.code: o for o in offers}, criteria=criteria,
                 offers=offers)


# --- problems ----------------------------------------------------------------------------------------------------


@dataclass
class Problem:
    """An engine problem (or one of ours) with the criterion and/or offer it is about."""

    path: str
    en: str
    de: str
    criterion: Criterion | None = None
    offer: Offer | None = None
    field: str = ""  # "price", "points", "a", "weight", …

    def message(self, lang: str = "de") -> str:
        return self.de if lang == "de" else self.en

    def subject(self, lang: str = "de") -> str:
        """Which offer and criterion, in words: „Angebot „X“, Kriterium B2 „Titel“"."""
        parts = []
        if self.offer is not None:
            parts.append(f"Angebot „{self.offer.bidder}“" if lang == "de" else f"offer “{self.offer.bidder}”")
        if self.criterion is not None:
            what = ("Gruppe" if lang == "de" else "group") if self.criterion.kind == "group" else (
                "Kriterium" if lang == "de" else "criterion")
            quoted = f"„{self.criterion.title}“" if lang == "de" else f"“{self.criterion.title}”"
            parts.append(f"{what} {self.criterion.code} {quoted}")
        if not parts:
            if self.path.startswith("offers"):
                parts.append("Angebote" if lang == "de" else "offers")
            elif self.path.startswith("criteria"):
                parts.append("Kriterien" if lang == "de" else "criteria")
            else:
                parts.append("Methode" if lang == "de" else "method")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "en": self.en, "de": self.de, "field": self.field,
                "criterion": self.criterion.code if self.criterion else None,
                "offer": self.offer.pk if self.offer else None}


_OFFER_PATH = re.compile(r"^(offers\[\d+\])(?:\.(\w+)(?:\.(.+)|\[\"(.+)\"\])?)?$")


def map_problem(problem, built: Built) -> Problem:
    path = problem.path
    offer_match = _OFFER_PATH.match(path)
    if offer_match:
        offer = built.offers_by_path.get(offer_match.group(1))
        field_name = offer_match.group(2) or ""
        code = offer_match.group(3) or offer_match.group(4) or ""
        return Problem(path, problem.en, problem.de, criterion=built.criteria_by_code.get(code), offer=offer,
                       field=field_name)
    if path.startswith("criteria"):
        best = ""
        for known in built.criteria_by_path:
            if (path == known or path.startswith(known + ".") or path.startswith(known + "[")) and len(known) > len(
                    best):
                best = known
        criterion = built.criteria_by_path.get(best)
        rest = path[len(best):].lstrip(".") if best else ""
        return Problem(path, problem.en, problem.de, criterion=criterion, field=rest.split(".")[0] if rest else "")
    return Problem(path, problem.en, problem.de, field=path.split(".")[0])


def own_problems(built: Built) -> list[Problem]:
    """An A criterion needs a result (met / not met) for every offer."""
    problems = []
    a_codes = [c for c in built.criteria if c.kind == Criterion.Kind.A]
    for index, entry in enumerate(built.spec["offers"]):
        for criterion in a_codes:
            if criterion.code not in entry["a"]:
                problems.append(Problem(
                    f"offers[{index}].a.{criterion.code}",
                    "no result: mark the A criterion as met or not met",
                    "kein Ergebnis: kennzeichnen Sie das A-Kriterium als erfüllt oder nicht erfüllt",
                    criterion=criterion, offer=built.offers_by_path[f"offers[{index}]"], field="a"))
    return problems


# --- running the engine ------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    built: Built
    problems: list[Problem] = field(default_factory=list)
    result: Any = None  # the engine's Evaluation
    record: dict[str, Any] = field(default_factory=dict)


def run(evaluation: Evaluation) -> Outcome:
    from lichtermeer.engines import ufab

    built = build(evaluation)
    problems = own_problems(built) + [map_problem(p, built) for p in ufab.validate(built.spec)]
    if problems:
        return Outcome(built, problems=problems)
    result = ufab.evaluate(built.spec)
    return Outcome(built, result=result, record=stored_result(built, result))


def stored_result(built: Built, result) -> dict[str, Any]:
    """What the evaluation keeps of a run (JSON): the engine's full record plus the names behind the ids."""
    record = result.to_record()
    record["spec"] = built.spec
    record["names"] = {
        "offers": {o.code: {"pk": o.pk, "bidder": o.bidder, "solution": o.solution.slug if o.solution_id else None}
                   for o in built.offers},
        "criteria": {c.code: {"title": c.title, "kind": c.kind} for c in built.criteria},
    }
    return record


def vermerk(evaluation: Evaluation, outcome: Outcome, *, actor, at) -> dict[str, Any]:
    """The content of the audit entry `procurement.evaluation_recorded` (the Vergabevermerk)."""
    from . import evbit

    result = outcome.result
    contract = evbit.get(evaluation.evb_it)
    organisation = evaluation.organisation
    municipality = getattr(organisation, "municipality", None)
    built = outcome.built
    parents = {c.pk: c.code for c in built.criteria}
    return {
        "evaluation": {
            "id": evaluation.pk, "title": evaluation.title, "reference": evaluation.reference,
            "subject": evaluation.subject,
            "organisation": {"id": organisation.pk, "name": organisation.name, "slug": organisation.slug,
                             "ags": municipality.ags if municipality is not None else None},
            "evb_it": {"code": contract.code, "name": contract.name, "url": contract.url} if contract else None,
            "shortlist": evaluation.shortlist_id,
        },
        "method": {"code": evaluation.method, "name_de": METHOD_NAMES_DE.get(evaluation.method, ""),
                   "parameters": dict(result.parameters)},
        "explanation": {"en": result.explanation_en, "de": result.explanation_de},
        "catalogue_versions": sorted({c.catalogue_version for c in built.criteria if c.catalogue_version}),
        "criteria": [
            {"id": c.code, "kind": c.kind, "title": c.title, "weight": number(c.weight),
             "parent": parents.get(c.parent_id, ""), "requirement_id": c.requirement_id,
             "catalogue_version": c.catalogue_version, "obligation": c.obligation, "source": c.source,
             "source_url": c.source_url, "own": not c.requirement_id}
            for c in built.criteria
        ],
        "offers": [{"id": o.code, "bidder": o.bidder, "solution": o.solution.slug if o.solution_id else None,
                    "price": str(o.price) if o.price is not None else None} for o in built.offers],
        "spec": built.spec,
        "result": result.to_record(),
        "ranking": [built.offers_by_code[i].bidder for i in result.ranking if i in built.offers_by_code],
        "actor": {"id": actor.pk, "label": str(actor)},
        "recorded_at": at.isoformat(),
    }
