"""The Musterdatenkatalog V4 taxonomy: 26 Themen, 242 Musterdatensätze (Thema/Bezeichnung pairs) and their URIs.

Sources (copies in data/mdk/, see data/mdk/README.md):
* `musterdatenkatalog_v4_concepts.csv` — the SKOS file flattened: URIs, German/English labels, definitions,
  `broader` (Musterdatensatz → Thema). Labels are taken verbatim from here.
* `taxonomy_v4_Taxonomie.csv` — the taxonomy workbook: descriptions and the *names* of the GND, Wikidata and
  EuroVoc concepts each entry is matched to (the SKOS file only has their URIs). They become training text.
* `2023_02_21_v3_v4_mapper.csv` and `label_concordance.csv` — older label strings → V4 labels (see `resolve`).

The engine takes its directory from `data_dir` or the environment variable LICHTERMEER_MDK_DATA.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ENV_VARIABLE = "LICHTERMEER_MDK_DATA"
# src/lichtermeer/engines/mdk/taxonomy.py -> the repository root is four levels up.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[4] / "data" / "mdk"
CONCEPTS_CSV = "musterdatenkatalog_v4_concepts.csv"
TAXONOMY_CSV = "taxonomy_v4_Taxonomie.csv"
MAPPER_CSV = "2023_02_21_v3_v4_mapper.csv"
CONCORDANCE_CSV = "label_concordance.csv"
URI_PREFIX = "https://musterdatenkatalog.de/def/musterdatensatz/"
MAX_REFERENCE_BYTES = 8 * 1024 * 1024  # the shipped files are trusted, but a replaced one must not eat the memory

# Two Themen were renamed in the final V4; labelled data still carries the old names (also without commas).
RENAMED_THEMEN = {
    "Raumordnung, Raumplanung und Raumentwicklung": "Raumplanung",
    "Raumordnung Raumplanung Raumentwicklung": "Raumplanung",
    "Klima und Umweltschutz": "Klimaschutz und Umweltschutz",
}
_SEPARATOR = " - "
_SPACE = re.compile(r"\s+")
_NOT_A_TERM = {"", "n.a.", "na", "0", "-"}


@dataclass(frozen=True)
class Thema:
    uri: str
    name: str
    name_en: str
    definition: str
    terms: tuple[str, ...] = ()  # names of the matched GND / Wikidata / EuroVoc concepts


@dataclass(frozen=True)
class Concept:
    """One Musterdatensatz. `bezeichnung` is the SKOS prefLabel (it may itself contain " - ")."""

    uri: str
    thema: str
    bezeichnung: str
    thema_uri: str
    bezeichnung_en: str
    definition: str
    terms: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.thema}{_SEPARATOR}{self.bezeichnung}"


@dataclass
class Taxonomy:
    themen: dict[str, Thema]  # by name
    concepts: dict[str, Concept]  # by URI
    aliases: dict[str, str] = field(default_factory=dict)  # folded old label -> V4 label
    unmapped: frozenset[str] = frozenset()  # folded old labels with no V4 counterpart (on purpose)

    def __post_init__(self) -> None:
        self._by_label = {_fold(c.label): c for c in self.concepts.values()}
        self._themen_by_uri = {t.uri: t for t in self.themen.values()}

    def by_label(self, label: str) -> Concept | None:
        return self._by_label.get(_fold(label))

    def thema_by_uri(self, uri: str) -> Thema | None:
        return self._themen_by_uri.get(normalise_uri(uri))

    def concept(self, uri: str) -> Concept | None:
        return self.concepts.get(normalise_uri(uri))

    def concepts_of(self, thema: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.thema == thema]

    def resolve(self, label: str) -> Concept | None:
        """The V4 concept an old or current "Thema - Bezeichnung" string stands for, or None.

        Order: exact V4 label; renamed Thema; the official V3→V4 mapper and the concordance (spelling variants
        of draft V4 labels, curated V3 labels); each step is also tried after the Thema rename.
        """
        text = _SPACE.sub(" ", (label or "").strip())
        candidates = [text]
        # A mapper target can itself be an old spelling: follow the chain, a few steps at most.
        for candidate in candidates[:8]:
            for step in (_rename_thema(candidate), self.aliases.get(_fold(candidate))):
                if step and step not in candidates:
                    candidates.append(step)
        for candidate in candidates:
            found = self.by_label(candidate)
            if found:
                return found
        return None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override is not None:
        return Path(override)
    return Path(os.environ.get(ENV_VARIABLE) or DEFAULT_DATA_DIR)


def normalise_uri(uri: str) -> str:
    uri = (uri or "").strip().rstrip("/")
    if uri.startswith("http://musterdatenkatalog.de/"):
        uri = "https://" + uri[len("http://"):]
    return uri


def read_csv(path: Path) -> list[list[str]]:
    """All rows of a shipped CSV (UTF-8, BOM tolerated); too large a file is refused rather than read."""
    size = path.stat().st_size
    if size > MAX_REFERENCE_BYTES:
        raise ValueError(f"{path}: {size} bytes, more than the {MAX_REFERENCE_BYTES} allowed for reference data")
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def read_records(path: Path) -> list[dict[str, str]]:
    rows = read_csv(path)
    header = rows[0] if rows else []
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(cell.strip() for cell in row)]


@lru_cache(maxsize=4)
def load_taxonomy(directory: str | None = None) -> Taxonomy:
    """The taxonomy from the data directory (cached per directory)."""
    folder = data_dir(directory)
    records = read_records(folder / CONCEPTS_CSV)
    thema_terms, concept_terms = _matched_terms(folder / TAXONOMY_CSV)
    themen: dict[str, Thema] = {}
    for row in records:
        if not row["broader_uri"]:
            name = row["prefLabel_de"]
            themen[name] = Thema(row["uri"], name, row["prefLabel_en"], row["definition_de"],
                                 tuple(thema_terms.get(name, ())))
    concepts = {}
    for row in records:
        if row["broader_uri"]:
            thema = row["broader_prefLabel_de"]
            concepts[row["uri"]] = Concept(
                uri=row["uri"], thema=thema, bezeichnung=row["prefLabel_de"], thema_uri=row["broader_uri"],
                bezeichnung_en=row["prefLabel_en"], definition=row["definition_de"],
                terms=tuple(concept_terms.get((thema, row["prefLabel_de"]), ())))
    aliases, unmapped = _aliases(folder)
    return Taxonomy(themen=themen, concepts=concepts, aliases=aliases, unmapped=frozenset(unmapped))


def _matched_terms(path: Path) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    rows = read_csv(path)
    header = rows[0]

    def columns(*names: str) -> list[int]:
        # The sheet has a duplicated header ("Wikidata Begriff Thema"), so look columns up by position.
        return [i for i, name in enumerate(header) if name in names]

    thema_columns = columns("GND Begriff Thema", "GND weitere Begriff Thema", "Wikidata Begriff Thema",
                            "Eurovoc Begriff Thema", "Eurovoc weiterer Begriff Thema")
    concept_columns = columns("GND Begriff Bezeichnung", "GND Begriff weitere Bezeichnung",
                              "Wikidata Begriff Bezeichnung", "Wikidata Begriff weitere Bezeichnung",
                              "Eurovoc Begriff Bezeichnung", "Eurovoc Begriff weitere Bezeichnung")
    thema_at, bezeichnung_at = header.index("THEMA"), header.index("BEZEICHNUNG")
    themen: dict[str, list[str]] = {}
    concepts: dict[tuple[str, str], list[str]] = {}
    for row in rows[1:]:
        if len(row) <= max(concept_columns):
            continue
        thema, bezeichnung = row[thema_at].strip(), row[bezeichnung_at].strip()
        themen.setdefault(thema, [])
        for i in thema_columns:
            _add_term(themen[thema], row[i])
        terms = concepts.setdefault((thema, bezeichnung), [])
        for i in concept_columns:
            _add_term(terms, row[i])
    return themen, concepts


def _add_term(terms: list[str], value: str) -> None:
    value = value.strip()
    if value.casefold() not in _NOT_A_TERM and value not in terms:
        terms.append(value)


def _aliases(folder: Path) -> tuple[dict[str, str], set[str]]:
    aliases: dict[str, str] = {}
    unmapped: set[str] = set()
    for row in read_records(folder / MAPPER_CSV):
        aliases[_fold(row["old"])] = row["new"].strip()
    for row in read_records(folder / CONCORDANCE_CSV):
        if row["v4_label"].strip():
            aliases[_fold(row["label"])] = row["v4_label"].strip()
        else:
            unmapped.add(_fold(row["label"]))
    return aliases, unmapped


def _rename_thema(label: str) -> str:
    thema, separator, rest = label.partition(_SEPARATOR)
    return RENAMED_THEMEN.get(thema.strip(), thema.strip()) + separator + rest if separator else label


def _fold(label: str) -> str:
    return _SPACE.sub(" ", (label or "").strip()).casefold()
