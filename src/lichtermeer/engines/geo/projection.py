"""The one fixed map projection for Germany: equirectangular, longitudes shrunk by cos(51°).

Why this one: it needs no library and no per-point trigonometry (a point costs two multiplications, which
keeps a map of 11,000 municipalities fast), and in Germany's latitude band (47.3°-55.1° N) it is close to
what people expect: east-west distances are true at 51° N and off by only -7 % at the southern and +10 % at
the northern border (cos 51° / cos lat), which an overview map does not show.

x grows eastwards, y southwards (SVG), both in user units of the SVG viewBox. The frame is a fixed bounding
box around Germany, so a point lands on the same spot on every map of the same width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STANDARD_PARALLEL = 51.0
# Fixed frame: Germany spans lon 5.87-15.04, lat 47.27-55.06; about 10 km margin on every side.
LON_MIN, LON_MAX = 5.7, 15.2
LAT_MIN, LAT_MAX = 47.1, 55.2
COS_STANDARD = math.cos(math.radians(STANDARD_PARALLEL))


@dataclass(frozen=True)
class Projection:
    """Maps (lat, lon) in WGS84 degrees to SVG user units for a map `width` units wide."""

    width: int = 600

    def __post_init__(self) -> None:
        if not (isinstance(self.width, int) and 100 <= self.width <= 10_000):
            raise ValueError("width must be an integer between 100 and 10000")

    @property
    def scale(self) -> float:
        """User units per degree of latitude."""
        return self.width / ((LON_MAX - LON_MIN) * COS_STANDARD)

    @property
    def x_scale(self) -> float:
        """User units per degree of longitude."""
        return self.scale * COS_STANDARD

    @property
    def height(self) -> int:
        return math.ceil((LAT_MAX - LAT_MIN) * self.scale)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - LON_MIN) * self.x_scale, (LAT_MAX - lat) * self.scale
