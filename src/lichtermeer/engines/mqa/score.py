"""The MQA score of one dataset: 23 indicators, five dimensions, 405 points, a rating band.

Dataset-level indicators (F1–F4, I6, R3–R6, C3, C4) earn all or nothing. Distribution-level indicators (A1–A3,
I1–I5, R1, R2, C1, C2) depend on the rule:

* `rule="share"` (default, the corpus definition `mqa_indicators.csv`: "share of distributions …"): points × the
  share of the dataset's distributions that satisfy the indicator, e.g. 5 of 7 with a download URL → 20 × 5/7.
  This is the catalogue formula of the methodology applied to one dataset.
* `rule="best"`: data.europa.eu's own per-dataset score (piveau-metrics-score `Scoring.kt`, and the Norwegian
  port fdk-mqa-scoring-service `score.rs`): every distribution is scored on its own, the one with the most
  distribution-level points counts for all of them; dct:issued/dct:modified count when the dataset *or* that
  distribution has them. Not in the corpus; offered because it is what a dataset page on data.europa.eu shows.

A dataset without distributions earns nothing on distribution-level indicators (0 of 0, as in mjanez/ckan-mqa).

Reachability (A1, A3) is pluggable: `reachability(url)` returns True (answered with HTTP 200–399; see
`is_reachable_status`), False, or None (could not be checked). Without a checker, or for URLs it returns None for,
the points are **not earned** — the total is what MQA would count for unreachable URLs — and the indicator's status
is "not_checked"; `DatasetScore.unchecked` lists such indicators and `upper_bound` adds the points they could
still bring (`open_points`: under "share" only the distributions with an unchecked URL; under "best" the rest of
the indicator, since any of them might have been the best). DCAT-AP compliance (I6) works the same way when
validation is switched off or unavailable. A distribution with several accessURLs meets A1 when one answers.

Rounding: each indicator's points are rounded to two decimals and the total is their sum (as mjanez/ckan-mqa).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from lichtermeer.engines.dcat.terms import DCAT, BNode, Lit, Term, short

from . import messages
from .document import Compliance, Document, InputError, load
from .indicators import BAND_LABELS, DIMENSIONS, MAXIMUM, Definition, DefinitionError, Indicator, band_for
from .indicators import load_definition as _load_definition
from .messages import Text
from .vocabularies import Vocabularies, file_type_code, load_vocabularies, media_type_of, normalise_iri

DCT = "http://purl.org/dc/terms/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"

PROPERTY_IRIS = {
    "dcat:keyword": DCAT + "keyword", "dcat:theme": DCAT + "theme", "dct:spatial": DCT + "spatial",
    "dct:temporal": DCT + "temporal", "dct:accessRights": DCT + "accessRights",
    "dcat:contactPoint": DCAT + "contactPoint", "dct:publisher": DCT + "publisher", "dct:issued": DCT + "issued",
    "dct:modified": DCT + "modified",
}
ACCESS_URL, DOWNLOAD_URL = DCAT + "accessURL", DCAT + "downloadURL"
FORMAT, MEDIA_TYPE = DCT + "format", DCAT + "mediaType"
LICENSE, RIGHTS, BYTE_SIZE = DCT + "license", DCT + "rights", DCAT + "byteSize"
TITLE = DCT + "title"
# The corpus computes C3/C4 on the dataset (as mjanez/ckan-mqa) and marks data.europa.eu's entity "[verify]";
# piveau looks at the distribution with the dataset as fallback. "share" keeps the corpus reading, "best" piveau's.
DATE_INDICATORS = {"C3": DCT + "issued", "C4": DCT + "modified"}
RULES = ("share", "best")

Reachability = Callable[[str], "bool | None"]


def is_reachable_status(status: int) -> bool:
    """The success criterion for A1/A3: HTTP 200–399.

    The corpus is not sure here: its notes say mjanez/ckan-mqa counts only 200 (commit a784c13440f0) and mark the
    data.europa.eu range "[verify]". piveau-metrics-score treats 200–399 as accessible, and so does mjanez's
    current `make_request` (`200 <= status_code < 400`); redirects are therefore "reachable" here.
    """
    return 200 <= status <= 399


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    dimension: str
    points: float
    maximum: int
    status: str  # "met" (all points), "partial", "not_met", "not_checked"
    label: Text
    detail: Text
    satisfied: float = 0.0  # distributions satisfying (I3 counts halves); 1 or 0 for dataset-level indicators
    population: int = 1  # distributions considered; 1 for dataset-level indicators
    open_points: float = 0.0  # when not checked: the points the unchecked part could still bring

    @property
    def met(self) -> bool | None:
        """True when every point was earned, None when not (fully) checked."""
        return None if self.status == "not_checked" else self.status == "met"

    def to_dict(self) -> dict:
        return {
            "id": self.id, "dimension": self.dimension, "points": self.points, "maximum": self.maximum,
            "met": self.met, "status": self.status, "satisfied": self.satisfied, "population": self.population,
            "open_points": self.open_points, "label": {"en": self.label.en, "de": self.label.de},
            "detail": {"en": self.detail.en, "de": self.detail.de},
        }


@dataclass(frozen=True)
class DatasetScore:
    dataset: str  # IRI, or the blank node label `_:b<n>`
    source: str  # file name
    title: str | None
    total: float
    band: str  # excellent, good, sufficient, bad
    dimensions: dict[str, tuple[float, int]]  # name -> (points, maximum)
    indicators: tuple[IndicatorScore, ...]
    distributions: int
    rule: str
    maximum: int = MAXIMUM

    @property
    def band_label(self) -> Text:
        return BAND_LABELS[self.band]

    @property
    def unchecked(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators if i.status == "not_checked")

    @property
    def unchecked_points(self) -> float:
        return round(sum(i.open_points for i in self.indicators if i.status == "not_checked"), 2)

    @property
    def upper_bound(self) -> float:
        """The total if every unchecked indicator turned out fully met."""
        return round(self.total + self.unchecked_points, 2)

    def indicator(self, identifier: str) -> IndicatorScore:
        return next(i for i in self.indicators if i.id == identifier)

    def to_dict(self) -> dict:
        return {
            "dataset": self.dataset, "source": self.source, "title": self.title, "total": self.total,
            "maximum": self.maximum, "band": self.band,
            "band_label": {"en": self.band_label.en, "de": self.band_label.de},
            "dimensions": {name: {"points": p, "maximum": m, "label": {"en": DIMENSIONS[name].en,
                                                                       "de": DIMENSIONS[name].de}}
                           for name, (p, m) in self.dimensions.items()},
            "unchecked": list(self.unchecked), "unchecked_points": self.unchecked_points,
            "upper_bound": self.upper_bound, "distributions": self.distributions, "rule": self.rule,
            "indicators": [i.to_dict() for i in self.indicators],
        }


@dataclass(frozen=True)
class Aggregate:
    """Mean scores of several datasets (a source, a municipality). `band` is None when there was nothing to average."""

    count: int
    total: float
    band: str | None
    dimensions: dict[str, tuple[float, int]]
    unchecked: tuple[str, ...] = ()  # indicators not checked in at least one of the datasets
    maximum: int = MAXIMUM

    def to_dict(self) -> dict:
        return {"count": self.count, "total": self.total, "maximum": self.maximum, "band": self.band,
                "dimensions": {n: {"points": p, "maximum": m} for n, (p, m) in self.dimensions.items()},
                "unchecked": list(self.unchecked)}


# --- facts: what one distribution or dataset satisfies --------------------------------------------------------

@dataclass
class _Fact:
    value: float  # 0..1
    unchecked: int = 0  # URLs whose reachability is unknown
    reason: Text | None = None  # why they are unknown


@dataclass
class _Context:
    document: Document
    vocabularies: Vocabularies
    reachability: Reachability | None
    check_compliance: bool = True
    url_cache: dict[str, tuple[bool | None, Text | None]] = field(default_factory=dict)

    def reachable(self, url: str) -> tuple[bool | None, Text | None]:
        """Ask the checker once per URL; a URL that is not http(s) is unreachable without asking."""
        if url not in self.url_cache:
            self.url_cache[url] = self._ask(url)
        return self.url_cache[url]

    def _ask(self, url: str) -> tuple[bool | None, Text | None]:
        if not url.lower().startswith(("http://", "https://")):
            return False, None
        if self.reachability is None:
            return None, messages.reachability_off()
        try:
            answer = self.reachability(url)
        except Exception as exc:  # noqa: BLE001 - a failing checker means "not checked", never a crash or a pass
            return None, messages.reachability_failed(url, str(exc) or type(exc).__name__)
        return (None if answer is None else bool(answer)), None


def _text_of(document: Document, value: Term) -> str | None:
    """A literal's text; for a blank node (e.g. a dct:IMT) its label or rdf:value."""
    if type(value) is Lit:
        return value.lexical.strip()
    if type(value) is BNode:
        for predicate in (RDFS_LABEL, SKOS_PREF_LABEL, RDF_VALUE):
            for label in document.graph.objects(value, predicate):
                if type(label) is Lit:
                    return label.lexical.strip()
    return None


