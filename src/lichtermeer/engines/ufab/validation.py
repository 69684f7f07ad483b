"""Validation of the input: every problem at once, with its path and an English and a German message.

`validate(spec)` returns the problems (empty when the input can be scored); `parse(spec)` returns the checked
input as a `Spec` with exact numbers or raises `UfabInvalid`. Nothing is scored before the input is clean.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

from .model import (
    BAND_MAX,
    DECISIONS,
    KINDS,
    L_MAX,
    MAX_CRITERIA,
    MAX_DEPTH,
    MAX_ID_LENGTH,
    MAX_OFFERS,
    MAX_PRICE,
    MAX_PROBLEMS,
    MAX_TITLE_LENGTH,
    METHODS,
    NOT_FINITE,
    POINTS_MAX,
    PRICE_FORMULAS,
    TIE_BREAKS,
    TOO_LARGE,
    WEIGHT_TOTAL,
    Criterion,
    Offer,
    Problem,
    Spec,
    UfabInvalid,
    display,
    exact,
    round_places,
    round_significant,
)

# Which parameter each method uses; a parameter given to a method that does not use it is a problem.
PARAMETERS: dict[str, tuple[str, ...]] = {
    "simplified": (),
    "simple": ("tie_break", "min_points"),
    "extended": ("band", "decision", "min_points"),
    "weighted": ("price_weight", "price_formula", "tie_break", "min_points"),
}
ALL_PARAMETERS = ("band", "decision", "price_weight", "price_formula", "tie_break", "min_points")
TOP_KEYS = ("method", "criteria", "offers", "title", *ALL_PARAMETERS)
TEXT_KEYS = {"title": MAX_TITLE_LENGTH, "description": 4 * MAX_TITLE_LENGTH, "requirement_id": MAX_ID_LENGTH,
             "source": MAX_TITLE_LENGTH}
CRITERION_KEYS = {"A": ("id", "kind", *TEXT_KEYS), "B": ("id", "kind", "weight", *TEXT_KEYS),
                  "group": ("id", "kind", "weight", "criteria", *TEXT_KEYS)}
OFFER_KEYS = ("id", "title", "price", "a", "points")
METHOD_NAMES = {
    "simplified": ("simplified performance/price method", "Vereinfachte Leistungs-/Preis-Methode"),
    "simple": ("simple benchmark method", "Einfache Richtwertmethode"),
    "extended": ("extended benchmark method", "Erweiterte Richtwertmethode"),
    "weighted": ("weighted benchmark method", "Gewichtete Richtwertmethode"),
}
_DATIVE_DE = {"simplified": "Vereinfachten Leistungs-/Preis-Methode", "simple": "Einfachen Richtwertmethode",
              "extended": "Erweiterten Richtwertmethode", "weighted": "Gewichteten Richtwertmethode"}
_ARTICLE_EN = {"A": "an A criterion", "B": "a B criterion", "group": "a group"}
_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def key_path(path: str, key: str) -> str:
    """`offers[0].points` + `B1` -> `offers[0].points.B1`; keys that are not plain names go in brackets."""
    if _SIMPLE_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _quote(value: Any, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=repr)
    text = _CONTROL.sub("?", text)
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def _listing(values) -> str:
    return ", ".join(values) if values else "–"


def _type_en(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a number" if exact(value) is not None else type(value).__name__


def _type_de(value: Any) -> str:
    return {"null": "null", "a boolean": "ein Wahrheitswert", "a string": "ein Text", "a list": "eine Liste",
            "an object": "ein Objekt", "a number": "eine Zahl"}.get(_type_en(value), type(value).__name__)


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, path: str, en: str, de: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(path, en, de))
        else:
            self.more += 1

    def result(self) -> list[Problem]:
        if not self.more:
            return list(self.items)
        return [*self.items, Problem("", f"{self.more} more problems not listed",
                                     f"{self.more} weitere Probleme nicht aufgeführt")]

    def __bool__(self) -> bool:
        return bool(self.items)


class _Checker:
    def __init__(self, spec: Any) -> None:
        self.spec = spec
        self.problems = _Problems()
        self.method: str | None = None
        self.parameters: dict[str, Any] = {}
        self.band: Fraction | None = None
        self.price_weight: Fraction | None = None
        self.min_points: Fraction | None = None
        self.criteria: list[Criterion] = []
        self.criteria_known = False  # the criteria list could be read, so offers can be checked against it
        self.kinds: dict[str, str] = {}  # criterion id -> kind
        self.offers: list[Offer] = []

    def add(self, path: str, en: str, de: str) -> None:
        self.problems.add(path, en, de)

    # --- the whole input ----------------------------------------------------------------------------------

    def run(self) -> None:
        spec = self.spec
        if not isinstance(spec, dict):
            self.add("", f"the input must be a JSON object, not {_type_en(spec)}",
                     f"Die Eingabe muss ein JSON-Objekt sein, nicht {_type_de(spec)}")
            return
        for key in spec:
            if key not in TOP_KEYS:
                self.add(key_path("", str(key)), f"unknown key {_quote(key)} (allowed: {_listing(TOP_KEYS)})",
                         f"unbekannter Schlüssel {_quote(key)} (erlaubt: {_listing(TOP_KEYS)})")
        if "title" in spec:
            self._text(spec["title"], "title", MAX_TITLE_LENGTH)
        self._method()
        self._criteria()
        self._offers()

    def _method(self) -> None:
        method = self.spec.get("method")
        if method is None:
            self.add("method", f"the method is missing: one of {_listing(METHODS)}",
                     f"Die Methode fehlt: eine von {_listing(METHODS)}")
        elif method not in METHODS or not isinstance(method, str):
            self.add("method", f"unknown method {_quote(method)}: one of {_listing(METHODS)}",
                     f"unbekannte Methode {_quote(method)}: eine von {_listing(METHODS)}")
        else:
            self.method = method
        if self.method is None:
            return
        used = PARAMETERS[self.method]
        en_name, de_name = METHOD_NAMES[self.method][0], _DATIVE_DE[self.method]
        for name in ALL_PARAMETERS:
            if name in self.spec and name not in used:
                self.add(name, f"{_quote(name)} is not a parameter of the {en_name} ({self.method}); remove it "
                               f"(its parameters: {_listing(used)})",
                         f"{_quote(name)} ist kein Parameter der {de_name} ({self.method}); bitte entfernen "
                         f"(ihre Parameter: {_listing(used)})")
        if "band" in used:
            self._band()
        if "decision" in used:
            self._choice("decision", DECISIONS, required=True,
                         en_what="the published decision criterion", de_what="das veröffentlichte "
                         "Entscheidungskriterium")
        if "price_weight" in used:
            self._price_weight()
        if "price_formula" in used:
            self.parameters["price_formula"] = "ratio"
            self._choice("price_formula", PRICE_FORMULAS, required=False,
                         en_what="the price formula", de_what="die Preisformel")
        if "tie_break" in used:
            self._choice("tie_break", TIE_BREAKS, required=False,
                         en_what="the tie-break rule", de_what="die Regel bei Gleichstand")
        if "min_points" in used and "min_points" in self.spec:
            self._min_points()

    def _number(self, value: Any, path: str, en_what: str, de_what: str) -> Fraction | None:
        number = exact(value)
        if number is None:
            self.add(path, f"{en_what} must be a number, not {_type_en(value)} {_quote(value)}",
                     f"{de_what} muss eine Zahl sein, nicht {_type_de(value)} {_quote(value)}")
            return None
        if number == NOT_FINITE:
            self.add(path, f"{en_what} must be a finite number", f"{de_what} muss eine endliche Zahl sein")
            return None
        if number == TOO_LARGE:
            self.add(path, f"{en_what} is too large or too precise", f"{de_what} ist zu groß oder zu genau")
            return None
        return number

    def _band(self) -> None:
        if "band" not in self.spec:
            self.add("band", "the extended method needs the published fluctuation band 'band', a fraction in "
                             "(0, 0.1], e.g. 0.05 for 5 %",
                     "Die erweiterte Richtwertmethode braucht die veröffentlichte Schwankungsbreite 'band', einen "
                     "Anteil in (0, 0,1], z. B. 0,05 für 5 %")
            return
        band = self._number(self.spec["band"], "band", "the band", "Die Schwankungsbreite")
        if band is None:
            return
        if not 0 < band <= BAND_MAX:
            self.add("band", f"the band must be a fraction greater than 0 and at most 0.1 (10 %), e.g. 0.05 for "
                             f"5 %; got {display(band)}",
                     f"Die Schwankungsbreite muss ein Anteil größer als 0 und höchstens 0,1 (10 %) sein, z. B. "
                     f"0,05 für 5 %; angegeben: {display(band, 'de')}")
            return
        self.band = band
        self.parameters["band"] = self.spec["band"]

    def _choice(self, name: str, allowed: tuple[str, ...], *, required: bool, en_what: str, de_what: str) -> None:
        if name not in self.spec:
            if required:
                self.add(name, f"{en_what} {_quote(name)} is missing: one of {_listing(allowed)}",
                         f"{de_what} {_quote(name)} fehlt: eines von {_listing(allowed)}")
            return
        value = self.spec[name]
        if not isinstance(value, str) or value not in allowed:
            self.add(name, f"unknown value {_quote(value)} for {en_what}: one of {_listing(allowed)}",
                     f"unbekannter Wert {_quote(value)} für {de_what}: einer von {_listing(allowed)}")
            return
        self.parameters[name] = value

    def _price_weight(self) -> None:
        if "price_weight" not in self.spec:
            self.add("price_weight", "the weighted method needs 'price_weight', the published weight of the price "
                                     "as a fraction between 0 and 1 (exclusive), e.g. 0.3 for 30 %",
                     "Die gewichtete Richtwertmethode braucht 'price_weight', die veröffentlichte Gewichtung des "
                     "Preises als Anteil zwischen 0 und 1 (ausschließlich), z. B. 0,3 für 30 %")
            return
        weight = self._number(self.spec["price_weight"], "price_weight", "the price weight",
                              "Die Preisgewichtung")
        if weight is None:
            return
        if not 0 < weight < 1:
            self.add("price_weight", f"the price weight must lie between 0 and 1, both excluded (e.g. 0.3 for "
                                     f"30 %); got {display(weight)}",
                     f"Die Preisgewichtung muss zwischen 0 und 1 liegen, beide ausgeschlossen (z. B. 0,3 für "
                     f"30 %); angegeben: {display(weight, 'de')}")
            return
        self.price_weight = weight
        self.parameters["price_weight"] = self.spec["price_weight"]

    def _min_points(self) -> None:
        value = self._number(self.spec["min_points"], "min_points", "the minimum performance points",
                             "Die Mindestpunktzahl")
        if value is None:
            return
        if not 0 < value <= L_MAX:
            self.add("min_points", f"the minimum performance points must be greater than 0 and at most {L_MAX}; "
                                   f"got {display(value)}",
                     f"Die Mindestpunktzahl muss größer als 0 und höchstens {L_MAX} sein; angegeben: "
                     f"{display(value, 'de')}")
            return
        self.min_points = value
        self.parameters["min_points"] = self.spec["min_points"]

    def _text(self, value: Any, path: str, limit: int) -> None:
        if not isinstance(value, str):
            self.add(path, f"must be a string, not {_type_en(value)}", f"muss ein Text sein, nicht {_type_de(value)}")
        elif len(value) > limit:
            self.add(path, f"too long: {len(value)} characters (at most {limit})",
                     f"zu lang: {len(value)} Zeichen (höchstens {limit})")

    def _identifier(self, value: Any, path: str) -> str | None:
        if value is None:
            self.add(path, "the id is missing", "Die Kennung (id) fehlt")
            return None
        if not isinstance(value, str):
            self.add(path, f"the id must be a string, not {_type_en(value)}",
                     f"Die Kennung (id) muss ein Text sein, nicht {_type_de(value)}")
            return None
        if not value.strip() or value != value.strip() or _CONTROL.search(value):
            self.add(path, f"the id {_quote(value)} must not be empty, start or end with spaces or contain "
                           "control characters",
                     f"Die Kennung {_quote(value)} darf nicht leer sein, nicht mit Leerzeichen beginnen oder enden "
                     "und keine Steuerzeichen enthalten")
            return None
        if len(value) > MAX_ID_LENGTH:
            self.add(path, f"the id is too long: {len(value)} characters (at most {MAX_ID_LENGTH})",
                     f"Die Kennung ist zu lang: {len(value)} Zeichen (höchstens {MAX_ID_LENGTH})")
            return None
        return value

    # --- criteria -----------------------------------------------------------------------------------------

    def _criteria(self) -> None:
        criteria = self.spec.get("criteria")
        if criteria is None or criteria == []:
            self.add("criteria", "no criteria: at least one criterion is needed",
                     "keine Kriterien: mindestens ein Kriterium ist nötig")
            return
        if not isinstance(criteria, list):
            self.add("criteria", f"the criteria must be a list, not {_type_en(criteria)}",
                     f"Die Kriterien müssen eine Liste sein, nicht {_type_de(criteria)}")
            return
        count = _count(criteria, MAX_CRITERIA + 1)
        if count > MAX_CRITERIA:
            self.add("criteria", f"too many criteria: more than {MAX_CRITERIA} (groups included)",
                     f"zu viele Kriterien: mehr als {MAX_CRITERIA} (Gruppen mitgezählt)")
            return
        self.criteria_known = True
        self._seen: dict[str, str] = {}
        self.criteria = self._level(criteria, "criteria", 1, parent=None, parent_weight=Fraction(WEIGHT_TOTAL))
        if self.method is None:
            return
        b_count = sum(1 for kind in self.kinds.values() if kind == "B")
        if self.method != "simplified" and b_count == 0 and self.criteria_known:
            en_name, de_name = METHOD_NAMES[self.method]
            self.add("criteria", f"the {en_name} ({self.method}) needs at least one B criterion (scored 0–10, "
                                 "weighted)",
                     f"Die {de_name} ({self.method}) braucht mindestens ein B-Kriterium (Punkte 0–10, gewichtet)")

    def _level(self, entries: list, path: str, depth: int, *, parent: Criterion | None,
               parent_weight: Fraction | None) -> list[Criterion]:
        nodes: list[Criterion] = []
        weights: list[Fraction | None] = []
        for index, entry in enumerate(entries):
            node = self._criterion(entry, f"{path}[{index}]", depth)
            if node is None:
                self.criteria_known = self.criteria_known and isinstance(entry, dict)
                if isinstance(entry, dict) and entry.get("kind") in ("B", "group"):
                    weights.append(None)
                continue
            nodes.append(node)
            if node.kind != "A":
                weights.append(node.weight)
        self._weight_sum(path, parent, parent_weight, weights)
        return nodes

    def _weight_sum(self, path: str, parent: Criterion | None, expected: Fraction | None,
                    weights: list[Fraction | None]) -> None:
        if self.method == "simplified" or expected is None or not weights or any(w is None for w in weights):
            return  # simplified: B criteria and groups are refused anyway; a broken weight is reported already
        total = sum(weights, Fraction(0))
        if total == expected:
            return
        shown, shown_de = display(round_significant(total, 12)), display(round_significant(total, 12), "de")
        if parent is None:
            self.add(path, f"the weights of the top-level B criteria and groups add up to {shown}, not "
                           f"{WEIGHT_TOTAL}",
                     f"Die Gewichte der B-Kriterien und Gruppen der obersten Ebene ergeben zusammen {shown_de}, "
                     f"nicht {WEIGHT_TOTAL}")
        else:
            want, want_de = display(round_significant(expected, 12)), display(round_significant(expected, 12), "de")
            self.add(path, f"the weights in group {_quote(parent.id)} add up to {shown}, not {want} (the group's "
                           "weight)",
                     f"Die Gewichte in der Gruppe {_quote(parent.id)} ergeben zusammen {shown_de}, nicht {want_de} "
                     "(das Gewicht der Gruppe)")

    def _criterion(self, entry: Any, path: str, depth: int) -> Criterion | None:
        if not isinstance(entry, dict):
            self.add(path, f"a criterion must be an object, not {_type_en(entry)}",
                     f"Ein Kriterium muss ein Objekt sein, nicht {_type_de(entry)}")
            return None
        identifier = self._identifier(entry.get("id"), key_path(path, "id"))
        if identifier is not None:
            if identifier in self._seen:
                self.add(key_path(path, "id"), f"duplicate criterion id {_quote(identifier)} (also at "
                                               f"{self._seen[identifier]})",
                         f"doppelte Kriterienkennung {_quote(identifier)} (auch bei {self._seen[identifier]})")
                identifier = None
            else:
                self._seen[identifier] = path
        kind = entry.get("kind")
        if kind not in KINDS or not isinstance(kind, str):
            what = "missing" if kind is None else f"unknown: {_quote(kind)}"
            what_de = "fehlt" if kind is None else f"unbekannt: {_quote(kind)}"
            self.add(key_path(path, "kind"), f"the kind is {what}; one of A (exclusion), B (scored), group",
                     f"Die Art (kind) {what_de}; eine von A (Ausschluss), B (bewertet), group (Gruppe)")
            self.criteria_known = False
            return None
        for key in entry:
            if key not in CRITERION_KEYS[kind]:
                hint_en = hint_de = ""
                if key == "weight" and kind == "A":
                    hint_en = "; an A criterion has no weight: it excludes, it does not score"
                    hint_de = "; ein A-Kriterium hat kein Gewicht: es schließt aus, es wird nicht bewertet"
                elif key == "criteria":
                    hint_en = "; only a group has criteria"
                    hint_de = "; nur eine Gruppe (group) hat Kriterien"
                self.add(key_path(path, str(key)),
                         f"unknown key {_quote(key)} for {_ARTICLE_EN[kind]} (allowed: "
                         f"{_listing(CRITERION_KEYS[kind])}){hint_en}",
                         f"unbekannter Schlüssel {_quote(key)} für ein Kriterium der Art {kind} (erlaubt: "
                         f"{_listing(CRITERION_KEYS[kind])}){hint_de}")
        for key, limit in TEXT_KEYS.items():
            if key in entry:
                self._text(entry[key], key_path(path, key), limit)
        title = entry.get("title") if isinstance(entry.get("title"), str) else ""
        if self.method == "simplified" and kind != "A":
            what_en = "B criterion" if kind == "B" else "group"
            what_de = "das B-Kriterium" if kind == "B" else "die Gruppe"
            self.add(path, f"the simplified method uses only A criteria (exclusion); {what_en} "
                           f"{_quote(entry.get('id'))} is not allowed (scoring needs simple, extended or weighted)",
                     f"Die vereinfachte Leistungs-/Preis-Methode verwendet nur A-Kriterien (Ausschluss); {what_de} "
                     f"{_quote(entry.get('id'))} ist nicht zulässig (Bewertung: simple, extended oder weighted)")
        weight = None
        if kind != "A":
            weight = self._weight(entry, path)
        if identifier is not None:
            self.kinds[identifier] = kind
        if kind != "group":
            if identifier is None or (kind == "B" and weight is None):
                return None
            return Criterion(identifier, kind, title, weight, path)
        children = entry.get("criteria")
        children_path = key_path(path, "criteria")
        if not isinstance(children, list) or not children:
            self.add(children_path, "a group needs a non-empty list 'criteria'",
                     "Eine Gruppe braucht eine nicht leere Liste 'criteria'")
            return None
        if depth >= MAX_DEPTH:
            self.add(children_path, f"criteria nested too deeply: at most {MAX_DEPTH} levels",
                     f"Kriterien zu tief verschachtelt: höchstens {MAX_DEPTH} Ebenen")
            self.criteria_known = False
            return None
        if not any(isinstance(c, dict) and c.get("kind") in ("B", "group") for c in children):
            self.add(children_path, f"group {_quote(entry.get('id'))} has no B criterion or group: its weight "
                                    "cannot be distributed",
                     f"Die Gruppe {_quote(entry.get('id'))} hat kein B-Kriterium und keine Gruppe: ihr Gewicht "
                     "kann nicht verteilt werden")
        holder = Criterion(identifier or "", "group", title, weight, path)
        nodes = self._level(children, children_path, depth + 1, parent=holder,
                            parent_weight=weight)
        if identifier is None or weight is None:
            return None
        return Criterion(identifier, "group", title, weight, path, tuple(nodes))

    def _weight(self, entry: dict, path: str) -> Fraction | None:
        where = key_path(path, "weight")
        if "weight" not in entry:
            self.add(where, "the weight is missing", "Das Gewicht fehlt")
            return None
        weight = self._number(entry["weight"], where, "the weight", "Das Gewicht")
        if weight is None:
            return None
        if weight <= 0:
            self.add(where, f"the weight must be greater than 0; got {display(weight)}",
                     f"Das Gewicht muss größer als 0 sein; angegeben: {display(weight, 'de')}")
            return None
        if weight > WEIGHT_TOTAL:
            self.add(where, f"the weight must be at most {WEIGHT_TOTAL}; got {display(weight)}",
                     f"Das Gewicht darf höchstens {WEIGHT_TOTAL} sein; angegeben: {display(weight, 'de')}")
            return None
        return weight

    # --- offers -------------------------------------------------------------------------------------------

    def _offers(self) -> None:
        offers = self.spec.get("offers")
        if offers is None or offers == []:
            self.add("offers", "no offers: at least one offer is needed",
                     "keine Angebote: mindestens ein Angebot ist nötig")
            return
        if not isinstance(offers, list):
            self.add("offers", f"the offers must be a list, not {_type_en(offers)}",
                     f"Die Angebote müssen eine Liste sein, nicht {_type_de(offers)}")
            return
        if len(offers) > MAX_OFFERS:
            self.add("offers", f"too many offers: {len(offers)} (at most {MAX_OFFERS})",
                     f"zu viele Angebote: {len(offers)} (höchstens {MAX_OFFERS})")
            return
        seen: dict[str, str] = {}
        for index, entry in enumerate(offers):
            path = f"offers[{index}]"
            identifier, offer = self._offer(entry, path, index)
            if identifier is not None and identifier in seen:
                self.add(key_path(path, "id"), f"duplicate offer id {_quote(identifier)} (also at "
                                               f"{seen[identifier]})",
                         f"doppelte Angebotskennung {_quote(identifier)} (auch bei {seen[identifier]})")
                continue
            if identifier is not None:
                seen[identifier] = path
            if offer is not None:
                self.offers.append(offer)

    def _offer(self, entry: Any, path: str, index: int) -> tuple[str | None, Offer | None]:
        if not isinstance(entry, dict):
            self.add(path, f"an offer must be an object, not {_type_en(entry)}",
                     f"Ein Angebot muss ein Objekt sein, nicht {_type_de(entry)}")
            return None, None
        for key in entry:
            if key not in OFFER_KEYS:
                self.add(key_path(path, str(key)), f"unknown key {_quote(key)} for an offer (allowed: "
                                                   f"{_listing(OFFER_KEYS)})",
                         f"unbekannter Schlüssel {_quote(key)} für ein Angebot (erlaubt: {_listing(OFFER_KEYS)})")
        identifier = self._identifier(entry.get("id"), key_path(path, "id"))
        if "title" in entry:
            self._text(entry["title"], key_path(path, "title"), MAX_TITLE_LENGTH)
        price = self._price(entry, path)
        a_results = self._a_results(entry.get("a", {}), key_path(path, "a"))
        points = self._points(entry.get("points", {}), key_path(path, "points"))
        if self.criteria_known and a_results is not None and points is not None:
            passes = all(a_results.get(c) is True for c, kind in self.kinds.items() if kind == "A")
            if passes:  # an offer that fails an A criterion is excluded before scoring and needs no points
                for criterion, kind in self.kinds.items():
                    if kind == "B" and criterion not in points:
                        self.add(key_path(key_path(path, "points"), criterion),
                                 f"no points for B criterion {_quote(criterion)}: every B criterion needs points "
                                 "from 0 to 10 for every offer that passes the A criteria",
                                 f"keine Punkte für das B-Kriterium {_quote(criterion)}: jedes B-Kriterium braucht "
                                 "Punkte von 0 bis 10 für jedes Angebot, das die A-Kriterien erfüllt")
        if identifier is None or price is None or a_results is None or points is None:
            return identifier, None
        title = entry.get("title") if isinstance(entry.get("title"), str) else ""
        return identifier, Offer(identifier, title, price, round_places(price, 6), a_results, points, index)

    def _price(self, entry: dict, path: str) -> Fraction | None:
        where = key_path(path, "price")
        if "price" not in entry or entry["price"] is None:
            self.add(where, "the price is missing", "Der Preis fehlt")
            return None
        price = self._number(entry["price"], where, "the price", "Der Preis")
        if price is None:
            return None
        if price <= 0:
            self.add(where, f"the price must be greater than 0; got {display(price)} (a price of zero or below "
                            "cannot be compared)",
                     f"Der Preis muss größer als 0 sein; angegeben: {display(price, 'de')} (ein Preis von null "
                     "oder darunter ist nicht vergleichbar)")
            return None
        if price > MAX_PRICE:
            self.add(where, f"the price must be at most {MAX_PRICE}", f"Der Preis darf höchstens {MAX_PRICE} sein")
            return None
        return price

    def _a_results(self, value: Any, path: str) -> dict[str, bool] | None:
        if not isinstance(value, dict):
            self.add(path, f"'a' must be an object {{A criterion id: true|false}}, not {_type_en(value)}",
                     f"'a' muss ein Objekt {{Kennung des A-Kriteriums: true|false}} sein, nicht {_type_de(value)}")
            return None
        results: dict[str, bool] = {}
        good = True
        for key, result in value.items():
            where = key_path(path, str(key))
            if self.criteria_known and key not in self.kinds:
                self.add(where, f"unknown criterion {_quote(key)}", f"unbekanntes Kriterium {_quote(key)}")
                good = False
                continue
            if self.criteria_known and self.kinds[key] != "A":
                self.add(where, f"{_quote(key)} is not an A criterion ({self.kinds[key]}); points for B criteria "
                                "belong in 'points'",
                         f"{_quote(key)} ist kein A-Kriterium ({self.kinds[key]}); Punkte für B-Kriterien gehören "
                         "in 'points'")
                good = False
                continue
            if not isinstance(result, bool):
                self.add(where, f"the result of an A criterion must be true or false, not {_type_en(result)} "
                                f"{_quote(result)}",
                         f"Das Ergebnis eines A-Kriteriums muss true oder false sein, nicht {_type_de(result)} "
                         f"{_quote(result)}")
                good = False
                continue
            results[key] = result
        return results if good else None

    def _points(self, value: Any, path: str) -> dict[str, Fraction | int] | None:
        if not isinstance(value, dict):
            self.add(path, f"'points' must be an object {{B criterion id: 0..10}}, not {_type_en(value)}",
                     f"'points' muss ein Objekt {{Kennung des B-Kriteriums: 0..10}} sein, nicht {_type_de(value)}")
            return None
        points: dict[str, Fraction | int] = {}
        good = True
        for key, given in value.items():
            if type(given) is int and 0 <= given <= POINTS_MAX and self.kinds.get(key) == "B":
                points[key] = given  # the common case, kept an int (exact, and fast to add up)
                continue
            where = key_path(path, str(key))
            if self.criteria_known and key not in self.kinds:
                self.add(where, f"points for an unknown criterion {_quote(key)}",
                         f"Punkte für ein unbekanntes Kriterium {_quote(key)}")
                good = False
                continue
            kind = self.kinds.get(key)
            if kind == "A":
                self.add(where, f"{_quote(key)} is an A criterion: give its result in 'a' as true or false",
                         f"{_quote(key)} ist ein A-Kriterium: das Ergebnis gehört als true oder false in 'a'")
                good = False
                continue
            if kind == "group":
                self.add(where, f"{_quote(key)} is a group: give points for its B criteria",
                         f"{_quote(key)} ist eine Gruppe: Punkte werden für ihre B-Kriterien vergeben")
                good = False
                continue
            number = self._number(given, where, "points", "Die Punktzahl")
            if number is None:
                good = False
                continue
            if not 0 <= number <= POINTS_MAX:
                self.add(where, f"points must lie between 0 and {POINTS_MAX}; got {display(number)}",
                         f"Die Punktzahl muss zwischen 0 und {POINTS_MAX} liegen; angegeben: {display(number, 'de')}")
                good = False
                continue
            points[key] = number
        return points if good else None

    # --- result -------------------------------------------------------------------------------------------

    def spec_or_raise(self) -> Spec:
        if self.problems:
            raise UfabInvalid(self.problems.result())
        assert self.method is not None
        return Spec(self.method, dict(self.parameters), tuple(self.criteria), tuple(self.offers), band=self.band,
                    price_weight=self.price_weight, min_points=self.min_points)


def _count(entries: list, limit: int) -> int:
    """How many entries the criteria tree has, counting no further than `limit` (and no deeper than allowed)."""
    count, stack = 0, [(entries, 1)]
    while stack and count < limit:
        items, depth = stack.pop()
        for item in items:
            count += 1
            if count >= limit:
                break
            if isinstance(item, dict) and isinstance(item.get("criteria"), list) and depth < MAX_DEPTH + 1:
                stack.append((item["criteria"], depth + 1))
    return count


def validate(spec: Any) -> list[Problem]:
    """Every problem of the input (empty when it can be scored)."""
    checker = _Checker(spec)
    checker.run()
    return checker.problems.result()


def parse(spec: Any) -> Spec:
    """The checked input with exact numbers; raises UfabInvalid with every problem."""
    checker = _Checker(spec)
    checker.run()
    return checker.spec_or_raise()
