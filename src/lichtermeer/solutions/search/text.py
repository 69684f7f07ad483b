"""Text as both engines index it: words, the Snowball German stemmer, folded forms for type-ahead, and the
searchable text of a solution."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Keeps one huge description from making a single index row (and every rebuild) expensive.
MAX_FIELD_CHARS = 20_000

WORD = re.compile(r"[^\W_]+")
# "ue" written for "ü" (also ae, oe) as Snowball's German stemmer reads it: not after a vowel, not "que".
_UMLAUT_SPELLING = re.compile(r"(?<![aeiouyäöü])(?:ae|oe|(?<!q)ue)")

_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, umlauts however spelled, no accents, ß as ss: one form for type-ahead on both engines."""
    word = _UMLAUT_SPELLING.sub(lambda m: {"ae": "a", "oe": "o", "ue": "u"}[m.group()], word.casefold())
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def umlauts(text: str) -> str:
    """PostgreSQL's German stemmer reads "Buerger" literally; spell umlauts out so it agrees with ours."""
    return _UMLAUT_SPELLING.sub(lambda m: {"ae": "ä", "oe": "ö", "ue": "ü"}[m.group()], text.casefold())


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def document_fields(solution, organisation_name: str | None = None) -> dict[str, str]:
    """The searchable text of a solution, by weight: name, summary, features, body (all languages)."""
    document = _dict(solution.publiccode)
    if organisation_name is None:
        organisation_name = solution.organisation.name
    name, summary, features, body = [solution.name], [organisation_name], [], []
    for block in _dict(document.get("description")).values():
        block = _dict(block)
        name += _texts(block.get("localisedName")) + _texts(block.get("genericName"))
        summary += _texts(block.get("shortDescription"))
        features += _texts(block.get("features"))
        body += _texts(block.get("longDescription"))
    # People look for publishers and maintainers by name, too.
    legal = _dict(document.get("legal"))
    summary += _texts(legal.get("mainCopyrightOwner")) + _texts(legal.get("repoOwner"))
    for contractor in _dict(document.get("maintenance")).get("contractors") or []:
        summary += _texts(_dict(contractor).get("name"))

    def join(parts: list[str]) -> str:
        return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))[:MAX_FIELD_CHARS]

    return {"name": join(name), "summary": join(summary), "features": join(features), "body": join(body)}


def index_texts(fields: dict[str, str], *, stem: bool = True) -> tuple[dict[str, str], str]:
    """Stemmed text per field (FTS5), and each distinct unstemmed word once, folded, for type-ahead: typing
    "Beteiligu…" must find "Beteiligung" although its stem is "beteil"."""
    stemmed, seen = {}, {}
    for name, text in fields.items():
        tokens = words(text)
        stemmed[name] = " ".join(map(stem_word, tokens)) if stem else ""
        seen.update(dict.fromkeys(tokens))
    return stemmed, " ".join(dict.fromkeys(map(fold, seen)))