def _format_codes(document: Document, values: list[Term]) -> set[str]:
    """EU file-type codes the dct:format values name: an EU file-type IRI (also written as a literal), or a literal
    that is exactly a code, case-insensitive ("csv" → CSV). Used by I4/I5, which ask what the format *is*."""
    codes = set()
    for value in values:
        if type(value) is str:
            code = file_type_code(value)
        else:
            text = _text_of(document, value) or ""
            code = file_type_code(text) or text.upper().replace("-", "_")
        if code:
            codes.add(code)
    return codes


def _url_fact(context: _Context, values: list[Term]) -> _Fact:
    """Met when one of the distribution's URLs is reachable (DCAT-AP allows several accessURLs)."""
    urls = [v if type(v) is not Lit else v.lexical.strip() for v in values]
    if not urls:
        return _Fact(0.0)
    answers = [context.reachable(str(url)) for url in urls]
    if any(ok for ok, _ in answers):
        return _Fact(1.0)
    unknown = [reason for ok, reason in answers if ok is None]
    return _Fact(0.0, len(unknown), unknown[0] if unknown else None)


def _distribution_facts(context: _Context, node: Term) -> dict[str, _Fact]:
    # R1/R2 look at the distribution as the corpus and DCAT-AP do (mjanez/ckan-mqa reads the dataset instead):
    # a dct:license on the dataset alone earns nothing.
    document, vocab = context.document, context.vocabularies
    formats = document.values(node, FORMAT)
    media = document.values(node, MEDIA_TYPE)
    licences = document.values(node, LICENSE)
    codes = _format_codes(document, formats)
    # I3 asks for vocabulary *IRIs*: a literal "CSV" names the format but does not use the vocabulary.
    format_in_vocabulary = any(type(f) is str and file_type_code(f) in vocab.file_types for f in formats)
    media_in_vocabulary = any(type(m) is str and media_type_of(m) in vocab.media_types for m in media)
    return {
        "A1": _url_fact(context, document.values(node, ACCESS_URL)),
        "A2": _Fact(float(bool(document.values(node, DOWNLOAD_URL)))),
        "A3": _url_fact(context, document.values(node, DOWNLOAD_URL)),
        "I1": _Fact(float(bool(formats))),
        "I2": _Fact(float(bool(media))),
        # I3: "share of dct:format / dcat:mediaType values" — mjanez/ckan-mqa divides by 2 × distributions, so
        # format and media type count half each; piveau's exact rule for the pair is not in the corpus.
        "I3": _Fact((format_in_vocabulary + media_in_vocabulary) / 2),
        "I4": _Fact(float(bool(codes & vocab.non_proprietary))),
        "I5": _Fact(float(bool(codes & vocab.machine_readable))),
        "R1": _Fact(float(bool(licences))),
        "R2": _Fact(float(any(type(v) is str and normalise_iri(v) in vocab.licences for v in licences))),
        "C1": _Fact(float(bool(document.values(node, RIGHTS)))),
        "C2": _Fact(float(bool(document.values(node, BYTE_SIZE)))),
    }


