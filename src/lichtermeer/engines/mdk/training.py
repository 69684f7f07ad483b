"""Features and the linear model behind the classifier (fitted in a few seconds, nothing stored on disk).

Chosen after comparing, on title-grouped cross-validation of the 440 V4-labelled datasets (see bench/classify.py
and data/mdk/README.md): TF-IDF of German word stems (uni- and bigrams; title twice, keywords, the first 300
characters of the description) plus TF-IDF of character 3–5-grams of the title (they catch compounds such as
"Müllabfuhrtermine"), one linear SVM over all 242 Musterdatensätze; the Thema follows from the Musterdatensatz.
Logistic regression was slower (40–70 s) and less accurate, a separate Thema model or nearest-neighbour voting on
top of the SVM did not help, and a kNN over the same features is the baseline.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from .corpus import Example
from .text import clean, stems

# How much one example of each source counts. The V4-labelled data is the real target; the V3 data is plentiful
# but labelled in another taxonomy (mapped), and people's confirmations must outweigh both.
SOURCE_WEIGHTS = {"confirmed": 10.0, "v4": 5.0, "taxonomy": 5.0, "v3": 1.0}
# The V3 set is skewed (685 council sessions, 305 development plans): keep at most this many per concept.
V3_PER_CONCEPT = 60
DESCRIPTION_CHARS = 300
TITLE_REPEAT = 2
MAX_TITLE_CHARS = 1000
MAX_KEYWORDS = 50
SVM_C = 1.0
SVM_TOLERANCE = 1e-3  # the default 1e-4 takes half as long again for the same predictions
SEED = 0


@dataclass(frozen=True)
class Document:
    """The parts of a dataset's metadata the features are made from (already cut to size)."""

    title: str
    description: str
    keywords: tuple[str, ...]

    @classmethod
    def of(cls, title: str, description: str = "", keywords: Iterable[str] = ()) -> Document:
        kept = tuple(clean(str(k)[:1000], 100) for k in list(keywords or ())[:MAX_KEYWORDS] if str(k).strip())
        # Cut the raw text before cleaning (generously: markup is removed first), so huge input costs nothing.
        return cls(clean((title or "")[:MAX_TITLE_CHARS * 20], MAX_TITLE_CHARS),
                   clean((description or "")[:DESCRIPTION_CHARS * 20], DESCRIPTION_CHARS), kept)

    def word_text(self) -> str:
        return " ".join([self.title] * TITLE_REPEAT + list(self.keywords) + [self.description])

    def char_text(self) -> str:
        return self.title.lower()


def _stem_string(document: Document) -> str:
    return " ".join(stems(document.word_text()))


@dataclass
class Model:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    svm: LinearSVC
    examples: list[Example]
    matrix: sparse.csr_matrix  # training examples, rows L2-normalised (for the nearest neighbours)
    seconds: float

    @property
    def classes(self) -> np.ndarray:
        return self.svm.classes_

    def features(self, documents: Sequence[Document]) -> sparse.csr_matrix:
        word_part = self.words.transform([_stem_string(d) for d in documents])
        char_part = self.chars.transform([d.char_text() for d in documents])
        return sparse.hstack([word_part, char_part]).tocsr()

    def feature_names(self) -> np.ndarray:
        return np.concatenate([self.words.get_feature_names_out(), self.chars.get_feature_names_out()])

    @property
    def word_feature_count(self) -> int:
        return len(self.words.vocabulary_)


def select(examples: Iterable[Example], per_concept: int | None = None) -> list[Example]:
    """Training rows: confirmed labels replace other rows with the same title; V3 rows deduplicated and capped.

    The cap keeps the rows whose title hashes lowest, so the choice is spread over the file and reproducible.
    """
    per_concept = V3_PER_CONCEPT if per_concept is None else per_concept
    examples = list(examples)
    confirmed = {e.title_key for e in examples if e.source == "confirmed"}
    kept, v3_rows, seen = [], [], set()
    for example in examples:
        if example.source != "confirmed" and example.title_key in confirmed:
            continue
        if example.source == "v3":
            if (example.title_key, example.uri) not in seen:
                seen.add((example.title_key, example.uri))
                v3_rows.append(example)
        else:
            kept.append(example)
    v3_rows.sort(key=lambda e: hashlib.sha256(e.title_key.encode("utf-8")).digest())
    per_uri: Counter[str] = Counter()
    for example in v3_rows:
        if per_uri[example.uri] < per_concept:
            per_uri[example.uri] += 1
            kept.append(example)
    return kept


def fit(examples: Iterable[Example]) -> Model:
    started = time.perf_counter()
    rows = select(examples)
    if len({e.uri for e in rows}) < 2:
        raise ValueError("training needs examples of at least two concepts")
    documents = [Document.of(e.title, e.description, e.keywords) for e in rows]
    words = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 2),
                            sublinear_tf=True, dtype=np.float32)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float32)
    matrix = sparse.hstack([words.fit_transform([_stem_string(d) for d in documents]),
                            chars.fit_transform([d.char_text() for d in documents])]).tocsr()
    weights = np.array([SOURCE_WEIGHTS.get(e.source, 1.0) for e in rows])
    svm = LinearSVC(C=SVM_C, tol=SVM_TOLERANCE, random_state=SEED)
    svm.fit(matrix, [e.uri for e in rows], sample_weight=weights)
    return Model(words=words, chars=chars, svm=svm, examples=rows, matrix=normalize(matrix),
                 seconds=time.perf_counter() - started)
