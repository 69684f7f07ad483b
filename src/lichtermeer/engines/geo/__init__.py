"""Geo engine: the official list of German municipalities and SVG maps of Germany.

Plain Python, no Django. Two parts:

* `gv100ad`: reads Destatis' Gemeindeverzeichnis GV100AD (fixed-width) into frozen dataclasses, with
  findings (line, column, English and German text) for hostile or broken input.

      directory = gv100ad.parse(data, path="GV100AD_30112025.txt")   # or reference.load_directory()
      directory.valid, directory.findings, directory.gemeinden["09162000"].population

* `svgmap`: server-rendered SVG maps (Länder and Kreis outlines from BKG VG250, points for municipalities).

      germany = default_map()
      svg = germany.render([Point(52.52, 13.40, "Berlin")], title="…", description="…")

The shipped reference data lives in data/municipal/ (see `reference`); attribution texts are in `reference`.
"""

from __future__ import annotations

from .findings import Finding
from .gv100ad import parse, parse_file
from .model import TYPE_LABELS, Directory, Gemeinde, Kreis, Land, Regierungsbezirk, Region, Verband
from .svgmap import GermanyMap, Point, default_map, point_for

__all__ = ["TYPE_LABELS", "Directory", "Finding", "Gemeinde", "GermanyMap", "Kreis", "Land", "Point", "Region",
           "Regierungsbezirk", "Verband", "default_map", "parse", "parse_file", "point_for"]
