"""Reading OSV records from a file (JSON or YAML), a directory tree or a zip archive such as OSV's `all.zip`.

Input is untrusted: every file and archive entry has a size cap, archives have caps on entries, total
uncompressed bytes and compression ratio (zip bombs), YAML is read with safe types only, without timestamp
conversion (`modified` stays text) and without anchors/aliases. A record that cannot be read is reported as a
`RecordProblem` and reading goes on; nothing here raises for bad input.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from lichtermeer.engines.publiccode.messages import Text

RECORD_SUFFIXES = (".json", ".yaml", ".yml")
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT")


@dataclass(frozen=True)
class Limits:
    """Caps for hostile input. OSV's complete `all.zip` (every ecosystem) has some 10⁵–10⁶ entries of a few KiB;
    real records compress 5–20×, so a ratio above 100 is a bomb, not data."""

    max_entries: int = 2_000_000
    max_total_bytes: int = 4 * 1024**3
    max_record_bytes: int = 16 * 1024**2
    max_ratio: float = 100.0
    max_nodes: int = 2_000_000  # containers and scalars in one record


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class RecordProblem:
    """A record (or the whole source) that could not be used. `fatal=False`: read, but it fails the OSV schema."""

    source: str
    text: Text
    fatal: bool = True

    def __str__(self) -> str:
        return self.text.en


@dataclass(frozen=True)
class SourcedRecord:
    source: str
    record: dict[str, Any]


@dataclass
class RecordBatch:
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    skipped: int = 0  # entries that are not records (README, LICENSE, directories …)

    @property
    def snapshot(self) -> str:
        return snapshot_of(self.records)

    def __iter__(self):
        """`records, problems = read_records(path)` works too."""
        return iter((self.records, self.problems))


def snapshot_of(records: Iterable[dict[str, Any]]) -> str:
    """The advisory data date: the newest `modified` among the records, as an ISO date ("" when there are none)."""
    newest = max((record["modified"] for record in records
                  if isinstance(record, dict) and isinstance(record.get("modified"), str)), default="")
    return newest[:10]


class _RecordLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """Safe types only, and no timestamp conversion: `modified: 2024-10-10T17:22:00Z` stays a string."""


_RecordLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _problem(source: str, en: str, de: str, fatal: bool = True) -> RecordProblem:
    return RecordProblem(source, Text(en, de), fatal)


def _shared_or_too_big(value: Any, max_nodes: int) -> str:
    """YAML anchors make one object appear in several places (an alias bomb once serialised again); OSV records
    never need them. Walks each container once, so the walk itself cannot explode."""
    seen: set[int] = set()
    stack = [value]
    nodes = 0
    while stack:
        item = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            return f"more than {max_nodes} values"
        if isinstance(item, dict | list):
            if id(item) in seen:
                return "YAML anchors/aliases"
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return ""


def parse_record_bytes(data: bytes, source: str,
                       limits: Limits = DEFAULT_LIMITS) -> list[dict[str, Any]] | RecordProblem:
    """One file's records: an OSV record, or a list of them (some feeds publish `all.json`)."""
    if len(data) > limits.max_record_bytes:
        return _problem(source, f"{source} is {len(data)} bytes; a record may have at most {limits.max_record_bytes}.",
                        f"{source} ist {len(data)} Bytes groß; ein Datensatz darf höchstens "
                        f"{limits.max_record_bytes} Bytes haben.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _problem(source, f"{source} is not UTF-8 text (byte {exc.start}).",
                        f"{source} ist kein UTF-8-Text (Byte {exc.start}).")
    try:
        if source.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
            value = json.loads(text)
        else:
            value = yaml.load(text, Loader=_RecordLoader)  # noqa: S506 - a SafeLoader subclass
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return _problem(source, f"{source} cannot be read: {reason}", f"{source} kann nicht gelesen werden: {reason}")
    except RecursionError:
        return _problem(source, f"{source} is nested too deeply.", f"{source} ist zu tief verschachtelt.")
    refused = _shared_or_too_big(value, limits.max_nodes)
    if refused:
        return _problem(source, f"{source} is refused: it uses {refused}.",
                        f"{source} wird abgelehnt: Es verwendet {refused}.")
    candidates = value if isinstance(value, list) else [value]
    records = [item for item in candidates if _looks_like_record(item)]
    if len(records) != len(candidates) or not records:
        return _problem(source, f"{source} is not an OSV record (an object with an id, an RFC 3339 modified time "
                                f"and affected[] objects).",
                        f"{source} ist kein OSV-Datensatz (ein Objekt mit id, einer RFC-3339-Zeit modified und "
                        f"Objekten in affected[]).")
    return records


def _looks_like_record(value: Any) -> bool:
    """An id, an RFC 3339 `modified`, and (if present) `affected` as a list of objects whose `package` is an object:
    whoever stores or indexes the record can then walk it without type checks of their own."""
    if not (isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]
            and isinstance(value.get("modified"), str) and _TIMESTAMP.match(value["modified"])):
        return False
    affected = value.get("affected")
    if affected is None:
        return True
    return isinstance(affected, list) and all(
        isinstance(entry, dict) and isinstance(entry.get("package", {}), dict) for entry in affected)


def _is_record_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return not base.startswith(".") and base.lower().endswith(RECORD_SUFFIXES)


def _from_bytes(data: bytes, source: str, limits: Limits) -> Iterator[SourcedRecord | RecordProblem]:
    parsed = parse_record_bytes(data, source, limits)
    if isinstance(parsed, RecordProblem):
        yield parsed
        return
    for record in parsed:
        yield SourcedRecord(source, record)


