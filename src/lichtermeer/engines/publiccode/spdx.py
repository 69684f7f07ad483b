"""SPDX license expressions, accepted like parser-go's go-spdx check.

license-expression knows the SPDX ids (including deprecated ones such as `GPL-3.0`),
exceptions and operators. go-spdx also accepts user-defined `LicenseRef-…` symbols, which
license-expression does not know, so they are swapped for a known id before validating.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LICENSE_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+")


@lru_cache(maxsize=1)
def _licensing():
    from license_expression import get_spdx_licensing  # a large index: load it on first use

    return get_spdx_licensing()


MAX_EXPRESSION_LENGTH = 4096  # real expressions are a few dozen characters


def is_valid_expression(expression: str) -> bool:
    if not expression.strip() or len(expression) > MAX_EXPRESSION_LENGTH:
        return False
    return _is_valid(expression)


@lru_cache(maxsize=256)  # bounded: at most 256 x 4 KiB of keys
def _is_valid(expression: str) -> bool:
    candidate = _LICENSE_REF.sub("MIT", expression)
    try:
        info = _licensing().validate(candidate)
    except Exception:  # noqa: BLE001 - the library raises assorted errors on malformed input
        return False
    return not info.errors and not info.invalid_symbols
