"""Read the bundle's SBOM once for every check that needs it."""

from __future__ import annotations

from lichtermeer.engines.publiccode.messages import Text

from ..evidence import Bundle, EvidenceError
from .model import Sbom
from .parse import KIND, parse_sbom

CACHE_KEY = "sbom"


def _read(name: str, data: bytes) -> Sbom | EvidenceError:
    try:
        return parse_sbom(data, name)
    except RecursionError:
        return EvidenceError(KIND, name, Text(f"{name} is nested too deeply to be read.",
                                              f"{name} ist zu tief verschachtelt."))
    except Exception as exc:  # noqa: BLE001 - a reader bug must give `error`, never a crash or a pass
        return EvidenceError(KIND, name, Text(
            f"{name} could not be read ({type(exc).__name__}).",
            f"{name} konnte nicht gelesen werden ({type(exc).__name__})."))


def sbom_of(bundle: Bundle) -> Sbom | EvidenceError | None:
    """The bundle's (first) SBOM in normalised form, an EvidenceError if it cannot be read, None if absent."""
    file = bundle.first(KIND)
    if file is None:
        return None
    return bundle.parsed(CACHE_KEY, lambda: _read(file.name, file.data))
