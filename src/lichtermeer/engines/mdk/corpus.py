"""Labelled examples for training and evaluation, all labelled with V4 concept URIs.

Three sources, weighted differently by the classifier (see `training.SOURCE_WEIGHTS`):
* "v4"       — `mdk_v4_labelled_dev.csv`: 440 datasets labelled in V4 (the only true V4 ground truth);
* "v3"       — `2022-10-10_bst_baseline_training_3506_v1.csv`: 3,506 datasets labelled in V3, kept where the
               official mapper or the curated concordance gives a V4 concept (3,251 rows);
* "taxonomy" — one pseudo-document per concept built from its own label, definition and the names of the
               GND / Wikidata / EuroVoc concepts it is matched to, so that concepts without any labelled
               dataset can still be predicted.
Confirmed labels from people come in as "confirmed" examples (see `Classifier.with_confirmed`).

The held-out split for measuring is decided by a hash of the normalised title, so identical titles always
land on the same side (no leakage through duplicates), and `without_titles` removes test titles from the
other sources too (the V3 training set contains many of the V4 datasets).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .taxonomy import Taxonomy, data_dir, load_taxonomy, read_records
from .text import normalise_title

V4_CSV = "mdk_v4_labelled_dev.csv"
V3_CSV = "2022-10-10_bst_baseline_training_3506_v1.csv"
HOLDOUT_PERCENT = 30


@dataclass(frozen=True)
class Example:
    title: str
    description: str
    uri: str
    keywords: tuple[str, ...] = ()
    source: str = "confirmed"
    title_key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.title_key:
            object.__setattr__(self, "title_key", normalise_title(self.title))


def v4_examples(taxonomy: Taxonomy | None = None, directory: str | None = None) -> list[Example]:
    taxonomy = taxonomy or load_taxonomy(directory)
    examples = []
    for row in read_records(data_dir(directory) / V4_CSV):
        concept = taxonomy.resolve(row["labels_name"])
        if concept is not None:
            examples.append(Example(row["title"], row["description"], concept.uri, source="v4"))
    return examples


def v3_examples(taxonomy: Taxonomy | None = None, directory: str | None = None) -> list[Example]:
    taxonomy = taxonomy or load_taxonomy(directory)
    examples = []
    for row in read_records(data_dir(directory) / V3_CSV):
        concept = taxonomy.resolve(row["MUSTERDATENSATZ"])
        if concept is not None:
            examples.append(Example(row["dct:title"], row["dct:description"], concept.uri, source="v3"))
    return examples


def taxonomy_examples(taxonomy: Taxonomy | None = None) -> list[Example]:
    """One pseudo-dataset per concept: its label as title; definition and matched vocabulary as description."""
    taxonomy = taxonomy or load_taxonomy()
    examples = []
    for concept in taxonomy.concepts.values():
        thema = taxonomy.themen.get(concept.thema)
        parts = [concept.definition, *concept.terms]
        if thema is not None:
            parts += [thema.definition, *thema.terms]
        examples.append(Example(f"{concept.thema} {concept.bezeichnung}", ". ".join(p for p in parts if p),
                                concept.uri, source="taxonomy"))
    return examples


def in_holdout(example: Example, percent: int = HOLDOUT_PERCENT) -> bool:
    digest = hashlib.sha256(example.title_key.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def holdout_split(examples: Sequence[Example], percent: int = HOLDOUT_PERCENT) -> tuple[list[Example], list[Example]]:
    """(train, test): a fixed, title-grouped split (the same on every machine and every run)."""
    train = [e for e in examples if not in_holdout(e, percent)]
    test = [e for e in examples if in_holdout(e, percent)]
    return train, test


def without_titles(examples: Iterable[Example], excluded: Iterable[Example]) -> list[Example]:
    keys = {e.title_key for e in excluded}
    return [e for e in examples if e.title_key not in keys]


@dataclass(frozen=True)
class Benchmark:
    """The training pool and the held-out V4 test set, with every test title removed from the pool."""

    train: list[Example]
    test: list[Example]


def benchmark_split(directory: str | None = None) -> Benchmark:
    taxonomy = load_taxonomy(directory)
    v4_train, test = holdout_split(v4_examples(taxonomy, directory))
    pool = v4_train + without_titles(v3_examples(taxonomy, directory), test) + taxonomy_examples(taxonomy)
    return Benchmark(train=pool, test=test)


def full_training_pool(directory: str | None = None) -> list[Example]:
    """Everything the shipped classifier learns from."""
    taxonomy = load_taxonomy(directory)
    return v4_examples(taxonomy, directory) + v3_examples(taxonomy, directory) + taxonomy_examples(taxonomy)
