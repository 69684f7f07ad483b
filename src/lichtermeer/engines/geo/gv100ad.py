"""Reader for Destatis' Gemeindeverzeichnis GV100AD (fixed-width, UTF-8, one 220-character record per line).

We parse the official file ourselves instead of shipping a derived table, so that next year's edition can be
loaded as published. The file is treated as untrusted input: it is size-limited, must be UTF-8, and every bad
line becomes a `Finding` (line and column of the offending field) instead of an exception. Lines are padded
to the record length, so a file whose trailing blanks an editor stripped still reads.

    directory = parse(data, path="GV100AD_30112025.txt")
    directory.valid, directory.findings, directory.gemeinden["11000000"].population

Record layout (Datensatzbeschreibung GV100AD, positions 1-based there, 0-based slices here): Satzart 1-2,
Gebietsstand 3-10 (YYYYMMDD), Land 11-12, Regierungsbezirk 13, Kreis 14-15, Gemeinde 16-18,
Gemeindeverband 19-22, name 23-72, seat 73-122, Textkennzeichen 123-124, and for Satzart 60 only: area in ha
129-139, population 140-150, male population 151-161, postcode 166-170, "several postcodes" marker 171-175.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace

from . import findings as msg
from .findings import Finding
from .model import (
    GEMEINDE_TYPES,
    KREIS_TYPES,
    TYPE_LABELS,
    VERBAND_TYPES,
    Directory,
    Gemeinde,
    Kreis,
    Land,
    Regierungsbezirk,
    Region,
    Verband,
)

__all__ = ["MAX_BYTES", "MAX_FINDINGS", "TYPE_LABELS", "Directory", "Finding", "Gemeinde", "Kreis", "Land",
           "Region", "Regierungsbezirk", "Verband", "parse", "parse_file"]

MAX_BYTES = 20 * 1024 * 1024  # the 2025 edition has 3.5 MB
MAX_FINDINGS = 200  # a wrong file would otherwise produce one finding per line
RECORD_LENGTH = 220

# (start, end) 0-based, end exclusive.
SATZART = (0, 2)
GEBIETSSTAND = (2, 10)
LAND = (10, 12)
RB = (12, 13)
KREIS = (13, 15)
REGION = (13, 14)  # Satzart 30 uses only the first Kreis position
GEMEINDE = (15, 18)
VERBAND = (18, 22)
NAME = (22, 72)
SITZ = (72, 122)
TYP = (122, 124)
FLAECHE = (128, 139)
EINWOHNER = (139, 150)
MAENNLICH = (150, 161)
PLZ = (165, 170)
PLZ_MEHRERE = (170, 175)

# Key fields that hold digits (True) or must be blank (False), per Satzart.
_KEYS = {
    "10": {"land": True, "regierungsbezirk": False, "kreis": False, "gemeinde": False, "verband": False},
    "20": {"land": True, "regierungsbezirk": True, "kreis": False, "gemeinde": False, "verband": False},
    "30": {"land": True, "regierungsbezirk": True, "region": True, "gemeinde": False, "verband": False},
    "40": {"land": True, "regierungsbezirk": True, "kreis": True, "gemeinde": False, "verband": False},
    "50": {"land": True, "regierungsbezirk": True, "kreis": True, "gemeinde": False, "verband": True},
    "60": {"land": True, "regierungsbezirk": True, "kreis": True, "gemeinde": True, "verband": True},
}
_KEY_SLICES = {"land": LAND, "regierungsbezirk": RB, "region": REGION, "kreis": KREIS, "gemeinde": GEMEINDE,
               "verband": VERBAND}
_TYPES = {"40": (KREIS_TYPES, "41-45"), "50": (VERBAND_TYPES, "50-58"), "60": (GEMEINDE_TYPES, "60-67")}
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() would accept "²" and Arabic-Indic digits
# C0/C1 controls (tabs too: they break the fixed columns), line/paragraph separators, a BOM inside the text,
# lone surrogates (only possible in str input) and the non-characters U+FFFE/U+FFFF: none belongs in a name.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_PARENTS = {  # field -> (English, German) name of the parent record, for missing_parent findings
    "land": ("Land", "Land"),
    "regierungsbezirk": ("Regierungsbezirk", "Regierungsbezirk"),
    "kreis": ("Kreis", "Kreis"),
    "verband": ("Gemeindeverband", "Gemeindeverband"),
}


class _Stop(Exception):
    """Too many findings: stop reading."""


def _col(span: tuple[int, int]) -> int:
    return span[0] + 1


class _Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.first_date: str | None = None
        self.records: dict[str, dict] = {kind: {} for kind in ("10", "20", "30", "40", "50", "60")}
        self.lines: dict[str, dict[str, int]] = {kind: {} for kind in self.records}  # key -> line defined
        self.references: list[tuple[int, str, str, str]] = []  # (line, field, parent key, parent Satzart)

    def add(self, finding: Finding) -> None:
        if len(self.findings) >= MAX_FINDINGS:
            self.findings.append(msg.too_many_findings(MAX_FINDINGS, finding.line))
            raise _Stop
        self.findings.append(finding)

    # --- one line ---------------------------------------------------------------------------------------------

    def read_line(self, line: str, number: int) -> None:
        if len(line) > RECORD_LENGTH:
            if line[RECORD_LENGTH:].strip(" "):
                self.add(msg.line_too_long(len(line), RECORD_LENGTH, number))
                return
            line = line[:RECORD_LENGTH]
        control = _CONTROL.search(line)
        if control:
            self.add(msg.control_character(ord(control.group()), number, control.start() + 1))
            return
        line = line.ljust(RECORD_LENGTH)
        satzart = line[0:2]
        if satzart not in _KEYS:
            self.add(msg.bad_satzart(satzart, number))
            return
        before = len(self.findings)
        self.check_date(line[2:10], number)
        self.check_keys(line, satzart, number)
        name = line[22:72].strip()
        if not name:
            self.add(msg.empty("name", number, _col(NAME)))
        type_code = line[122:124]
        if satzart in _TYPES and type_code not in _TYPES[satzart][0]:
            self.add(msg.bad_type(type_code, _TYPES[satzart][1], number, _col(TYP)))
        numbers = self.check_numbers(line, number) if satzart == "60" else None
        if len(self.findings) == before:
            self.store(line, satzart, name, type_code, numbers, number)

    def check_date(self, value: str, number: int) -> None:
        if self.first_date is not None:
            if value != self.first_date:
                self.add(msg.mixed_gebietsstand(value, self.first_date, number, _col(GEBIETSSTAND)))
            return
        if _date(value) is None:
            self.add(msg.bad_date(value, number, _col(GEBIETSSTAND)))
        else:
            self.first_date = value

    def check_keys(self, line: str, satzart: str, number: int) -> None:
        for field, digits in _KEYS[satzart].items():
            start, end = _KEY_SLICES[field]
            value = line[start:end]
            if digits and not _DIGITS.fullmatch(value):
                self.add(msg.not_digits(field, value, end - start, number, start + 1))
            elif not digits and value.strip(" "):
                self.add(msg.not_blank(field, value, number, start + 1))
        if satzart == "30" and line[14] != " ":
            self.add(msg.not_blank("region", line[13:15], number, 15))

    def check_numbers(self, line: str, number: int) -> tuple[int, int, int, str, bool] | None:
        values = []
        for field, (start, end) in (("flaeche", FLAECHE), ("einwohner", EINWOHNER), ("maennlich", MAENNLICH)):
            text = line[start:end].strip(" ")
            if _DIGITS.fullmatch(text):
                values.append(int(text))
            else:
                self.add(msg.bad_number(field, text, number, start + 1))
        postcode = line[165:170].strip(" ")
        if postcode and not (len(postcode) == 5 and _DIGITS.fullmatch(postcode)):
            self.add(msg.bad_postcode(postcode, number, _col(PLZ)))
        if len(values) != 3:
            return None
        if values[2] > values[1]:
            self.add(msg.male_exceeds_total(values[2], values[1], number, _col(MAENNLICH)))
        return values[0], values[1], values[2], postcode, not line[170:175].strip(" ")

    # --- storing and cross-references -------------------------------------------------------------------------

    def store(self, line: str, satzart: str, name: str, type_code: str, numbers, number: int) -> None:
        sitz = line[72:122].strip()
        land, rb, kreis = line[10:12], line[10:13], line[10:15]
        if satzart == "10":
            key, record = land, Land(land, name, sitz)
        elif satzart == "20":
            key, record = rb, Regierungsbezirk(rb, name, sitz)
            self.refer(number, "land", land)
        elif satzart == "30":
            key, record = line[10:14], Region(line[10:14], name, sitz)
            self.refer(number, "land", land)
            self.refer(number, "regierungsbezirk", rb)
        elif satzart == "40":
            key, record = kreis, Kreis(kreis, name, sitz, type_code)
            self.refer(number, "land", land)
            self.refer(number, "regierungsbezirk", rb)
        elif satzart == "50":
            key = kreis + line[18:22]
            record = Verband(key, name, type_code, sitz)
            self.refer(number, "land", land)
            self.refer(number, "kreis", kreis)
        else:
            key = line[10:18]
            area_ha, population, male, postcode, unique = numbers
            verband = kreis + line[18:22]
            record = Gemeinde(
                ags=key, ars=verband + line[15:18], name=name, type_code=type_code, land_code=land,
                kreis_ags=kreis, verband_ars=verband,
                area_km2=round(area_ha / 100, 2), population=population, population_male=male,
                postcode=postcode, postcode_unique=unique,
            )
            self.refer(number, "land", land)
            self.refer(number, "kreis", kreis)
            self.refer(number, "verband", verband)
        first = self.lines[satzart].get(key)
        if first is not None:
            field = {"10": "land", "20": "regierungsbezirk", "30": "region", "40": "kreis", "50": "verband",
                     "60": "gemeinde"}[satzart]
            self.add(msg.duplicate(field, key, first, number, _col(LAND)))
            return
        self.lines[satzart][key] = number
        self.records[satzart][key] = record

    def refer(self, number: int, field: str, key: str) -> None:
        """Remember that line `number` needs a parent record; checked at the end (the file may be unsorted)."""
        if field == "regierungsbezirk" and key[2] == "0":
            return  # Länder without Regierungsbezirke use digit 0
        if field == "kreis" and _under_land(key):
            return
        self.references.append((number, field, key, {"land": "10", "regierungsbezirk": "20", "kreis": "40",
                                                     "verband": "50"}[field]))

    def check_references(self) -> None:
        columns = {"land": _col(LAND), "regierungsbezirk": _col(RB), "kreis": _col(KREIS), "verband": _col(VERBAND)}
        for number, field, key, satzart in self.references:
            if key not in self.records[satzart]:
                parent_en, parent_de = _PARENTS[field]
                self.add(msg.missing_parent(field, key, parent_en, parent_de, number, columns[field]))

    def directory(self, path: str | None) -> Directory:
        ordered = sorted(self.findings, key=lambda f: (f.line, f.column))
        kreise, gemeinden = self.records["40"], self.records["60"]
        for ags, gemeinde in gemeinden.items():
            if gemeinde.kreis_ags not in kreise:  # only areas directly under a Land get here in a valid file
                gemeinden[ags] = replace(gemeinde, kreis_ags=None)
        return Directory(
            gebietsstand=_date(self.first_date) if self.first_date else None,
            laender=self.records["10"], regierungsbezirke=self.records["20"], kreise=self.records["40"],
            verbaende=self.records["50"], gemeinden=gemeinden, findings=tuple(ordered),
            regionen=self.records["30"], path=path,
        )


def _under_land(kreis_key: str) -> bool:
    """Areas listed directly under a Land (RB and Kreis digits "000") have no Kreis record."""
    return kreis_key[2:] == "000"


def _date(value: str) -> dt.date | None:
    if len(value) != 8 or not _DIGITS.fullmatch(value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _decode(data: bytes | str) -> tuple[str | None, Finding | None]:
    if isinstance(data, str):
        if len(data) > MAX_BYTES:
            return None, msg.too_large(len(data), MAX_BYTES)
        return data.removeprefix("\ufeff"), None
    if len(data) > MAX_BYTES:
        return None, msg.too_large(len(data), MAX_BYTES)
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        return None, msg.not_utf8(data.count(b"\n", 0, exc.start) + 1, exc.start - line_start + 1)


def parse(data: bytes | str, *, path: str | None = None) -> Directory:
    """Read a GV100AD file. Never raises for bad content: problems are in `findings` (`valid` is False)."""
    text, problem = _decode(data)
    if text is None:
        return Directory(gebietsstand=None, findings=(problem,), path=path)
    reader = _Reader()
    try:
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")
            if line.strip(" "):
                reader.read_line(line, number)
        if not any(reader.records.values()) and not reader.findings:
            reader.add(msg.no_records())
        reader.check_references()
    except _Stop:
        pass
    return reader.directory(path)


def parse_file(path: str | os.PathLike[str]) -> Directory:
    """Read and parse the file at `path` (at most MAX_BYTES are read)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return Directory(gebietsstand=None, findings=(msg.too_large(size, MAX_BYTES),), path=name)
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Directory(gebietsstand=None, findings=(msg.cannot_read(name, exc.strerror or str(exc)),), path=name)
    return parse(data, path=name)
