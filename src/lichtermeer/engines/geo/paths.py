"""GeoJSON polygons -> compact SVG path data, computed once per process.

Why the effort: the Kreis outlines have about 60,000 vertices, but on a map 600 units wide most of them are
closer together than a pixel. Vertices are therefore rounded to 0.1 unit, thinned with Douglas-Peucker at
a tolerance well below a pixel, and written as relative moves ("l1.2-.3") that need few characters. Working
in integer tenths makes the relative steps exact, so rounding errors cannot add up along a border.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .projection import LAT_MAX, LON_MIN, Projection

Ring = list[tuple[int, int]]  # vertices in tenths of a user unit


def _project_ring(ring: Sequence[Sequence[float]], projection: Projection) -> Ring:
    kx, ky = projection.x_scale * 10, projection.scale * 10
    out: Ring = []
    for lon, lat, *_ in ring:
        point = (round((lon - LON_MIN) * kx), round((LAT_MAX - lat) * ky))
        if not out or out[-1] != point:
            out.append(point)
    return out


def _simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (rings can have thousands of vertices; recursion depth is not an issue)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                cross = (px - ax) * dy - (py - ay) * dx
                distance = cross * cross / length
            else:  # closed ring: first and last vertex coincide
                distance = (px - ax) ** 2 + (py - ay) ** 2
            if distance > worst:
                worst, index = distance, i
        if worst > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _number(tenths: int) -> str:
    """12 -> "1.2", -5 -> "-.5", 30 -> "3"."""
    sign = "-" if tenths < 0 else ""
    whole, fraction = divmod(abs(tenths), 10)
    if not fraction:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{fraction}"


def _numbers(values: Iterable[int]) -> str:
    """Numbers with the fewest separators SVG allows: none before "-", none before "." after a decimal."""
    parts: list[str] = []
    had_dot = False
    for value in values:
        text = _number(value)
        if parts and not (text[0] == "-" or (text[0] == "." and had_dot)):
            parts.append(" ")
        parts.append(text)
        had_dot = "." in text
    return "".join(parts)


def _ring_path(ring: Ring) -> str:
    (x0, y0), steps = ring[0], []
    for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
        steps += (bx - ax, by - ay)
    if ring[-1] == ring[0]:
        steps = steps[:-2]  # "z" closes the ring
    return f"M{_numbers((x0, y0))}l{_numbers(steps)}z"


def polygon_path(geometry: dict, projection: Projection, *, tolerance: float = 0.35,
                 min_extent: float = 0.6) -> str:
    """SVG path data for a GeoJSON Polygon or MultiPolygon (holes included: paths use fill-rule evenodd).

    `tolerance` and `min_extent` are in user units: vertices closer than `tolerance` to the simplified line
    are dropped, and rings smaller than `min_extent` in both directions (tiny islands) are left out.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry type {kind!r}")
    parts = []
    for polygon in polygons:
        for ring_coordinates in polygon:
            ring = _simplify(_project_ring(ring_coordinates, projection), tolerance * 10)
            if len(ring) < 4:
                continue
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) - min(xs) < min_extent * 10 and max(ys) - min(ys) < min_extent * 10:
                continue
            parts.append(_ring_path(ring))
    return "".join(parts)
