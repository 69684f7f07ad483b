"""Musterdatenkatalog (MDK) V4: taxonomy and a classifier for dataset metadata (plain Python, no Django).

Public API (what the platform calls):

    from lichtermeer.engines.mdk import default_classifier, load_taxonomy

    classifier = default_classifier()            # trained from data/mdk/ at first use, kept in memory
    p = classifier.classify(title, description, keywords=(), reference_uri=None)
    p.thema, p.bezeichnung, p.uri, p.confidence, p.needs_confirmation, p.explanation  # also p.to_dict()
    classifier.classify_many([{"title": …, "description": …, "keywords": …, "reference_uri": …}, …])
    retrained = classifier.with_confirmed([{"title": …, "description": …, "uri": …}, …])
    Classifier.train(examples)                   # fit on exactly these examples (None: the shipped data)

    taxonomy = load_taxonomy()                   # .themen, .concepts (by URI), .concept(uri), .resolve(label)

A reference URI that is a known V4 Musterdatensatz is kept with confidence 1.0; a Thema URI restricts the choice to
that Thema. Data sources and licences: data/mdk/README.md.
"""

from .classifier import (
    DEFAULT_THRESHOLD,
    Classifier,
    Prediction,
    UnknownConceptError,
    confirmed_example,
    default_classifier,
)
from .corpus import Example
from .taxonomy import Concept, Taxonomy, Thema, load_taxonomy

__all__ = [
    "DEFAULT_THRESHOLD",
    "Classifier",
    "Concept",
    "Example",
    "Prediction",
    "Taxonomy",
    "Thema",
    "UnknownConceptError",
    "confirmed_example",
    "default_classifier",
    "load_taxonomy",
]
