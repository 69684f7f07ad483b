"""Server-rendered SVG maps of Germany: Länder and Kreis outlines, municipalities as points.

Why server-side SVG: no tile server, no JavaScript, no request to a third party (privacy, offline use), and
the map is part of the HTML, so it prints and works with screen readers (role="img" with title and desc).

Boundaries are projected and encoded once per `GermanyMap` (use `default_map()`: one per process), so a
render only joins prepared strings and formats the points. Colours belong to the site's CSS; the presentation
attributes written here are defaults so that a saved .svg file looks right on its own (CSS overrides them).

Classes for CSS: svg.germany-map (or `css_class`), g.kreise > path.kreis, g.laender > path.land,
`highlight` on highlighted Länder/Kreise, g.points > g.<point class> > circle (points of one class are
grouped, in order of first appearance, so the group carries class and fill once instead of every circle).
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from . import paths, reference
from .projection import LAT_MAX, LON_MIN, Projection

# Default presentation attributes (overridden by any CSS rule of the page).
AREA_FILL = "#f2f2ee"
KREIS_STROKE = "#b9b9b2"
LAND_STROKE = "#66665f"
HIGHLIGHT_FILL = "#ffd766"
POINT_FILL = "#1d5fa6"

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_CLASS = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z_][A-Za-z0-9_-]*)*")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}|[a-z]{3,20}")
_ids = itertools.count(1)


def escape(text: str) -> str:
    """Text or attribute value for XML: markup characters escaped, characters XML 1.0 forbids removed."""
    return _XML_INVALID.sub("", text).translate(_ESCAPES)


@dataclass(frozen=True, slots=True)
class Point:
    """A point on the map; `label` becomes its tooltip (<title>), `href` an optional site-relative link."""

    lat: float
    lon: float
    label: str
    css_class: str = ""
    radius: float | None = None  # None: the map's point_radius
    href: str = ""

    def __post_init__(self) -> None:
        # Accept Decimal (model fields) and lazy translations; the renderer wants float and str.
        object.__setattr__(self, "lat", float(self.lat))
        object.__setattr__(self, "lon", float(self.lon))
        object.__setattr__(self, "label", str(self.label))
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):  # also False for NaN
            raise ValueError(f"coordinates out of range: {self.lat}, {self.lon}")
        if self.css_class and not _CLASS.fullmatch(self.css_class):
            raise ValueError(f"not a CSS class list: {self.css_class!r}")
        if self.radius is not None and not 0 < self.radius <= 100:
            raise ValueError(f"radius out of range: {self.radius}")
        if self.href and not (self.href.startswith("/") and not self.href.startswith("//")):
            raise ValueError("href must be a site-relative path starting with a single '/'")


@dataclass(frozen=True)
class _Area:
    code: str
    css_class: str  # "land" or "kreis"
    name: str
    path: str  # path data

    def element(self, highlighted: bool) -> str:
        if highlighted:
            head = f'<path class="{self.css_class} highlight" fill="{HIGHLIGHT_FILL}"'
        else:
            head = f'<path class="{self.css_class}"'
        return f'{head} data-ags="{self.code}" d="{self.path}"><title>{escape(self.name)}</title></path>'


class GermanyMap:
    """Germany with Länder and Kreis outlines, ready to render with any set of points."""

    def __init__(self, width: int = 600, *, data_dir: str | os.PathLike[str] | None = None,
                 point_radius: float = 1.6) -> None:
        self.projection = Projection(width)
        self.width, self.height = self.projection.width, self.projection.height
        self.point_radius = point_radius
        self._laender = self._areas(reference.LAENDER_GEOJSON, "land", data_dir)
        self._kreise = self._areas(reference.KREISE_GEOJSON, "kreis", data_dir)
        # Elements without highlight, joined once: most renders highlight nothing.
        self._elements = {kind: {code: area.element(False) for code, area in areas.items()}
                          for kind, areas in (("land", self._laender), ("kreis", self._kreise))}
        self._joined = {kind: "".join(elements.values()) for kind, elements in self._elements.items()}

    def _areas(self, name: str, css_class: str, data_dir) -> dict[str, _Area]:
        areas = {}
        for feature in reference.load_geojson(name, data_dir)["features"]:
            properties = feature["properties"]
            code = str(properties["AGS"])
            if not code.isdigit():
                raise ValueError(f"{name}: AGS {code!r} is not numeric")
            label = str(properties["GEN"])
            if css_class == "kreis" and properties.get("BEZ"):
                label = f"{label} ({properties['BEZ']})"
            areas[code] = _Area(code, css_class, label, paths.polygon_path(feature["geometry"], self.projection))
        return areas

    @property
    def laender(self) -> dict[str, str]:
        """Land code -> name, as in the boundary data."""
        return {code: area.name for code, area in self._laender.items()}

    @property
    def kreise(self) -> dict[str, str]:
        """Kreis AGS -> "name (kind)", as in the boundary data."""
        return {code: area.name for code, area in self._kreise.items()}

    def point_for(self, lat: float, lon: float) -> tuple[float, float]:
        """Position of a WGS84 coordinate in the map's user units (x east, y south)."""
        return self.projection.project(lat, lon)

    def _layer(self, kind: str, highlighted: Collection[str]) -> str:
        if not highlighted:
            return self._joined[kind]
        areas = self._laender if kind == "land" else self._kreise
        return "".join(areas[code].element(True) if code in highlighted else element
                       for code, element in self._elements[kind].items())

    def _points(self, points: Iterable[Point], classes: Mapping[str, str]) -> str:
        kx, ky = self.projection.x_scale, self.projection.scale
        default_r = _number(self.point_radius)
        groups: dict[str, list[str]] = {}
        for point in points:
            x = (point.lon - LON_MIN) * kx
            y = (LAT_MAX - point.lat) * ky
            r = default_r if point.radius is None else _number(point.radius)
            circle = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"><title>{escape(point.label)}</title></circle>'
            if point.href:
                circle = f'<a href="{escape(point.href)}">{circle}</a>'
            group = groups.get(point.css_class)
            if group is None:
                group = groups[point.css_class] = []
            group.append(circle)
        out = []
        for css_class, circles in groups.items():
            attributes = f' class="{css_class}"' if css_class else ""
            colour = classes.get(css_class)
            if colour:
                attributes += f' fill="{colour}"'
            out.append(f"<g{attributes}>{''.join(circles)}</g>")
        return "".join(out)

    def render(self, points: Iterable[Point] = (), *, title: str, description: str = "",
               highlight_laender: Collection[str] = (), highlight_kreise: Collection[str] = (),
               kreise: bool = True, classes: Mapping[str, str] | None = None, id_prefix: str | None = None,
               css_class: str = "germany-map", attribution: str = "") -> str:
        """The map as an <svg> element (a string of well-formed XML, safe to embed in HTML).

        `classes` maps a point class to a default fill colour (#hex or a colour keyword). `id_prefix` makes
        the ids of <title>/<desc> unique in the page; by default every render gets a fresh one. `attribution`
        is drawn as small text in the lower left corner, one line per line (for standalone files; pages show the
        attribution as HTML with the links the licences ask for).
        """
        prefix = id_prefix if id_prefix is not None else f"germany-map-{next(_ids)}"
        if not _ID.fullmatch(prefix):
            raise ValueError(f"not a usable id prefix: {prefix!r}")
        if not _CLASS.fullmatch(css_class):
            raise ValueError(f"not a CSS class list: {css_class!r}")
        classes = classes or {}
        for name, colour in classes.items():
            if not _COLOUR.fullmatch(colour):
                raise ValueError(f"not a colour for class {name!r}: {colour!r}")
        highlight_laender, highlight_kreise = set(highlight_laender), set(highlight_kreise)
        w, h = self.width, self.height
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-labelledby="{prefix}-title {prefix}-desc" class="{css_class}">',
            f'<title id="{prefix}-title">{escape(title)}</title>',
            f'<desc id="{prefix}-desc">{escape(description)}</desc>',
        ]
        if kreise:
            parts += [f'<g class="kreise" fill="{AREA_FILL}" fill-rule="evenodd" stroke="{KREIS_STROKE}" '
                      'stroke-width=".4" stroke-linejoin="round">', self._layer("kreis", highlight_kreise), "</g>",
                      f'<g class="laender" fill="none" fill-opacity=".55" fill-rule="evenodd" '
                      f'stroke="{LAND_STROKE}" stroke-width=".9" stroke-linejoin="round">']
        else:
            parts.append(f'<g class="laender" fill="{AREA_FILL}" fill-rule="evenodd" stroke="{LAND_STROKE}" '
                         'stroke-width=".9" stroke-linejoin="round">')
        parts += [self._layer("land", highlight_laender), "</g>",
                  f'<g class="points" fill="{POINT_FILL}" fill-opacity=".8" stroke="none">',
                  self._points(points, classes), "</g>"]
        if attribution:
            lines = attribution.splitlines()
            parts += [f'<text class="attribution" x="4" y="{h - 4 - 10 * (len(lines) - 1 - i)}" font-size="8" '
                      f'fill="#555">{escape(line)}</text>' for i, line in enumerate(lines)]
        parts.append("</svg>")
        return "".join(parts)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") if math.isfinite(value) else "0"


@functools.lru_cache(maxsize=4)
def default_map(width: int = 600) -> GermanyMap:
    """The process-wide map of the given width (boundaries are prepared once: about 0.25 s)."""
    return GermanyMap(width)


def point_for(lat: float, lon: float, width: int = 600) -> tuple[float, float]:
    """Where (lat, lon) lands on a map `width` units wide (no data needs to be loaded)."""
    return Projection(width).project(lat, lon)
