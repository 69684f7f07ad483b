"""Command line of the geo engine.

    python -m lichtermeer.engines.geo gv100ad FILE [--json]
        Read a Destatis GV100AD file. Valid: prints the counts (gebietsstand, laender, regierungsbezirke,
        kreise, verbaende, gemeinden, gemeindefreie_gebiete, population); `gemeinden` counts every Satzart-60
        record, the gemeindefreie Gebiete included. Invalid: prints every finding as FILE:LINE:COLUMN: text
        (with --json: {"file", "valid", "findings": [...]}) and exits with status 1.
    python -m lichtermeer.engines.geo map --out FILE.svg [--width 600] [--data-dir DIR]
        Render Germany with all municipalities of the shipped data as points (for a look at the data).

Exit status 0 on success, 1 for an invalid file, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import reference
from .gv100ad import parse_file
from .svgmap import GermanyMap, Point


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lichtermeer.engines.geo",
                                     description="Gemeindeverzeichnis reader and SVG maps of Germany")
    commands = parser.add_subparsers(dest="command", required=True)
    gv100ad = commands.add_parser("gv100ad", help="read a Destatis GV100AD file and print counts or findings")
    gv100ad.add_argument("file", metavar="FILE")
    gv100ad.add_argument("--json", action="store_true", help="print JSON")
    map_ = commands.add_parser("map", help="render all municipalities of the shipped data as an SVG map")
    map_.add_argument("--out", required=True, metavar="FILE.svg")
    map_.add_argument("--width", type=int, default=600)
    map_.add_argument("--data-dir", default=None, help="directory with the reference data (default: shipped)")
    return parser


def _gv100ad(args: argparse.Namespace) -> int:
    directory = parse_file(args.file)
    if args.json:
        report = {"file": args.file, "valid": directory.valid,
                  "findings": [finding.to_dict() for finding in directory.findings]}
        if directory.valid:
            report.update(directory.summary())
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif directory.valid:
        for key, value in directory.summary().items():
            print(f"{key}: {value}")
    else:
        for finding in directory.findings:
            print(f"{args.file}:{finding.line}:{finding.column}: {finding.description}")
    return 0 if directory.valid else 1


def municipality_points(data_dir: str | None = None) -> list[Point]:
    """Every municipality of the shipped directory that has a coordinate, labelled "name (AGS)"."""
    directory = reference.load_directory(data_dir)
    coordinates = reference.load_coordinates(data_dir)
    points = []
    for ags, gemeinde in directory.gemeinden.items():
        if ags in coordinates:
            lat, lon = coordinates[ags]
            css_class = "gemeindefrei" if gemeinde.is_gemeindefrei else "gemeinde"
            points.append(Point(lat, lon, f"{gemeinde.name} ({ags})", css_class))
    return points


def _map(args: argparse.Namespace) -> int:
    points = municipality_points(args.data_dir)
    germany = GermanyMap(args.width, data_dir=args.data_dir)
    svg = germany.render(
        points, title="Gemeinden in Deutschland",
        description=f"{len(points)} Gemeinden und gemeindefreie Gebiete als Punkte, Länder- und Kreisgrenzen.",
        classes={"gemeindefrei": "#999"}, id_prefix="germany-map",
        attribution=f"{reference.ATTRIBUTION_GV100AD}\nGrenzen: {reference.ATTRIBUTION_BOUNDARIES}, "
                    f"Punkte: {reference.ATTRIBUTION_COORDINATES}; dl-de/by-2-0, {reference.BKG_URL}",
    )
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n")
    print(f"{args.out}: {len(points)} points, {len(svg.encode())} bytes")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = _arguments().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return _gv100ad(args) if args.command == "gv100ad" else _map(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
