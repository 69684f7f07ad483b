"""Counting user-perceived characters (extended grapheme clusters, Unicode UAX #29).

parser-go measures shortDescription/longDescription/genericName lengths with
rivo/uniseg's GraphemeClusterCount, so "👦🏽" or "e\u0301" count as one character.
This is a compact implementation of the UAX #29 rules that matter for real text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Character classes (grapheme break properties, reduced to what the rules below need).
OTHER, CR, LF, CONTROL, EXTEND, ZWJ, REGIONAL, PICTOGRAPHIC, L, V, T, LV, LVT = range(13)
_FIRST_JOINER = "\u0300"  # below U+0300 no character joins its neighbour (except CR LF)


def _hangul(cp: int) -> int:
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return L
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return V
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return T
    if 0xAC00 <= cp <= 0xD7A3:
        return LV if (cp - 0xAC00) % 28 == 0 else LVT
    return OTHER


def _classify(char: str) -> int:
    cp = ord(char)
    if char == "\r":
        return CR
    if char == "\n":
        return LF
    if cp == 0x200D:
        return ZWJ
    if cp == 0x200C or 0x1F3FB <= cp <= 0x1F3FF or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF \
            or 0xE0020 <= cp <= 0xE007F:
        return EXTEND  # ZWNJ, emoji skin tones, variation selectors, emoji tag characters
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Mc"):
        return EXTEND  # Mc is SpacingMark (GB9a): it joins the same way here
    if category in ("Cc", "Zl", "Zp"):
        return CONTROL
    if 0x1F1E6 <= cp <= 0x1F1FF:
        return REGIONAL
    if (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2300 <= cp <= 0x23FF
            or cp in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299)):
        return PICTOGRAPHIC
    return _hangul(cp)


_HANGUL_JOINS = {(L, L), (L, V), (L, LV), (L, LVT), (LV, V), (LV, T), (V, V), (V, T), (LVT, T), (T, T)}


@lru_cache(maxsize=8)  # umin and umax measure the same text; kept tiny, texts can be long
def count(text: str) -> int:
    if not text or max(text) < _FIRST_JOINER:
        return len(text) - text.count("\r\n")
    classes: dict[str, int] = {}
    clusters, previous, regional_run, emoji_cluster = 0, None, 0, False
    for char in text:
        current = classes.get(char)
        if current is None:
            current = classes[char] = _classify(char)
        if previous is None:
            joins = False
        elif previous == CR and current == LF:
            joins = True  # GB3
        elif previous in (CR, LF, CONTROL) or current in (CR, LF, CONTROL):
            joins = False  # GB4, GB5
        elif current in (EXTEND, ZWJ) or (previous, current) in _HANGUL_JOINS:
            joins = True  # GB9, GB9a, GB6-8
        elif previous == ZWJ and current == PICTOGRAPHIC:
            joins = emoji_cluster  # GB11
        else:
            joins = previous == REGIONAL and current == REGIONAL and regional_run % 2 == 1  # GB12/13
        if not joins:
            clusters += 1
            emoji_cluster = current == PICTOGRAPHIC
        regional_run = regional_run + 1 if current == REGIONAL else 0
        previous = current
    return clusters