def _iter_directory(root: Path, limits: Limits) -> Iterator[SourcedRecord | RecordProblem | None]:
    count = total = 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            source = path.relative_to(root).as_posix()
            if not _is_record_name(name) or path.is_symlink():
                yield None
                continue
            count += 1
            size = path.stat().st_size
            total += size
            if count > limits.max_entries or total > limits.max_total_bytes:
                yield _problem(str(root), f"{root} holds more than {limits.max_entries} records or "
                               f"{limits.max_total_bytes} bytes; reading stopped at {source}.",
                               f"{root} enthält mehr als {limits.max_entries} Datensätze oder "
                               f"{limits.max_total_bytes} Bytes; das Lesen endete bei {source}.")
                return
            with open(path, "rb") as handle:
                data = handle.read(limits.max_record_bytes + 1)
            yield from _from_bytes(data, source, limits)


def _iter_zip(path: Path, limits: Limits) -> Iterator[SourcedRecord | RecordProblem | None]:
    label = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield _problem(label, f"{label} is not a readable zip archive ({exc}).",
                       f"{label} ist kein lesbares ZIP-Archiv ({exc}).")
        return
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        declared = sum(info.file_size for info in entries)
        archive_size = max(path.stat().st_size, 1)
        # Refuse the whole archive before reading anything: the central directory states every size.
        if len(entries) > limits.max_entries or declared > limits.max_total_bytes \
                or declared / archive_size > limits.max_ratio:
            yield _problem(label, f"{label} is refused as a possible zip bomb: {len(entries)} entries, {declared} "
                           f"bytes uncompressed from {archive_size} (limits {limits.max_entries} entries, "
                           f"{limits.max_total_bytes} bytes, ratio {limits.max_ratio:g}).",
                           f"{label} wird als mögliche ZIP-Bombe abgelehnt: {len(entries)} Einträge, {declared} "
                           f"Bytes entpackt aus {archive_size} (Grenzen {limits.max_entries} Einträge, "
                           f"{limits.max_total_bytes} Bytes, Verhältnis {limits.max_ratio:g}).")
            return
        read_total = 0
        for info in entries:
            source = f"{label}:{info.filename}"
            if not _is_record_name(info.filename):
                yield None
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.max_record_bytes or (info.file_size > 1024**2 and ratio > limits.max_ratio):
                yield _problem(source, f"{source} is refused: {info.file_size} bytes uncompressed (ratio {ratio:.0f}).",
                               f"{source} wird abgelehnt: {info.file_size} Bytes entpackt (Verhältnis {ratio:.0f}).")
                continue
            try:
                with archive.open(info) as handle:
                    # Never trust the declared size: read at most one byte more than the cap allows.
                    data = handle.read(min(info.file_size, limits.max_record_bytes) + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError) as exc:
                yield _problem(source, f"{source} cannot be unpacked ({exc}).",
                               f"{source} kann nicht entpackt werden ({exc}).")
                continue
            read_total += len(data)
            if len(data) > info.file_size or read_total > limits.max_total_bytes:
                yield _problem(source, f"{source} unpacks to more than it declares; the archive is refused from here.",
                               f"{source} entpackt mehr als angegeben; das Archiv wird ab hier abgelehnt.")
                return
            yield from _from_bytes(data, source, limits)


def _items(path: Path, limits: Limits, validate: bool) -> Iterator[SourcedRecord | RecordProblem | None]:
    """Like iter_records, with None for every entry that is not a record (so callers can count them)."""
    if path.is_dir():
        items: Iterator[SourcedRecord | RecordProblem | None] = _iter_directory(path, limits)
    elif zipfile.is_zipfile(path):
        items = _iter_zip(path, limits)
    elif path.is_file():
        with open(path, "rb") as handle:
            data = handle.read(limits.max_record_bytes + 1)
        items = _from_bytes(data, path.name, limits)
    else:
        yield _problem(str(path), f"{path} does not exist.", f"{path} existiert nicht.")
        return
    for item in items:
        if validate and isinstance(item, SourcedRecord):
            reason = schema_problem(item.record)
            if reason:
                yield _problem(item.source, f"{item.source} does not match the OSV schema: {reason}",
                               f"{item.source} entspricht nicht dem OSV-Schema: {reason}", fatal=False)
        yield item


def iter_records(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS,
                 validate: bool = False) -> Iterator[SourcedRecord | RecordProblem]:
    """Every record in a file, directory (recursive) or zip archive, in a stable order, or the problem that kept
    one from being read. `validate=True` also checks each record against the OSV JSON schema (a failing record is
    still yielded, after a non-fatal problem)."""
    return (item for item in _items(Path(path), limits, validate) if item is not None)


def read_records(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS,
                 validate: bool = False) -> RecordBatch:
    """All records of `path` collected; for one id the newest `modified` wins (an id may occur in several files)."""
    batch = RecordBatch()
    by_id: dict[str, dict[str, Any]] = {}
    for item in _items(Path(path), limits, validate):
        if item is None:
            batch.skipped += 1
        elif isinstance(item, RecordProblem):
            batch.problems.append(item)
        else:
            known = by_id.get(item.record["id"])
            if known is None or item.record["modified"] > known["modified"]:
                by_id[item.record["id"]] = item.record
    batch.records = list(by_id.values())
    return batch


@cache
def _schema_validator():
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(resources.files(__package__).joinpath("osv-schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_problem(record: dict[str, Any]) -> str:
    """The first OSV schema violation of `record` as "pointer: message", or ""."""
    error = next(iter(sorted(_schema_validator().iter_errors(record), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return ""
    pointer = "/" + "/".join(str(part) for part in error.absolute_path)
    return f"{pointer}: {error.message[:200]}"
