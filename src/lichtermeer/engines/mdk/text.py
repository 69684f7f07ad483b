"""Text clean-up and German word stems shared by the classifier and the baseline.

Descriptions from open-data portals carry CDATA wrappers, HTML tags and entities, URLs and
very long boiler-plate; titles carry city names, years and dataset numbers. Only words help:
numbers are dropped, words are lower-cased and reduced to their Snowball stems so that
"Bebauungspläne" and "Bebauungsplan" count as one feature.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import snowballstemmer

_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_TAG = re.compile(r"<[^>]{0,500}>")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SPACE = re.compile(r"\s+")

# Function words that say nothing about the topic of a dataset (German and the English that shows up in titles).
_STOPWORD_TEXT = """
    aber alle allen aller als also am an auf aus bei beim bis da das dass dem den der des die dies diese diesem
    diesen dieser dieses durch ein eine einem einen einer eines es für gibt hier im in ins ist je jeweils kann
    mit nach nicht noch nur ob oder ohne pro seit sich sie sind so sowie über um und uns unter vom von vor
    werden wie wird wurde wurden zu zum zur zwischen bzw ca etc inkl usw the of and for in on to by with
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_stemmer = snowballstemmer.stemmer("german")


def clean(text: str, limit: int | None = None) -> str:
    """Plain text: no CDATA markers, tags, entities or URLs; whitespace collapsed; optionally cut to `limit`."""
    text = _CDATA.sub(" ", text or "")
    text = html.unescape(_TAG.sub(" ", text))
    text = _SPACE.sub(" ", _URL.sub(" ", text)).strip()
    return text[:limit] if limit else text


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased words of at least two letters, stop words removed (numbers never count)."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def normalise_title(title: str) -> str:
    """The key that decides whether two datasets are "the same title" (used to keep splits apart)."""
    return _SPACE.sub(" ", clean(title).casefold()).strip()
