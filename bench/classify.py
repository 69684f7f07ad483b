#!/usr/bin/env python
"""Classifier benchmark: lichtermeer.engines.mdk against a TF-IDF + 5-nearest-neighbour baseline (the
Musterdatenkatalog V3 approach), both trained on the same examples, on the held-out V4-labelled datasets.

    .venv/bin/python bench/classify.py              # fixed held-out split (30 % of the 440 V4 datasets)
    .venv/bin/python bench/classify.py --folds 4    # plus title-grouped 4-fold cross-validation over all 440

The split is decided by a hash of the normalised title (identical titles never straddle it) and every test
title is also removed from the V3 training rows. Training data: the other V4 datasets, the V3 training set
mapped to V4, one pseudo-document per concept from the taxonomy. Comparison figures of the published V4 model
(different test data): Thema accuracy 0.89 / macro-F1 0.88, Bezeichnung accuracy 0.73 / macro-F1 0.67.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from lichtermeer.engines.mdk import Classifier, load_taxonomy  # noqa: E402
from lichtermeer.engines.mdk.baseline import KnnBaseline  # noqa: E402
from lichtermeer.engines.mdk.corpus import (  # noqa: E402
    Example,
    benchmark_split,
    taxonomy_examples,
    v3_examples,
    v4_examples,
    without_titles,
)
from lichtermeer.engines.mdk.evaluation import scores  # noqa: E402

KEYS = ("thema_accuracy", "thema_macro_f1", "bezeichnung_accuracy", "bezeichnung_macro_f1")


def run(train: list[Example], test: list[Example]) -> dict[str, float]:
    taxonomy = load_taxonomy()
    classifier = Classifier.train(train, taxonomy=taxonomy)
    rows = [{"title": e.title, "description": e.description} for e in test]
    started = time.perf_counter()
    predictions = classifier.classify_many(rows, explain=False)
    classify_ms = (time.perf_counter() - started) * 1000 / max(1, len(rows))
    gold = [e.uri for e in test]
    result = scores(gold, [p.uri for p in predictions], taxonomy)
    baseline = KnnBaseline.train(train)
    result.update({f"baseline_{k}": v for k, v in scores(gold, baseline.predict(
        [(e.title, e.description) for e in test]), taxonomy).items()})
    flagged = [p.needs_confirmation for p in predictions]
    right = [p.uri == g for p, g in zip(predictions, gold, strict=True)]
    kept = [r for r, f in zip(right, flagged, strict=True) if not f]
    result.update({
        "train_rows": len(classifier.model.examples), "test_rows": len(test),
        "training_s": round(classifier.training_seconds, 2), "classify_ms_per_row": round(classify_ms, 2),
        "threshold": classifier.threshold, "flagged_share": sum(flagged) / len(flagged),
        "bezeichnung_accuracy_unflagged": sum(kept) / max(1, len(kept)),
    })
    return result


def cross_validation(folds: int) -> dict[str, float]:
    """Title-grouped k-fold over all V4 datasets (pooled predictions)."""
    taxonomy = load_taxonomy()
    v4, v3, pseudo = v4_examples(taxonomy), v3_examples(taxonomy), taxonomy_examples(taxonomy)

    def fold(example: Example) -> int:
        return int.from_bytes(hashlib.sha256(example.title_key.encode()).digest()[4:8], "big") % folds

    gold: list[str] = []
    ours: list[str] = []
    theirs: list[str] = []
    for k in range(folds):
        test = [e for e in v4 if fold(e) == k]
        train = [e for e in v4 if fold(e) != k] + without_titles(v3, test) + pseudo
        rows = [{"title": e.title, "description": e.description} for e in test]
        ours += [p.uri for p in Classifier.train(train, taxonomy=taxonomy).classify_many(rows, explain=False)]
        theirs += KnnBaseline.train(train).predict([(e.title, e.description) for e in test])
        gold += [e.uri for e in test]
    result = {f"cv_{k}": v for k, v in scores(gold, ours, taxonomy).items()}
    result.update({f"cv_baseline_{k}": v for k, v in scores(gold, theirs, taxonomy).items()})
    return result


def _print_table(result: dict[str, float], prefix: str = "") -> None:
    print(f"{'metric':24s} {'classifier':>10s} {'kNN baseline':>13s}")
    for key in KEYS:
        print(f"{key:24s} {result[prefix + key]:10.3f} {result[prefix + 'baseline_' + key]:13.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0, help="also run title-grouped k-fold cross-validation")
    args = parser.parse_args()
    split = benchmark_split()
    result = run(split.train, split.test)
    print(f"held-out split: {result['test_rows']} V4 datasets; {result['train_rows']} training rows "
          f"(after capping V3), training {result['training_s']} s, {result['classify_ms_per_row']} ms per row")
    _print_table(result)
    print(f"needs confirmation below {result['threshold']}: {result['flagged_share']:.0%} of the rows; "
          f"Bezeichnung accuracy of the rest {result['bezeichnung_accuracy_unflagged']:.3f}")
    if args.folds > 1:
        cv = cross_validation(args.folds)
        print(f"\n{args.folds}-fold title-grouped cross-validation over all V4 datasets")
        _print_table(cv, "cv_")
        result.update(cv)
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
