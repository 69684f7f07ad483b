"""The controlled vocabularies the MQA indicators test against (headerless CSVs in `data/mqa/vocabs/`).

| indicator | file | matched on |
|---|---|---|
| I3 format | file-types.csv (EU file-type NAL, 203) | the file-type IRI |
| I3 media type | media-types.csv (IANA, 2,108) | the IANA IRI, media type case-insensitive (RFC 6838) |
| I4 | non-proprietary.csv (31 codes) | the format's file-type code |
| I5 | machine-readable-edp.csv (data.europa.eu's own list, 20 codes) | the format's file-type code |
| R2 | licenses.csv (EU licence NAL IRIs and their opensource.org URLs) + licenses-dcat-ap-de.csv | the IRI |
| R4 | access-right.csv (EU access-right NAL, 7) | the IRI |

IRIs are compared after `normalise_iri`: real catalogues write the same vocabulary IRI as `https://www.iana.org/…`
and `http://www.iana.org/…`, or `https://www.dcat-ap.de/def/licenses/cc-zero` for
`http://dcat-ap.de/def/licenses/cc-zero` (Rostock), so the scheme, a leading `www.` and a trailing slash are ignored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .indicators import DefinitionError, data_dir

FILE_TYPE_NAMESPACE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE_NAMESPACE = "http://www.iana.org/assignments/media-types/"


def normalise_iri(iri: str) -> str:
    """`http://host/path` without a `www.` prefix or trailing slash; the host lower-case, the path as it is."""
    text = iri.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return text
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{host}{path}{query}"


_FILE_TYPE_PREFIX = normalise_iri(FILE_TYPE_NAMESPACE) + "/"
_MEDIA_TYPE_PREFIX = normalise_iri(MEDIA_TYPE_NAMESPACE) + "/"


def file_type_code(iri: str) -> str | None:
    """`CSV` for `http(s)://publications.europa.eu/resource/authority/file-type/CSV`, else None."""
    normal = normalise_iri(iri)
    if normal.startswith(_FILE_TYPE_PREFIX) and len(normal) > len(_FILE_TYPE_PREFIX):
        return normal[len(_FILE_TYPE_PREFIX):]
    return None


def media_type_of(iri: str) -> str | None:
    """`text/csv` for `http(s)://www.iana.org/assignments/media-types/text/csv`, else None (lower-case)."""
    normal = normalise_iri(iri)
    if normal.startswith(_MEDIA_TYPE_PREFIX) and len(normal) > len(_MEDIA_TYPE_PREFIX):
        return normal[len(_MEDIA_TYPE_PREFIX):].lower()
    return None


@dataclass(frozen=True)
class Vocabularies:
    file_types: frozenset[str]  # file-type codes of the EU NAL (CSV, XLSX, …)
    media_types: frozenset[str]  # IANA media types, lower-case (text/csv, …)
    non_proprietary: frozenset[str]  # file-type codes
    machine_readable: frozenset[str]  # file-type codes
    licences: frozenset[str]  # normalised IRIs
    access_rights: frozenset[str]  # normalised IRIs


def _read(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return [row for row in csv.reader(io.StringIO(text)) if row and row[0].strip()]


def _codes(path: Path) -> frozenset[str]:
    """File-type codes from rows `<file-type IRI>,<code>[,…]`; a row whose IRI is no file-type IRI is an error."""
    codes = set()
    for row in _read(path):
        code = file_type_code(row[0])
        if code is None:
            raise DefinitionError(f"{path.name}: not an EU file-type IRI: {row[0]!r}")
        codes.add(code)
    return frozenset(codes)


@lru_cache(maxsize=4)
def _load(directory: Path) -> Vocabularies:
    vocabs = directory / "vocabs"
    media_types = frozenset(m for row in _read(vocabs / "media-types.csv") if (m := media_type_of(row[0])))
    licences = set()
    for row in _read(vocabs / "licenses.csv"):  # opensource.org URL, EU code, EU licence NAL IRI
        licences.update(normalise_iri(cell) for cell in (row[0], row[-1]) if "://" in cell)
    licences.update(normalise_iri(row[0]) for row in _read(vocabs / "licenses-dcat-ap-de.csv"))
    return Vocabularies(
        file_types=_codes(vocabs / "file-types.csv"),
        media_types=media_types,
        non_proprietary=_codes(vocabs / "non-proprietary.csv"),
        machine_readable=_codes(vocabs / "machine-readable-edp.csv"),
        licences=frozenset(licences),
        access_rights=frozenset(normalise_iri(row[0]) for row in _read(vocabs / "access-right.csv")),
    )


def load_vocabularies(directory: str | Path | None = None) -> Vocabularies:
    return _load(data_dir(directory).resolve())
