"""What people type, made safe: control characters and excess length removed, then reduced to terms (words,
"phrases", -exclusions, a prefix still being typed) that the engines only ever see as quoted plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import WORD, words

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MIN_PREFIX_CHARS = 3

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negated: bool = False
    prefix: bool = False


def clean_query(query) -> str:
    if not isinstance(query, str):
        return ""
    return " ".join(_CONTROL.sub(" ", query[: MAX_QUERY_CHARS * 4]).split())[:MAX_QUERY_CHARS]


def parse_query(query) -> list[Term]:
    """Words, "phrases" and -exclusions; operators and punctuation of either engine are only separators."""
    raw = query if isinstance(query, str) else ""
    terms: list[Term] = []
    open_ended = False
    for match in _QUERY_PART.finditer(clean_query(raw)):
        negated_phrase, phrase, chunk = match.groups()
        if chunk is not None:
            negated = chunk.startswith("-")
            found = tuple(words(chunk))
            open_ended = len(found) == 1 and not negated and WORD.fullmatch(chunk[-1]) is not None
        else:
            negated, found, open_ended = negated_phrase == "-", tuple(words(phrase)), False
        if found:
            terms.append(Term(found, negated))
        if len(terms) >= MAX_TERMS:
            break
    # The last word is still being typed unless a space or a quote closed it.
    typing = bool(raw) and not raw[-1].isspace() and len(raw) <= MAX_QUERY_CHARS
    if terms and open_ended and typing and len(terms[-1].words[0]) >= MIN_PREFIX_CHARS:
        terms[-1] = Term(terms[-1].words, False, True)
    return terms
