"""The Musterdatenkatalog V3 approach, as the baseline to beat: TF-IDF of title and description, 5 nearest
neighbours by cosine similarity, majority vote. Trained on the same examples as the classifier."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import KNeighborsClassifier

from .corpus import Example
from .text import clean, stems

K = 5


def _document(title: str, description: str) -> str:
    return " ".join(stems(f"{clean(title)} {clean(description, 1000)}"))


@dataclass
class KnnBaseline:
    vectorizer: TfidfVectorizer
    knn: KNeighborsClassifier

    @classmethod
    def train(cls, examples: Iterable[Example]) -> KnnBaseline:
        rows = list(examples)
        vectorizer = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, sublinear_tf=True)
        matrix = vectorizer.fit_transform([_document(e.title, e.description) for e in rows])
        knn = KNeighborsClassifier(n_neighbors=K, metric="cosine", algorithm="brute")
        knn.fit(matrix, [e.uri for e in rows])
        return cls(vectorizer, knn)

    def predict(self, rows: Sequence[tuple[str, str]]) -> list[str]:
        """The concept URI for each (title, description)."""
        matrix = self.vectorizer.transform([_document(title, description) for title, description in rows])
        return [str(uri) for uri in np.asarray(self.knn.predict(matrix))]
