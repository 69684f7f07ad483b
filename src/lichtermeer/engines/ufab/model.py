"""Data types of the UfAB engine: problems, the parsed input, results, exact numbers and their display.

Every number of the input becomes an exact `fractions.Fraction` (a float through its shortest decimal
representation, so 0.05 is exactly 1/20); comparisons, band edges and ties use these exact values. Only the
display rounds: L (and weighted criterion or group points) to 2 decimal places, Z (and price points) to 6
significant digits, both half away from zero (kaufmännisch).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction
from numbers import Rational
from typing import Any

METHODS = ("simplified", "simple", "extended", "weighted")
DECISIONS = ("performance", "price")
PRICE_FORMULAS = ("ratio", "linear")
TIE_BREAKS = ("price", "performance")
KINDS = ("A", "B", "group")

# The weights of the top level add up to 100 and points run from 0 to 10, so L is at most 1000.
WEIGHT_TOTAL = 100
POINTS_MAX = 10
L_MAX = WEIGHT_TOTAL * POINTS_MAX
BAND_MAX = Fraction(1, 10)

MAX_OFFERS = 500
MAX_CRITERIA = 1000  # every entry of the criteria tree, groups included
MAX_DEPTH = 5  # the top-level list is depth 1, a group's criteria depth 2 …
MAX_FILE_BYTES = 2 * 1024 * 1024  # the CLI's limit for one input file
MAX_ID_LENGTH = 100
MAX_TITLE_LENGTH = 500
MAX_PRICE = 10**12
MAX_PROBLEMS = 100  # then one last problem says how many more were found

L_PLACES = 2
Z_DIGITS = 6


@dataclass(frozen=True)
class Text:
    en: str
    de: str

    def get(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


@dataclass(frozen=True)
class Problem:
    """One problem of the input: where (`offers[1].price`, `criteria[1].criteria[0].weight`, "" for the whole
    input) and what, in English and German."""

    path: str
    en: str
    de: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "en": self.en, "de": self.de}


class UfabInvalid(ValueError):
    """The input has problems; nothing was scored. `.problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else Problem("", "invalid input", "ungültige Eingabe")
        where = f"{first.path}: " if first.path else ""
        more = f" (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{where}{first.en}{more}")


# --- parsed input -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: str  # "A" | "B" | "group"
    title: str
    weight: Fraction | None  # None for A criteria
    path: str
    children: tuple[Criterion, ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Offer:
    id: str
    title: str
    price: Fraction
    price_input: Any  # the number as given, for display
    a: dict[str, bool]
    points: dict[str, Fraction | int]  # exact: an int where the input gave one
    index: int  # position in the input


@dataclass(frozen=True)
class Spec:
    method: str
    parameters: dict[str, Any]  # as given, defaults filled in (price_formula for "weighted")
    criteria: tuple[Criterion, ...]
    offers: tuple[Offer, ...]
    band: Fraction | None = None
    price_weight: Fraction | None = None
    min_points: Fraction | None = None

    def all_criteria(self) -> list[Criterion]:
        return [node for top in self.criteria for node in top.walk()]

    def a_criteria(self) -> list[Criterion]:
        return [c for c in self.all_criteria() if c.kind == "A"]

    def b_criteria(self) -> list[Criterion]:
        return [c for c in self.all_criteria() if c.kind == "B"]

    def groups(self) -> list[Criterion]:
        return [c for c in self.all_criteria() if c.kind == "group"]


# --- results ----------------------------------------------------------------------------------------------


@dataclass
class OfferResult:
    """One offer's result. L and Z are display numbers (rounded, see the module text); L_exact and Z_exact the
    exact values every comparison uses. Excluded offers have rank, L and Z None."""

    id: str
    title: str
    excluded: bool
    reason_en: str | None
    reason_de: str | None
    price: int | float
    price_exact: Fraction
    L: int | float | None = None
    Z: int | float | None = None
    L_exact: Fraction | None = None
    Z_exact: Fraction | None = None
    rank: int | None = None
    criterion_points: dict[str, int | float] = field(default_factory=dict)  # B id -> weight × points
    group_points: dict[str, int | float] = field(default_factory=dict)  # group id -> sum of its criteria
    price_points: int | float | None = None  # weighted method: f(P), 0..1
    price_points_exact: Fraction | None = None
    in_band: bool | None = None  # extended method
    notes: list[Text] = field(default_factory=list)

    def reason(self, lang: str = "en") -> str | None:
        return self.reason_de if lang == "de" else self.reason_en

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {"id": self.id, "excluded": self.excluded, "reason": self.reason(lang), "L": self.L, "Z": self.Z}

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "excluded": self.excluded, "rank": self.rank,
            "reason": {"en": self.reason_en, "de": self.reason_de} if self.excluded else None,
            "price": self.price, "L": self.L, "Z": self.Z, "price_points": self.price_points,
            "in_band": self.in_band, "criterion_points": dict(self.criterion_points),
            "group_points": dict(self.group_points), "notes": [{"en": n.en, "de": n.de} for n in self.notes],
        }


@dataclass
class Evaluation:
    """The result: offers (ranked ones best first, then the excluded ones in input order), the ranking (ids, best
    first), the exact ties left after the method's rules, and how the winner was found."""

    method: str
    parameters: dict[str, Any]
    offers: list[OfferResult]
    ranking: list[str]
    ties: list[list[str]]
    explanation_en: str
    explanation_de: str
    band_members: list[str] = field(default_factory=list)  # extended method, best first
    z_max: int | float | None = None  # extended method
    threshold: int | float | None = None  # extended method: Z_max · (1 − SB)
    p_min: int | float | None = None  # weighted and simplified methods: lowest price of the ranked offers

    def offer(self, offer_id: str) -> OfferResult:
        return next(o for o in self.offers if o.id == offer_id)

    @property
    def winner(self) -> str | None:
        return self.ranking[0] if self.ranking else None

    def explanation(self, lang: str = "en") -> str:
        return self.explanation_de if lang == "de" else self.explanation_en

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The CLI's output: {"offers": [{"id", "excluded", "reason", "L", "Z"}], "ranking": [...]}, plus "ties"
        when offers remain tied and "band" ({"members", "z_max", "threshold"}) for the extended method."""
        data: dict[str, Any] = {"offers": [o.to_json(lang) for o in self.offers], "ranking": list(self.ranking)}
        if self.ties:
            data["ties"] = [list(group) for group in self.ties]
        if self.method == "extended":
            data["band"] = {"members": list(self.band_members), "z_max": self.z_max, "threshold": self.threshold}
        return data

    def to_record(self) -> dict[str, Any]:
        """Everything, in both languages, JSON-safe (for a Vergabevermerk)."""
        return {
            "method": self.method, "parameters": dict(self.parameters), "ranking": list(self.ranking),
            "ties": [list(group) for group in self.ties], "band_members": list(self.band_members),
            "z_max": self.z_max, "threshold": self.threshold, "p_min": self.p_min,
            "explanation": {"en": self.explanation_en, "de": self.explanation_de},
            "offers": [o.to_record() for o in self.offers],
        }


# --- exact numbers and their display ----------------------------------------------------------------------

TOO_LARGE = "too-large"
NOT_FINITE = "not-finite"


def exact(value: Any) -> Fraction | str | None:
    """The exact value of a JSON number: a Fraction; None when `value` is not a number (booleans are not);
    TOO_LARGE for magnitudes beyond 10^15 or absurd precision; NOT_FINITE for NaN and infinities."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value) if abs(value) <= 10**15 else TOO_LARGE
    if isinstance(value, float):
        if not math.isfinite(value):
            return NOT_FINITE
        if abs(value) > 1e15:
            return TOO_LARGE
        return Fraction(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NOT_FINITE
        if value and (value.adjusted() > 15 or value.adjusted() < -30 or len(value.as_tuple().digits) > 40):
            return TOO_LARGE
        return Fraction(value)
    if isinstance(value, Rational):
        fraction = Fraction(value.numerator, value.denominator)
        if abs(fraction) > 10**15 or fraction.denominator > 10**40:
            return TOO_LARGE
        return fraction
    return None


def _to_decimal(value: Fraction) -> Decimal:
    with localcontext(Context(prec=60)):
        return Decimal(value.numerator) / Decimal(value.denominator)


def _plain(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def round_places(value: Fraction | int, places: int = L_PLACES) -> int | float:
    """`value` rounded half up to `places` decimal places: 683.335 -> 683.34, 680 -> 680 (an int)."""
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return int(value.numerator)
    if 10**places % value.denominator == 0:  # already exact at this precision: the nearest float prints it
        return float(value)
    quantum = Decimal(1).scaleb(-places)
    with localcontext(Context(prec=80)):
        return _plain(_to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))


def round_significant(value: Fraction, digits: int = Z_DIGITS) -> int | float:
    """`value` rounded half up to `digits` significant digits: 0.006526315… -> 0.00652632."""
    if value == 0:
        return 0
    number = _to_decimal(value)
    quantum = Decimal(1).scaleb(number.adjusted() - digits + 1)
    with localcontext(Context(prec=80)):
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded.adjusted() > number.adjusted():  # 9.999995 -> 10.0000: keep `digits` significant digits
        rounded = rounded.quantize(quantum * 10, rounding=ROUND_HALF_UP)
    return _plain(rounded)


def display(value: int | float | Fraction, lang: str = "en") -> str:
    """A display number as text: at most 10 decimals, no exponent; German with a decimal comma."""
    if isinstance(value, Fraction):
        value = round_significant(value, 10)
    if isinstance(value, int):
        text = str(value)
    else:
        text = format(Decimal(repr(value)), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text
