"""Accuracy and macro-F1 at both levels (Thema, Musterdatensatz), as used by bench/classify.py and the tests.

Macro-F1 is scikit-learn's: the mean over every label that occurs in the gold data or the predictions, so a
wrongly predicted rare label costs as much as a missed one.
"""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import accuracy_score, f1_score

from .taxonomy import Taxonomy


def scores(gold: Sequence[str], predicted: Sequence[str], taxonomy: Taxonomy) -> dict[str, float]:
    """{"thema_accuracy", "thema_macro_f1", "bezeichnung_accuracy", "bezeichnung_macro_f1"} for concept URIs."""
    gold_themen = [taxonomy.concepts[uri].thema for uri in gold]
    predicted_themen = [taxonomy.concepts[uri].thema for uri in predicted]
    return {
        "thema_accuracy": float(accuracy_score(gold_themen, predicted_themen)),
        "thema_macro_f1": float(f1_score(gold_themen, predicted_themen, average="macro", zero_division=0)),
        "bezeichnung_accuracy": float(accuracy_score(gold, predicted)),
        "bezeichnung_macro_f1": float(f1_score(gold, predicted, average="macro", zero_division=0)),
    }
