"""publiccode.yml engine: parse, validate and write publiccode.yml files (standard 0.2 to 0.7).

Plain Python, no Django. Findings match italia/publiccode-parser-go v5 (texts, order,
positions); see tests/engines/publiccode/DISAGREEMENTS.md for the known differences.

    result = parse(data, path="publiccode.yml")
    result.valid, result.findings, result.document, result.version
    text = dump(result.document)

`policy.unsafe_link_findings(result)` adds the platform's stricter link rule (opt-in).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from . import messages
from .dump import dump
from .findings import Finding, ParseResult, error
from .yamlnodes import MAX_BYTES

__all__ = ["Finding", "ParseResult", "dump", "parse", "validate_file"]


def _default_fetch() -> Callable[[str], Any]:
    from lichtermeer.engines import netguard

    return netguard.fetch


def parse(data: bytes | str, *, path: str | None = None, network: bool = False,
          base_dir: str | None = None, fetch: Callable[[str], Any] | None = None) -> ParseResult:
    """Parse and validate a publiccode.yml. Never raises: every problem is a Finding.

    `path` names the file (relative logo/screenshots/authorsFile are looked up next to it,
    unless `base_dir` says otherwise). `network=True` adds parser-go's online checks
    (URL reachability, code repository) through `fetch(url)`, which must return an object
    with `.status` and `.body`; the default is the SSRF-guarded `netguard.fetch`.
    """
    from .parser import parse_bytes

    if network and fetch is None:
        fetch = _default_fetch()
    try:
        return parse_bytes(data, path=path, network=network, base_dir=base_dir, fetch=fetch)
    except Exception as exc:  # noqa: BLE001 - a bug must not take the caller down with it
        text = messages.Text(f"internal error while parsing: {type(exc).__name__}",
                             f"Interner Fehler beim Lesen: {type(exc).__name__}")
        return ParseResult(None, [error("", text)])


def validate_file(path: str, network: bool = False) -> ParseResult:
    """Read `path` (at most MAX_BYTES are read) and parse it."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return ParseResult(None, [error("", messages.too_large(size, MAX_BYTES))])
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return ParseResult(None, [error("", messages.cannot_read(path, exc.strerror or str(exc)))])
    return parse(data, path=path, network=network)