# --- scoring ------------------------------------------------------------------------------------------------

def _status(points: float, maximum: int, unchecked: bool) -> str:
    if unchecked:
        return "not_checked"
    if points >= maximum:
        return "met"
    return "partial" if points > 0 else "not_met"


def _dataset_indicator(indicator: Indicator, document: Document, dataset: Term, vocab: Vocabularies,
                       compliance: Compliance, fallback: dict[str, Term]) -> IndicatorScore:
    """F1–F4, I6, R3–R6, C3, C4. `fallback`: under the "best" rule, the chosen distribution for C3/C4."""
    ident = indicator.id
    if ident == "I6":
        if not compliance.checked:
            detail = compliance.reason or messages.compliance_not_requested()
            return IndicatorScore(ident, indicator.dimension, 0.0, indicator.points, "not_checked", indicator.label,
                                  detail, 0.0, open_points=float(indicator.points))
        found = compliance.by_dataset.get(dataset, [])
        if found:
            first = found[0]
            path = short(first.path) if first.path and "|" not in first.path else (first.path or "(node)")
            detail = messages.violations(str(dataset), len(found), path, first.message)
        else:
            detail = messages.compliant(str(dataset))
        return _all_or_nothing(indicator, not found, detail)
    if ident == "R4":
        values = document.values(dataset, DCT + "accessRights")
        ok = any(type(v) is str and normalise_iri(v) in vocab.access_rights for v in values)
        shown = [f"<{v}>" if type(v) is str else (v.n3() if type(v) is Lit else str(v)) for v in values]
        return _all_or_nothing(indicator, ok, messages.access_rights_vocabulary(str(dataset), shown, ok))
    prop = messages.DATASET_PROPERTIES[ident]
    values = document.values(dataset, PROPERTY_IRIS[prop])
    if values:
        return _all_or_nothing(indicator, True, messages.dataset_has(str(dataset), prop, len(values)))
    chosen = fallback.get(ident)
    if chosen is not None:
        return _all_or_nothing(indicator, True, messages.date_from_distribution(str(dataset), prop, str(chosen)))
    return _all_or_nothing(indicator, False, messages.dataset_lacks(str(dataset), prop))


