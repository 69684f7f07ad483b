"""Which municipalities publish data (of one Musterdatenkatalog category, or of any): the municipalities app's
server-rendered SVG map of Germany, with the same data as a table below it (municipalities/_map.html).

Points are classed by the number of datasets; classes differ in colour (Okabe–Ito) and radius, so they can be
told apart without colour. The table is the accessible alternative and links every municipality.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lichtermeer.engines.geo import svgmap
from lichtermeer.municipalities.maps import BLUE, DEFAULT_WIDTH, SKY, VERMILLION, LegendItem, MunicipalMap, Row

from . import selectors

BUCKETS = [  # lower bound of datasets, CSS class, colour, radius
    (1, "dr-datasets-1", SKY, 2.4),
    (5, "dr-datasets-5", BLUE, 3.0),
    (25, "dr-datasets-25", VERMILLION, 3.8),
]


def _bucket_index(count: int) -> int:
    index = 0
    for i, bucket in enumerate(BUCKETS):
        if count >= bucket[0]:
            index = i
    return index


def _bucket_label(index: int) -> str:
    low = BUCKETS[index][0]
    if index + 1 < len(BUCKETS):
        high = BUCKETS[index + 1][0] - 1
        return _("%(low)d to %(high)d datasets") % {"low": low, "high": high}
    return _("%(low)d or more datasets") % {"low": low}


def _located(town) -> bool:
    return town.lat is not None and town.lon is not None


def publishers_map(category: dict | None = None, *, width: int = DEFAULT_WIDTH) -> MunicipalMap:
    """One point per municipality that publishes datasets (of `category`, a row of
    selectors.published_categories(), or of any category when None), sized by how many."""
    uri = category["uri"] if category else ""
    towns = selectors.publishing_municipalities(uri)
    rows, points, counts, total = [], [], [0] * len(BUCKETS), 0
    for town in towns:
        index = _bucket_index(town.dataset_count)
        counts[index] += 1
        total += town.dataset_count
        rows.append(Row(town, _bucket_label(index), (town.land.name, str(town.dataset_count)), _located(town)))
        if _located(town):
            label = ngettext("%(name)s: %(count)d dataset", "%(name)s: %(count)d datasets",
                             town.dataset_count) % {"name": town.name, "count": town.dataset_count}
            _low, css_class, _colour, radius = BUCKETS[index]
            points.append((index, svgmap.Point(town.lat, town.lon, label, css_class=css_class, radius=radius)))
    legend = [LegendItem(b[1], b[2], _bucket_label(i), counts[i]) for i, b in enumerate(BUCKETS)]
    if category:
        title = _("Municipalities publishing “%(category)s”") % {
            "category": f"{category['thema']} – {category['bezeichnung']}"}
    else:
        title = _("Municipalities publishing open data")
    description = _("%(datasets)s from %(towns)s.") % {
        "datasets": ngettext("%(count)d dataset", "%(count)d datasets", total) % {"count": total},
        "towns": ngettext("%(count)d municipality", "%(count)d municipalities", len(rows)) % {"count": len(rows)},
    }
    description += " " + "; ".join(f"{item.label}: {item.count}" for item in legend) + "."
    missing = sum(not row.on_map for row in rows)
    if missing:
        description += " " + ngettext("%(count)d municipality without coordinates is not shown on the map.",
                                      "%(count)d municipalities without coordinates are not shown on the map.",
                                      missing) % {"count": missing}
    key = "publishers"
    ordered = [point for _rank, point in sorted(points, key=lambda item: item[0])]  # big classes drawn on top
    svg = svgmap.default_map(width).render(ordered, title=title, description=description,
                                           classes={item.css_class: item.colour for item in legend},
                                           id_prefix=f"map-{key}", css_class="germany-map lm-map__svg")
    return MunicipalMap(
        key=key, title=title, description=description,
        svg=mark_safe(svg),  # noqa: S308 - the engine escapes every text and attribute it writes
        columns=[_("Land"), _("Datasets")], rows=rows, legend=legend, without_coordinates=missing,
    )
