"""Package URLs parsed once per process: `sbom.tr-03183-2` (does it parse?) and `vulnerabilities.osv` (which OSV
package is it?) both read every purl of every SBOM, and the same purls recur across thousands of SBOMs.
packageurl-python takes 10–50 µs per purl; a hit here is a dictionary lookup.
"""

from __future__ import annotations

from functools import lru_cache

from packageurl import PackageURL

MAX_PURLS = 65_536  # distinct purls kept per process (~30 MB); least recently used ones are dropped


@lru_cache(maxsize=MAX_PURLS)
def parse_purl(text: str) -> PackageURL | ValueError:
    """The parsed purl, or the ValueError packageurl-python raised for it (returned, not raised, so that
    broken purls are cached too). Callers strip the text as they need; this does not."""
    try:
        return PackageURL.from_string(text)
    except ValueError as exc:
        return exc