def _all_or_nothing(indicator: Indicator, ok: bool, detail: Text) -> IndicatorScore:
    points = float(indicator.points) if ok else 0.0
    return IndicatorScore(indicator.id, indicator.dimension, points, indicator.points,
                          "met" if ok else "not_met", indicator.label, detail, float(ok))


def _share_indicator(indicator: Indicator, dataset: Term, facts: dict[Term, dict[str, _Fact]]) -> IndicatorScore:
    ident = indicator.id
    if not facts:
        return IndicatorScore(ident, indicator.dimension, 0.0, indicator.points, "not_met", indicator.label,
                              messages.no_distributions(str(dataset)), 0.0, 0)
    per = {node: fact[ident] for node, fact in facts.items()}
    satisfied = sum(f.value for f in per.values())
    points = round(indicator.points * satisfied / len(per), 2)
    detail = messages.share(ident, satisfied, len(per), [str(n) for n, f in per.items() if f.value < 1])
    unknown = [f for f in per.values() if f.unchecked]
    if unknown:
        detail = messages.urls_not_checked(detail, sum(f.unchecked for f in unknown), unknown[0].reason)
    # A distribution whose URLs were all refused cannot gain; one with an unchecked URL can (value 0 → 1).
    open_points = round(indicator.points * sum(1 - f.value for f in unknown) / len(per), 2)
    return IndicatorScore(ident, indicator.dimension, points, indicator.points,
                          _status(points, indicator.points, bool(unknown)), indicator.label, detail, satisfied,
                          len(per), open_points)


def _best_distribution(definition: Definition, document: Document, dataset: Term,
                       facts: dict[Term, dict[str, _Fact]]) -> Term | None:
    """The distribution with the most distribution-level points (dates counting where the dataset lacks them);
    ties go to the first in node order."""
    weights = {i.id: i.points for i in definition.indicators if i.level == "distribution"}
    best, best_points = None, -1.0
    for node, fact in facts.items():
        points = sum(weights[ident] * fact[ident].value for ident in weights)
        for ident, predicate in DATE_INDICATORS.items():
            if not document.values(dataset, predicate) and document.values(node, predicate):
                points += definition.by_id()[ident].points
        if points > best_points:
            best, best_points = node, points
    return best


def _best_indicator(indicator: Indicator, dataset: Term, chosen: Term | None,
                    facts: dict[Term, dict[str, _Fact]]) -> IndicatorScore:
    ident = indicator.id
    if chosen is None:
        return IndicatorScore(ident, indicator.dimension, 0.0, indicator.points, "not_met", indicator.label,
                              messages.no_distributions(str(dataset)), 0.0, 0)
    fact = facts[chosen][ident]
    points = round(indicator.points * fact.value, 2)
    detail = messages.best(ident, str(chosen), len(facts), fact.value)
    unknown = [f for f in facts.values() if f[ident].unchecked]
    if fact.unchecked:
        detail = messages.urls_not_checked(detail, fact.unchecked, fact.reason)
    # Any distribution with an unchecked URL might have been the best one: the indicator stays open as a whole.
    return IndicatorScore(ident, indicator.dimension, points, indicator.points,
                          _status(points, indicator.points, bool(unknown)), indicator.label, detail,
                          fact.value, len(facts), float(indicator.points) - points if unknown else 0.0)


