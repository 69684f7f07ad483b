"""Loading the official Gemeindeverzeichnis (GV100AD) into the reference tables, in place.

A newer edition updates names, types, population and keys; municipalities and districts missing from it are
marked dissolved (never deleted, so inventories keep their history). Where a district gained area in the same
load, the report names it as the likely successor of a dissolved municipality (an Eingemeindung or merger):
the file itself does not say who merged with whom.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction

from lichtermeer.audit import services as audit
from lichtermeer.engines.geo import gv100ad
from lichtermeer.engines.geo import reference as geo_reference
from lichtermeer.refusals import Refusal

from .models import Kreis, Land, Municipality, ReferenceLoad


class DirectoryRejected(Refusal):
    def __init__(self, findings: list):
        self.findings = findings
        lines = "; ".join(f"{f.line}:{f.column} {f.description}" for f in findings[:5])
        lines_de = "; ".join(f"{f.line}:{f.column} {f.description_de}" for f in findings[:5])
        super().__init__("invalid-directory", f"The Gemeindeverzeichnis is invalid: {lines}",
                         f"Das Gemeindeverzeichnis ist ungültig: {lines_de}", status=400)


@dataclass
class LoadReport:
    gebietsstand: dt.date
    laender: int = 0
    kreise: int = 0
    municipalities: int = 0
    added: list[str] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    renamed: list[dict] = field(default_factory=list)
    dissolved: list[dict] = field(default_factory=list)
    kreise_dissolved: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "gebietsstand": self.gebietsstand.isoformat(),
            "laender": self.laender,
            "kreise": self.kreise,
            "municipalities": self.municipalities,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "renamed": self.renamed,
            "dissolved": self.dissolved,
            "kreise_dissolved": self.kreise_dissolved,
        }


# Names longer than the file's 50-character field, as Destatis' Hinweise to the edition give them. Applied only
# while the file still carries the truncated start of the same name.
FULL_NAMES = {"14625020": "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město"}

FIELDS = ("ars", "name", "type_code", "land_id", "kreis_id", "verband_ars", "verband_name", "population",
          "area_km2", "postcode", "gebietsstand", "lat", "lon", "dissolved_on")


@transaction.atomic
def load_directory(
    *, content: bytes | str, coordinates: dict[str, tuple[float, float]] | None = None, source: str = "", actor=None
) -> LoadReport:
    directory = gv100ad.parse(content if isinstance(content, bytes) else content.encode("utf-8"), path=source or None)
    if not directory.valid:
        raise DirectoryRejected(directory.findings)
    coordinates = coordinates or {}
    stand = directory.gebietsstand
    report = LoadReport(gebietsstand=stand)

    laender = {}
    for land in directory.laender.values():
        laender[land.code], _ = Land.objects.update_or_create(
            code=land.code, defaults={"name": land.name, "seat": land.sitz}
        )
    report.laender = len(laender)

    kreise = {k.ags: k for k in Kreis.objects.all()}
    seen_kreise = set()
    for item in directory.kreise.values():
        seen_kreise.add(item.ags)
        values = {"name": item.name, "seat": item.sitz, "type_code": item.type_code,
                  "land": laender[item.ags[:2]], "dissolved_on": None}
        kreis = kreise.get(item.ags)
        if kreis is None:
            kreise[item.ags] = Kreis.objects.create(ags=item.ags, **values)
        elif any(getattr(kreis, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(kreis, key, value)
            kreis.save()
    for ags, kreis in kreise.items():
        if ags not in seen_kreise and kreis.dissolved_on is None:
            kreis.dissolved_on = stand
            kreis.save(update_fields=["dissolved_on"])
            report.kreise_dissolved.append(ags)
    report.kreise = len(seen_kreise)

    verbaende = {v.ars: v.name for v in directory.verbaende.values()}
    existing = {m.ags: m for m in Municipality.objects.all()}
    old_area = {ags: m.area_km2 for ags, m in existing.items()}
    to_create, to_update = [], []
    seen = set()
    for item in directory.gemeinden.values():
        seen.add(item.ags)
        lat, lon = coordinates.get(item.ags, (None, None))
        full_name = FULL_NAMES.get(item.ags, "")
        values = {
            "ars": item.ars, "name": full_name if full_name.startswith(item.name) else item.name,
            "type_code": item.type_code, "land_id": laender[item.land_code].pk,
            "kreis_id": kreise[item.kreis_ags].pk if item.kreis_ags else None, "verband_ars": item.verband_ars,
            "verband_name": verbaende.get(item.verband_ars, ""), "population": item.population,
            "area_km2": Decimal(str(item.area_km2)).quantize(Decimal("0.01")), "postcode": item.postcode,
            "gebietsstand": stand, "lat": lat, "lon": lon, "dissolved_on": None,
        }
        municipality = existing.get(item.ags)
        if municipality is None:
            to_create.append(Municipality(ags=item.ags, **values))
            report.added.append(item.ags)
            continue
        if municipality.name != values["name"]:
            report.renamed.append({"ags": item.ags, "from": municipality.name, "to": values["name"]})
        if lat is None and municipality.lat is not None:
            values["lat"], values["lon"] = municipality.lat, municipality.lon  # keep known coordinates
        changed = [k for k in FIELDS if getattr(municipality, k) != values[k]]
        if changed:
            for key in FIELDS:
                setattr(municipality, key, values[key])
            to_update.append(municipality)
        if set(changed) - {"gebietsstand"}:
            report.updated += 1
        else:
            report.unchanged += 1
    Municipality.objects.bulk_create(to_create, batch_size=1000)
    _update_rows(to_update)

    grown = _grown_by_kreis(directory, old_area)
    gone = [m for ags, m in existing.items() if ags not in seen and m.dissolved_on is None]
    for municipality in gone:
        municipality.dissolved_on = stand
        report.dissolved.append({
            "ags": municipality.ags,
            "name": municipality.name,
            "likely_successors": [ags for ags in grown.get(municipality.kreis.ags if municipality.kreis else None, [])
                                  if ags != municipality.ags],
        })
    Municipality.objects.bulk_update(gone, ["dissolved_on"], batch_size=1000)
    report.municipalities = len(seen)

    load = ReferenceLoad.objects.create(gebietsstand=stand, source=source[:300], report=report.to_dict())
    audit.record(
        action="municipalities.reference_loaded", actor=actor, obj=load,
        data={k: v if not isinstance(v, list) else len(v) for k, v in report.to_dict().items()},
    )
    return report


def _update_rows(rows: list[Municipality]) -> None:
    """One parameterised UPDATE per row, sent with executemany: a new edition touches every row (population,
    Gebietsstand), and Django's bulk_update builds a CASE per field and row, which takes tens of seconds here."""
    if not rows:
        return
    meta = Municipality._meta
    columns = [meta.get_field(name).column for name in FIELDS]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(c)} = %s' for c in columns)} "  # noqa: S608
           f"WHERE {quote(meta.pk.column)} = %s")
    fields = [meta.get_field(name) for name in FIELDS]
    params = [[field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields] + [row.pk]
              for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _grown_by_kreis(directory, old_area: dict) -> dict[str, list[str]]:
    """Per district, the municipalities whose area grew noticeably (≥ 1 km²) or that are new in this edition."""
    grown: dict[str, list[str]] = {}
    for item in directory.gemeinden.values():
        before = old_area.get(item.ags)
        if before is None or Decimal(str(item.area_km2)) - before >= 1:
            grown.setdefault(item.kreis_ags, []).append(item.ags)
    return grown


def load_files(*, directory_path: Path, coordinates_dir: Path | None = None, actor=None) -> LoadReport:
    """Load a GV100AD file with the coordinates shipped in `coordinates_dir` (VG5000 points, plus the seats'
    predecessor points for the few municipalities formed since)."""
    coordinates = geo_reference.load_coordinates(coordinates_dir, predecessors=True) if coordinates_dir else {}
    return load_directory(content=directory_path.read_bytes(), coordinates=coordinates, source=str(directory_path),
                          actor=actor)


def stats() -> dict:
    """Counts of the current reference data (what `lichtermeer municipalities stats --json` prints)."""
    from django.db.models import Count, Q, Sum

    current = Municipality.objects.filter(dissolved_on__isnull=True)
    totals = current.aggregate(
        population=Sum("population"),
        gemeindefrei=Count("id", filter=Q(type_code__in=["65", "66"])),
        all=Count("id"),
    )
    latest = ReferenceLoad.objects.first()
    return {
        "gebietsstand": latest.gebietsstand.isoformat() if latest else None,
        # Every Satzart-60 record, as Destatis counts them; of which gemeindefreie Gebiete (types 65, 66).
        "gemeinden": totals["all"],
        "gemeindefreie_gebiete": totals["gemeindefrei"],
        "kreise": Kreis.objects.filter(dissolved_on__isnull=True).count(),
        "laender": Land.objects.count(),
        "population": totals["population"] or 0,
    }
