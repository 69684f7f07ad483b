#!/usr/bin/env python
"""Map benchmark: render Germany (Länder + Kreis outlines) with every municipality of data/municipal/ as a point.

    .venv/bin/python bench/map.py                 # 30 renders after one warm-up
    .venv/bin/python bench/map.py --repeat 100 --width 800

Measured separately: preparing the map (loading and encoding the boundaries, once per process), reading the
GV100AD file, building the points, and the render itself (what a request pays). The last line printed is one
JSON object (figures in milliseconds, sizes in bytes); `map_ms` is the median render. Target: map_ms <= 200.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from lichtermeer.engines.geo import reference  # noqa: E402
from lichtermeer.engines.geo.svgmap import GermanyMap, Point  # noqa: E402

TARGET_MS = 200


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, (time.perf_counter() - t0) * 1000


def _points(directory, coordinates) -> list[Point]:
    points = []
    for ags, gemeinde in directory.gemeinden.items():
        lat, lon = coordinates.get(ags, (None, None))
        if lat is None:
            continue
        points.append(Point(lat, lon, gemeinde.name, "gemeindefrei" if gemeinde.is_gemeindefrei else "gemeinde"))
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--width", type=int, default=600)
    args = parser.parse_args(argv)

    germany, prepare_ms = _timed(lambda: GermanyMap(args.width))
    directory, parse_ms = _timed(reference.load_directory)
    coordinates = reference.load_coordinates()
    points, points_ms = _timed(lambda: _points(directory, coordinates))
    without = len(directory.gemeinden) - len(points)

    def render() -> str:
        return germany.render(points, title="Gemeinden in Deutschland", description="Alle Gemeinden als Punkte",
                              classes={"gemeindefrei": "#999"}, id_prefix="bench")

    svg = render()  # warm-up
    samples = []
    for _ in range(args.repeat):
        samples.append(_timed(render)[1])
    size = len(svg.encode())
    median, p95 = statistics.median(samples), _percentile(samples, 95)

    print(f"municipalities: {len(directory.gemeinden)} in GV100AD, {len(points)} drawn "
          f"({without} without coordinates)")
    print(f"prepare map (once per process): {prepare_ms:8.1f} ms")
    print(f"parse GV100AD:                  {parse_ms:8.1f} ms")
    print(f"build {len(points)} points:         {points_ms:8.1f} ms")
    print(f"render x{args.repeat}: median {median:.1f} ms, p95 {p95:.1f} ms, min {min(samples):.1f} ms "
          f"(target <= {TARGET_MS} ms: {'ok' if median <= TARGET_MS else 'MISSED'})")
    print(f"SVG size: {size:,} bytes ({size / 1024 / 1024:.2f} MiB)")
    print(json.dumps({
        "map_ms": round(median, 2), "map_p95_ms": round(p95, 2), "map_min_ms": round(min(samples), 2),
        "repeat": args.repeat, "width": args.width, "points": len(points), "svg_bytes": size,
        "prepare_ms": round(prepare_ms, 1), "parse_gv100ad_ms": round(parse_ms, 1),
        "build_points_ms": round(points_ms, 1), "target_ms": TARGET_MS,
        "load_avg_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