def _title(document: Document, dataset: Term) -> str | None:
    titles = [t for t in document.values(dataset, TITLE) if type(t) is Lit]
    for language in ("de", "en", ""):
        for title in titles:
            if title.language.lower().startswith(language):
                return title.lexical
    return titles[0].lexical if titles else None


def _score_node(document: Document, dataset: Term, context: _Context, definition: Definition,
                rule: str) -> DatasetScore:
    distributions = document.distributions(dataset)
    facts = {node: _distribution_facts(context, node) for node in distributions}
    if context.check_compliance:
        compliance = document.compliance()
    else:
        compliance = Compliance(False, reason=messages.compliance_not_requested())
    fallback: dict[str, Term] = {}
    chosen = None
    if rule == "best":
        chosen = _best_distribution(definition, document, dataset, facts)
        if chosen is not None:
            fallback = {ident: chosen for ident, predicate in DATE_INDICATORS.items()
                        if document.values(chosen, predicate)}
    scores = []
    for indicator in definition.indicators:
        if indicator.level == "dataset":
            scores.append(_dataset_indicator(indicator, document, dataset, context.vocabularies, compliance,
                                             fallback))
        elif rule == "share":
            scores.append(_share_indicator(indicator, dataset, facts))
        else:
            scores.append(_best_indicator(indicator, dataset, chosen, facts))
    dimensions = {name: (round(sum(s.points for s in scores if s.dimension == name), 2), maximum)
                  for name, maximum in definition.dimension_maxima.items()}
    total = round(sum(s.points for s in scores), 2)
    return DatasetScore(str(dataset), document.name, _title(document, dataset), total,
                        band_for(total, definition).name, dimensions, tuple(scores), len(distributions), rule)


def _prepare(rule: str) -> tuple[Definition, Vocabularies]:
    if rule not in RULES:
        raise InputError(messages.unknown_rule(rule))
    try:
        return _load_definition(), load_vocabularies()
    except DefinitionError as exc:
        raise InputError(messages.broken_definition(str(exc))) from exc


def score(source: object, dataset: str | ox.NamedNode | ox.BlankNode | None = None, *,
          reachability: Reachability | None = None, compliance: bool = True, rule: str = "share",
          name: str | None = None) -> DatasetScore:
    """Score one dataset of `source` (RDF bytes, a path, a (name, bytes) pair, a pyoxigraph Store, a parsed
    Graph or a Document). `dataset`: its IRI, `_:b<n>` label or pyoxigraph node; may be left out when the source
    holds exactly one dcat:Dataset. Raises InputError for input that cannot be scored."""
    definition, vocabularies = _prepare(rule)
    document = load(source, name=name, compliance=compliance)
    if dataset is None:
        found = document.datasets()
        if len(found) != 1:
            raise InputError(messages.no_single_dataset(document.name, len(found)))
        node = found[0]
    else:
        node = document.resolve(dataset)
    context = _Context(document, vocabularies, reachability, compliance)
    return _score_node(document, node, context, definition, rule)


def score_all(source: object, *, reachability: Reachability | None = None, compliance: bool = True,
              rule: str = "share", name: str | None = None) -> list[DatasetScore]:
    """Score every dcat:Dataset of `source` (parsed and validated once; each URL checked at most once)."""
    definition, vocabularies = _prepare(rule)
    document = load(source, name=name, compliance=compliance)
    context = _Context(document, vocabularies, reachability, compliance)
    return [_score_node(document, node, context, definition, rule) for node in document.datasets()]


def aggregate(scores: Iterable[DatasetScore]) -> Aggregate:
    """Mean total, its band and mean points per dimension over several datasets (e.g. a source or municipality).

    Note: data.europa.eu's *catalogue* score takes shares over all distributions of the catalogue at once, so a
    dataset with 50 distributions weighs more there; this is the plain mean of dataset scores.
    """
    scores = list(scores)
    if not scores:
        return Aggregate(0, 0.0, None, dict.fromkeys(DIMENSIONS, (0.0, 0)))
    definition = _load_definition()
    count = len(scores)
    total = round(sum(s.total for s in scores) / count, 2)
    dimensions = {name: (round(sum(s.dimensions[name][0] for s in scores) / count, 2), maximum)
                  for name, maximum in definition.dimension_maxima.items()}
    unchecked = tuple(sorted({ident for s in scores for ident in s.unchecked}))
    return Aggregate(count, total, band_for(total, definition).name, dimensions, unchecked)
