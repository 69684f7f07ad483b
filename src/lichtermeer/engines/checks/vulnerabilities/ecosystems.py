"""OSV ecosystems: canonical names, package-name normalisation and the purl → (ecosystem, name, version) mapping.

The mapping follows what osv-scanner sends to OSV for an SBOM (checked against its recorded querybatch
requests): `pkg:apk/alpine/zlib@1.2.10-r0?distro=alpine-3.17.2` → ("Alpine:v3.17", "zlib", "1.2.10-r0"),
`pkg:deb/debian/dpkg@1.18.25?distro=debian-9` → ("Debian:9", "dpkg", "1.18.25"), `pkg:golang/…@v1.0.1` keeps
its "v". A component that cannot be mapped is "not scannable" and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packageurl import PackageURL

from ..sbom.purls import parse_purl

# OSV ecosystem names (osv-schema docs/schema.md, "affected[].package"), compared case-insensitively on input.
KNOWN_ECOSYSTEMS = (
    "AlmaLinux", "Alpine", "Android", "Bitnami", "Chainguard", "ConanCenter", "CRAN", "crates.io", "Debian", "GHC",
    "GitHub Actions", "Go", "Hackage", "Hex", "Julia", "Linux", "Mageia", "Maven", "MinimOS", "npm", "NuGet", "opam",
    "openEuler", "openSUSE", "OSS-Fuzz", "Packagist", "Photon OS", "Pub", "PyPI", "Red Hat", "Rocky Linux",
    "RubyGems", "SUSE", "SwiftURL", "Ubuntu", "Wolfi",
)
_CANONICAL = {name.lower(): name for name in KNOWN_ECOSYSTEMS}

# Ecosystems whose package names are case-insensitive at their registry, so OSV and SBOMs may spell them differently.
_LOWERCASE_NAMES = {"Packagist", "NuGet", "crates.io"}
_PEP503 = re.compile(r"[-_.]+")

# Debian releases by code name (distro-info-data), for purls that say `distro=stretch` instead of `debian-9`.
_DEBIAN_RELEASES = {"wheezy": "7", "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11",
                    "bookworm": "12", "trixie": "13", "forky": "14"}
# Ubuntu releases by code name (scanners such as osv-scalibr write `distro=focal`).
_UBUNTU_RELEASES = {"trusty": "14.04", "xenial": "16.04", "bionic": "18.04", "focal": "20.04", "jammy": "22.04",
                    "noble": "24.04", "kinetic": "22.10", "lunar": "23.04", "mantic": "23.10", "oracular": "24.10",
                    "plucky": "25.04", "questing": "25.10"}


def canonical_ecosystem(ecosystem: str) -> str:
    """`pypi` → `PyPI`, `debian:9` → `Debian:9`; a suffix (release, repository URL) is kept as written."""
    base, sep, suffix = ecosystem.strip().partition(":")
    return _CANONICAL.get(base.lower(), base) + sep + suffix


def base_ecosystem(ecosystem: str) -> str:
    return ecosystem.partition(":")[0]


def normalise_name(ecosystem: str, name: str) -> str:
    """The package name as OSV keys it: PyPI per PEP 503, case-insensitive registries lower-cased, others exact."""
    base = base_ecosystem(ecosystem)
    if base == "PyPI":
        return _PEP503.sub("-", name).lower()
    if base in _LOWERCASE_NAMES:
        return name.lower()
    return name


@dataclass(frozen=True)
class PackageKey:
    """What one component is looked up as: an OSV (ecosystem, name, version) triple."""

    ecosystem: str
    name: str
    version: str


@dataclass(frozen=True)
class NotScannable:
    """Why a component cannot be looked up (no purl, a purl that does not parse, an unsupported type …)."""

    reason_en: str
    reason_de: str


def _distro_release(qualifiers: dict[str, str], prefix: str) -> str:
    distro = (qualifiers.get("distro") or "").strip().lower()
    return distro[len(prefix):] if distro.startswith(prefix) else distro


def _alpine_ecosystem(qualifiers: dict[str, str]) -> str:
    # `alpine-3.17.2` or `3.22.0` → `Alpine:v3.17` (OSV scopes Alpine advisories by major.minor branch).
    match = re.match(r"v?(\d+)\.(\d+)", _distro_release(qualifiers, "alpine-"))
    return f"Alpine:v{match[1]}.{match[2]}" if match else "Alpine"


def _debian_ecosystem(qualifiers: dict[str, str]) -> str:
    release = _distro_release(qualifiers, "debian-")
    release = _DEBIAN_RELEASES.get(release, release)
    match = re.match(r"(\d+)", release)
    return f"Debian:{match[1]}" if match else "Debian"


def _ubuntu_ecosystem(qualifiers: dict[str, str]) -> str:
    # OSV: "Ubuntu:22.04:LTS"; LTS releases are the April releases of even years.
    release = _distro_release(qualifiers, "ubuntu-")
    match = re.match(r"(\d\d)\.(\d\d)", _UBUNTU_RELEASES.get(release, release))
    if not match:
        return "Ubuntu"
    lts = ":LTS" if int(match[1]) % 2 == 0 and match[2] == "04" else ""
    return f"Ubuntu:{match[1]}.{match[2]}{lts}"


def _joined(namespace: str | None, name: str, sep: str) -> str:
    return f"{namespace}{sep}{name}" if namespace else name


def _simple(ecosystem: str):
    return lambda purl: (ecosystem, purl.name)


def _needs_namespace(ecosystem: str, sep: str):
    def build(purl: PackageURL):
        if not purl.namespace:
            return None
        return ecosystem, f"{purl.namespace}{sep}{purl.name}"
    return build


def _deb(purl: PackageURL):
    vendor = (purl.namespace or "").lower()
    if vendor == "debian":
        return _debian_ecosystem(purl.qualifiers or {}), purl.name
    if vendor == "ubuntu":
        return _ubuntu_ecosystem(purl.qualifiers or {}), purl.name
    return None


def _apk(purl: PackageURL):
    vendor = (purl.namespace or "").lower()
    if vendor == "alpine":
        return _alpine_ecosystem(purl.qualifiers or {}), purl.name
    if vendor in ("wolfi", "chainguard"):
        return vendor.capitalize(), purl.name
    return None


_BY_TYPE = {
    "pypi": _simple("PyPI"),
    "npm": lambda purl: ("npm", _joined(purl.namespace, purl.name, "/")),  # @scope/name; the purl encodes @ as %40
    "maven": _needs_namespace("Maven", ":"),
    "golang": lambda purl: ("Go", _joined(purl.namespace, purl.name, "/")),
    "composer": _needs_namespace("Packagist", "/"),
    "cargo": _simple("crates.io"),
    "gem": _simple("RubyGems"),
    "nuget": _simple("NuGet"),
    "hex": _simple("Hex"),
    "pub": _simple("Pub"),
    "cran": _simple("CRAN"),
    "hackage": _simple("Hackage"),
    "deb": _deb,
    "apk": _apk,
}

NO_PURL = NotScannable("The component has no package URL (purl), so it cannot be matched against advisories.",
                       "Die Komponente hat keine Paket-URL (purl) und kann daher nicht mit Schwachstellenmeldungen "
                       "abgeglichen werden.")


def package_of(purl: str | None, fallback_version: str | None = None) -> PackageKey | NotScannable:
    """Map one component's purl to its OSV lookup key. `fallback_version` (the component's own version) is used
    when the purl carries none. Never raises."""
    if not purl or not isinstance(purl, str) or not purl.strip():
        return NO_PURL
    parsed = parse_purl(purl.strip())  # cached, and shared with sbom.tr-03183-2
    if isinstance(parsed, ValueError):
        return NotScannable(f"The package URL {purl!r} is not valid ({parsed}).",
                            f"Die Paket-URL {purl!r} ist ungültig ({parsed}).")
    build = _BY_TYPE.get(parsed.type)
    mapped = build(parsed) if build and parsed.name else None
    if mapped is None:
        return NotScannable(
            f"The package URL {purl!r} names no package in an ecosystem with OSV advisories "
            f"(type {parsed.type!r}).",
            f"Die Paket-URL {purl!r} bezeichnet kein Paket eines Ökosystems mit OSV-Meldungen (Typ {parsed.type!r}).")
    ecosystem, name = mapped
    version = parsed.version or (fallback_version or "").strip()
    if not version:
        return NotScannable(f"The package URL {purl!r} and the component give no version.",
                            f"Weder die Paket-URL {purl!r} noch die Komponente nennt eine Version.")
    return PackageKey(ecosystem, name, version)
