"""Classify dataset metadata into the Musterdatenkatalog V4 (Thema / Bezeichnung), with explanation and confidence.

    from lichtermeer.engines.mdk import default_classifier
    prediction = default_classifier().classify("Bebauungsplan Nr. 12", "Satzung …", keywords=("Bauleitplanung",))
    prediction.thema, prediction.bezeichnung, prediction.uri, prediction.confidence, prediction.needs_confirmation
    prediction.explanation["words"]       # [{"term": "Bebauungsplan", "weight": 0.61}, …] what pushed to this label
    prediction.explanation["neighbours"]  # [{"title", "label", "uri", "similarity", "source"}, …] closest examples

Retraining with labels people confirmed (the Django app stores them):

    classifier = default_classifier().with_confirmed([{"title": …, "description": …, "uri": …}, …])

`confidence` is the estimated probability that the Musterdatensatz is right (`thema_confidence` for the Thema),
calibrated on title-grouped cross-validation of the V4-labelled data; below `threshold` a person should confirm.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.preprocessing import normalize

from . import training
from .corpus import Example, full_training_pool
from .messages import Text, unknown_concept
from .taxonomy import Concept, Taxonomy, load_taxonomy
from .text import stem

DEFAULT_THRESHOLD = 0.6  # with it, about a quarter of the held-out datasets are flagged (see data/mdk/README.md)
NEIGHBOURS = 5
TOP_WORDS = 8
ALTERNATIVES = 3
# Calibration (logistic fit of "the prediction was right" on 4-fold title-grouped cross-validation of the
# V4-labelled data): confidence = sigmoid(a * top SVM score + b [+ c * Thema share of the softmax]).
_CONCEPT_CALIBRATION = (2.55, 0.80)
_THEMA_CALIBRATION = (1.72, 1.84, 0.43)
_SOFTMAX_TEMPERATURE = 0.15
_SPLIT_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Prediction:
    thema: str
    bezeichnung: str
    uri: str
    confidence: float
    needs_confirmation: bool
    explanation: dict[str, Any] = field(default_factory=dict)
    thema_uri: str = ""
    thema_confidence: float = 0.0
    alternatives: tuple[dict[str, Any], ...] = ()
    source: str = "model"  # "model", or "reference" when a known Musterdatenkatalog URI was kept

    @property
    def label(self) -> str:
        return f"{self.thema} - {self.bezeichnung}"

    def to_dict(self) -> dict[str, Any]:
        return {"thema": self.thema, "bezeichnung": self.bezeichnung, "uri": self.uri,
                "confidence": round(self.confidence, 4), "needs_confirmation": self.needs_confirmation,
                "thema_uri": self.thema_uri, "thema_confidence": round(self.thema_confidence, 4),
                "alternatives": list(self.alternatives), "source": self.source, "explanation": self.explanation}


class UnknownConceptError(ValueError):
    """A confirmed example names a concept that is not in the V4 taxonomy."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class Classifier:
    def __init__(self, model: training.Model, taxonomy: Taxonomy, threshold: float = DEFAULT_THRESHOLD,
                 pool: Sequence[Example] | None = None):
        self.model = model
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.pool = list(pool if pool is not None else model.examples)  # what `with_confirmed` retrains from
        classes = list(model.classes)
        self._concepts = [taxonomy.concepts[uri] for uri in classes]
        self._themen = np.array([c.thema for c in self._concepts])
        self._feature_names = model.feature_names()

    # --- training -----------------------------------------------------------------------------------------

    @classmethod
    def train(cls, examples: Iterable[Example | Mapping[str, Any]] | None = None, *,
              taxonomy: Taxonomy | None = None, threshold: float = DEFAULT_THRESHOLD,
              directory: str | None = None) -> Classifier:
        """Fit on `examples` (Example objects or confirmed-label mappings); None: the shipped training data."""
        taxonomy = taxonomy or load_taxonomy(directory)
        pool = full_training_pool(directory) if examples is None else [
            e if isinstance(e, Example) else confirmed_example(e, taxonomy) for e in examples]
        return cls(training.fit(pool), taxonomy, threshold, pool)

    def with_confirmed(self, examples: Iterable[Example | Mapping[str, Any]]) -> Classifier:
        """A new classifier trained on this one's data plus labels people confirmed (they win over other rows)."""
        confirmed = [e if isinstance(e, Example) else confirmed_example(e, self.taxonomy) for e in examples]
        return Classifier.train([*self.pool, *confirmed], taxonomy=self.taxonomy, threshold=self.threshold)

    @property
    def training_seconds(self) -> float:
        return self.model.seconds

    # --- classification -----------------------------------------------------------------------------------

    def classify(self, title: str, description: str = "", keywords: Iterable[str] = (),
                 reference_uri: str | None = None, threshold: float | None = None) -> Prediction:
        return self.classify_many([{"title": title, "description": description, "keywords": keywords,
                                    "reference_uri": reference_uri}], threshold=threshold)[0]

    def classify_many(self, rows: Sequence[Mapping[str, Any]], threshold: float | None = None,
                      explain: bool = True) -> list[Prediction]:
        """One prediction per row ({"title", "description", "keywords", "reference_uri"}; only title needed)."""
        threshold = self.threshold if threshold is None else threshold
        results: list[Prediction | None] = [None] * len(rows)
        pending: list[int] = []
        restrict: dict[int, str] = {}
        for i, row in enumerate(rows):
            reference = str(row.get("reference_uri") or "").strip()
            concept = self.taxonomy.concept(reference) if reference else None
            thema = self.taxonomy.thema_by_uri(reference) if reference and concept is None else None
            if concept is not None:
                results[i] = self._kept_reference(concept)
                continue
            if thema is not None:
                restrict[i] = thema.name  # a Thema reference: choose the Bezeichnung within that Thema
            pending.append(i)
        if pending:
            documents = [training.Document.of(str(rows[i].get("title") or ""), str(rows[i].get("description") or ""),
                                              _keywords(rows[i].get("keywords"))) for i in pending]
            matrix = self.model.features(documents)
            scores = self.model.svm.decision_function(matrix)
            for position, i in enumerate(pending):
                results[i] = self._predict(documents[position], matrix[position], scores[position], threshold,
                                           restrict.get(i), explain, reference_ignored=bool(
                                               str(rows[i].get("reference_uri") or "").strip()) and i not in restrict)
        return [r for r in results if r is not None]

    def _kept_reference(self, concept: Concept) -> Prediction:
        return Prediction(thema=concept.thema, bezeichnung=concept.bezeichnung, uri=concept.uri, confidence=1.0,
                          needs_confirmation=False, thema_uri=concept.thema_uri, thema_confidence=1.0,
                          source="reference", explanation={"words": [], "neighbours": [], "reference": concept.uri})

    def _predict(self, document: training.Document, vector, scores: np.ndarray, threshold: float,
                 thema: str | None, explain: bool, reference_ignored: bool) -> Prediction:
        scores = scores.astype(float).copy()
        if thema is not None and not (self._themen == thema).any():
            thema = None  # a model trained without any concept of that Thema: nothing to restrict to
        if thema is not None:
            scores[self._themen != thema] = -np.inf
        order = np.argsort(-scores)
        best = int(order[0])
        concept = self._concepts[best]
        shares = np.exp((scores - scores[best]) / _SOFTMAX_TEMPERATURE)
        shares /= shares.sum()
        thema_share = float(shares[self._themen == concept.thema].sum())
        a, b = _CONCEPT_CALIBRATION
        confidence = _sigmoid(a * scores[best] + b)
        a, c, b = _THEMA_CALIBRATION
        # The Thema is right whenever the Musterdatensatz is, so it is never less certain.
        thema_confidence = max(confidence, _sigmoid(a * scores[best] + c * thema_share + b))
        if thema is not None:
            thema_confidence = 1.0
        alternatives = tuple({"label": self._concepts[j].label, "uri": self._concepts[j].uri,
                              "share": round(float(shares[j]), 4)} for j in order[:ALTERNATIVES])
        explanation: dict[str, Any] = {}
        if explain:
            explanation = {"words": self._words(document, vector, best), "neighbours": self._neighbours(vector)}
        if thema is not None:
            explanation["restricted_to_thema"] = thema
        if reference_ignored:
            explanation["reference_ignored"] = True  # not a V4 URI: classified from the text instead
        return Prediction(thema=concept.thema, bezeichnung=concept.bezeichnung, uri=concept.uri,
                          confidence=confidence, needs_confirmation=confidence < threshold, explanation=explanation,
                          thema_uri=concept.thema_uri, thema_confidence=thema_confidence, alternatives=alternatives)

    # --- explanation ----------------------------------------------------------------------------------------

    def _words(self, document: training.Document, vector, best: int) -> list[dict[str, Any]]:
        """The input's words ranked by how much they pushed the score of the chosen class (stems and n-grams
        are credited to the words they come from)."""
        row = vector.tocsr()
        coefficients = self.model.svm.coef_[best]
        surface: dict[str, str] = {}  # stem -> first word in the text with that stem
        for word in _SPLIT_WORDS.findall(document.word_text()):
            surface.setdefault(stem(word.lower()), word)
        title_words = _SPLIT_WORDS.findall(document.title)
        credit: dict[str, float] = {}
        word_features = self.model.word_feature_count
        for index, value in zip(row.indices, row.data, strict=True):
            contribution = float(value * coefficients[index])
            name = str(self._feature_names[index])
            if index < word_features:
                parts = [surface[p] for p in name.split(" ") if p in surface]
            else:
                parts = [w for w in title_words if name.strip() in f" {w.lower()} "]
            for part in parts:
                credit[part] = credit.get(part, 0.0) + contribution / len(parts)
        ranked = sorted(((w, c) for w, c in credit.items() if c > 0), key=lambda item: (-item[1], item[0]))
        return [{"term": w, "weight": round(c, 4)} for w, c in ranked[:TOP_WORDS]]

    def _neighbours(self, vector) -> list[dict[str, Any]]:
        similarities = (self.model.matrix @ normalize(vector).T).toarray().ravel()
        nearest = np.argsort(-similarities, kind="stable")[:NEIGHBOURS]
        found = []
        for j in nearest:
            if similarities[j] <= 0:
                break
            example = self.model.examples[j]
            concept = self.taxonomy.concepts[example.uri]
            found.append({"title": example.title, "label": concept.label, "uri": concept.uri,
                          "similarity": round(float(similarities[j]), 4), "source": example.source})
        return found


def confirmed_example(row: Mapping[str, Any], taxonomy: Taxonomy | None = None) -> Example:
    """An Example from a confirmed label: {"title", "description"?, "keywords"?, "uri" or "label"}."""
    taxonomy = taxonomy or load_taxonomy()
    reference = str(row.get("uri") or row.get("label") or "").strip()
    concept = taxonomy.concept(reference) or taxonomy.resolve(reference)
    if concept is None:
        raise UnknownConceptError(unknown_concept(reference))
    return Example(title=str(row.get("title") or ""), description=str(row.get("description") or ""),
                   uri=concept.uri, keywords=_keywords(row.get("keywords")), source="confirmed")


_default: Classifier | None = None
_default_lock = threading.Lock()


def default_classifier() -> Classifier:
    """The classifier trained on the shipped data: fitted at first use (a few seconds), then kept in memory."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Classifier.train()
        return _default


def _keywords(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(k.strip() for k in re.split(r"[,;|]", value) if k.strip())
    return tuple(str(k) for k in value)


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))
