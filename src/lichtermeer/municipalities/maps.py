"""Maps of the municipal records, server-rendered as inline SVG with engines.geo (no tiles, no JavaScript).

Every map comes with the same data as a table (`MunicipalMap.rows`), which the templates show right below the
map: the table is the accessible alternative, and the SVG itself carries role="img", a <title> and a <desc>
that summarises the counts. Points are grouped into classes (CSS classes `mm-*`, coloured by
static/municipalities/maps.css; the engine writes default fills so a saved SVG looks right on its own). Classes
also differ in radius, so they can be told apart without colour. Points carry no links: an SVG with role="img"
must not contain interactive elements (axe: nested-interactive); the table below links every municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from lichtermeer.engines.geo import reference as geo_reference
from lichtermeer.engines.geo import svgmap

from . import selectors
from .models import InventoryEntry, Municipality, UrbanDataPlatform
from .templatetags.municipalities_tags import co_use_label, operating_model_label, status_label

DEFAULT_WIDTH = 600
# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
GREEN, BLUE, VERMILLION, GREY, ORANGE, SKY = "#009e73", "#0072b2", "#d55e00", "#7a7a7a", "#e69f00", "#56b4e9"

_CO_USE_ORDER = [UrbanDataPlatform.CoUse.CLOSED, UrbanDataPlatform.CoUse.ON_REQUEST, UrbanDataPlatform.CoUse.OPEN]
_CO_USE_STYLE = {  # class, colour, radius
    UrbanDataPlatform.CoUse.OPEN: ("mm-udp-open", GREEN, 3.4),
    UrbanDataPlatform.CoUse.ON_REQUEST: ("mm-udp-on-request", BLUE, 2.8),
    UrbanDataPlatform.CoUse.CLOSED: ("mm-udp-closed", GREY, 2.2),
}
_STATUS_ORDER = [InventoryEntry.Status.RETIRED, InventoryEntry.Status.PLANNED, InventoryEntry.Status.PILOT,
                 InventoryEntry.Status.PRODUCTION]
_STATUS_STYLE = {
    InventoryEntry.Status.PRODUCTION: ("mm-use-production", GREEN, 3.4),
    InventoryEntry.Status.PILOT: ("mm-use-pilot", BLUE, 3.0),
    InventoryEntry.Status.PLANNED: ("mm-use-planned", ORANGE, 2.6),
    InventoryEntry.Status.RETIRED: ("mm-use-retired", GREY, 2.2),
}
_COVERAGE_BUCKETS = [  # lower bound of entries, class, colour, radius
    (1, "mm-coverage-1", SKY, 2.2),
    (2, "mm-coverage-2", BLUE, 2.8),
    (5, "mm-coverage-5", VERMILLION, 3.6),
]


@dataclass(frozen=True)
class LegendItem:
    css_class: str
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Row:
    """One municipality of a map, as a table row: the municipality, then one cell per column."""

    municipality: Municipality
    category: str
    cells: tuple[str, ...]
    on_map: bool


@dataclass
class MunicipalMap:
    key: str
    title: str
    description: str
    svg: SafeString
    columns: list[str]
    rows: list[Row]
    legend: list[LegendItem] = field(default_factory=list)
    without_coordinates: int = 0
    attribution: tuple[str, ...] = (geo_reference.ATTRIBUTION_BOUNDARIES, geo_reference.ATTRIBUTION_COORDINATES)

    @property
    def caption(self) -> str:
        return _("%(title)s: the data of the map as a table") % {"title": self.title}


def _located(municipality: Municipality) -> bool:
    return municipality.lat is not None and municipality.lon is not None


def _render(key: str, *, title: str, description: str, points: list[svgmap.Point], legend: list[LegendItem],
            width: int, kreise: bool) -> SafeString:
    colours = {item.css_class: item.colour for item in legend}
    svg = svgmap.default_map(width).render(points, title=title, description=description, classes=colours,
                                           id_prefix=f"map-{key}", css_class="germany-map lm-map__svg",
                                           kreise=kreise)
    # The engine escapes every text and attribute it writes (names come from users and from files).
    return mark_safe(svg)  # noqa: S308


def _not_shown(count: int) -> str:
    if not count:
        return ""
    return " " + ngettext("%(count)d municipality without coordinates is not shown on the map.",
                          "%(count)d municipalities without coordinates are not shown on the map.",
                          count) % {"count": count}


def _ordered(points: list[tuple[int, svgmap.Point]]) -> list[svgmap.Point]:
    """Less important classes first, so the important ones are drawn on top."""
    return [point for _rank, point in sorted(points, key=lambda item: item[0])]


# --- urban data platforms ------------------------------------------------------------------------------------


def platform_map(platforms=None, *, width: int = DEFAULT_WIDTH, kreise: bool = False) -> MunicipalMap:
    """One point per municipality with an urban data platform, classed by the most open co-use it offers."""
    platforms = list(selectors.platforms() if platforms is None else platforms)
    by_town: dict[int, list[UrbanDataPlatform]] = defaultdict(list)
    for platform in platforms:
        by_town[platform.municipality_id].append(platform)
    rows, points, counts = [], [], dict.fromkeys(_CO_USE_ORDER, 0)
    for items in sorted(by_town.values(), key=lambda ps: (ps[0].municipality.name, ps[0].municipality.ags)):
        town = items[0].municipality
        best = max((p.co_use for p in items), key=lambda c: _CO_USE_ORDER.index(c) if c in _CO_USE_ORDER else -1)
        css_class, _colour, radius = _CO_USE_STYLE.get(best, _CO_USE_STYLE[UrbanDataPlatform.CoUse.CLOSED])
        counts[best] = counts.get(best, 0) + 1
        names = "; ".join(f"{p.name} ({co_use_label(p.co_use)})" for p in items)
        rows.append(Row(town, co_use_label(best), (town.land.name, names), _located(town)))
        if _located(town):
            label = f"{town.name}: {names}"
            points.append((_CO_USE_ORDER.index(best), svgmap.Point(
                town.lat, town.lon, label, css_class=css_class, radius=radius)))
    legend = [LegendItem(_CO_USE_STYLE[c][0], _CO_USE_STYLE[c][1], co_use_label(c), counts[c])
              for c in reversed(_CO_USE_ORDER)]
    missing = sum(not row.on_map for row in rows)
    title = _("Urban data platforms in Germany")
    description = _("%(platforms)s in %(towns)s: ") % {
        "towns": ngettext("%(count)d municipality", "%(count)d municipalities", len(rows)) % {"count": len(rows)},
        "platforms": ngettext("%(count)d urban data platform", "%(count)d urban data platforms",
                              len(platforms)) % {"count": len(platforms)},
    }
    description += _("%(open)d open for co-use, %(request)d co-use on request, %(closed)d not open for co-use "
                     "(by the most open platform of each municipality).") % {
        "open": counts[UrbanDataPlatform.CoUse.OPEN], "request": counts[UrbanDataPlatform.CoUse.ON_REQUEST],
        "closed": counts[UrbanDataPlatform.CoUse.CLOSED]}
    description += _not_shown(missing)
    return MunicipalMap(
        key="platforms", title=title, description=description,
        svg=_render("platforms", title=title, description=description, points=_ordered(points), legend=legend,
                    width=width, kreise=kreise),
        columns=[_("Land"), _("Platforms")], rows=rows, legend=legend, without_coordinates=missing,
    )


# --- coverage of inventories ---------------------------------------------------------------------------------


def _bucket(count: int) -> tuple[int, str, str, float]:
    chosen = _COVERAGE_BUCKETS[0]
    for bucket in _COVERAGE_BUCKETS:
        if count >= bucket[0]:
            chosen = bucket
    return chosen


def _bucket_label(index: int) -> str:
    low = _COVERAGE_BUCKETS[index][0]
    if index + 1 < len(_COVERAGE_BUCKETS):
        high = _COVERAGE_BUCKETS[index + 1][0] - 1
        if high == low:
            return ngettext("%(low)d solution", "%(low)d solutions", low) % {"low": low}
        return _("%(low)d to %(high)d solutions") % {"low": low, "high": high}
    return _("%(low)d or more solutions") % {"low": low}


def coverage_map(*, width: int = DEFAULT_WIDTH, kreise: bool = False) -> MunicipalMap:
    """One point per municipality that recorded at least one solution in its inventory, sized by how many."""
    tallies: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (InventoryEntry.objects.filter(removed_at__isnull=True).values("municipality_id", "status")
                .annotate(n=Count("id"))):
        tallies[row["municipality_id"]][row["status"]] = row["n"]
    towns = Municipality.objects.filter(pk__in=tallies).select_related("land").order_by("name", "ags")
    rows, points, counts = [], [], [0] * len(_COVERAGE_BUCKETS)
    total_entries = 0
    for town in towns:
        tally = tallies[town.pk]
        total = sum(tally.values())
        total_entries += total
        bucket = _bucket(total)
        index = _COVERAGE_BUCKETS.index(bucket)
        counts[index] += 1
        statuses = ", ".join(f"{tally[s]} × {status_label(s)}" for s in reversed(_STATUS_ORDER) if tally.get(s))
        rows.append(Row(town, _bucket_label(index), (town.land.name, str(total), statuses), _located(town)))
        if _located(town):
            label = ngettext("%(name)s: %(count)d solution recorded", "%(name)s: %(count)d solutions recorded",
                             total) % {"name": town.name, "count": total}
            points.append((index, svgmap.Point(town.lat, town.lon, label, css_class=bucket[1], radius=bucket[3])))
    legend = [LegendItem(b[1], b[2], _bucket_label(i), counts[i]) for i, b in enumerate(_COVERAGE_BUCKETS)]
    missing = sum(not row.on_map for row in rows)
    title = _("Municipalities that recorded the solutions they use")
    description = _("Recorded in inventories: %(entries)s in %(towns)s.") % {
        "towns": ngettext("%(count)d municipality", "%(count)d municipalities", len(rows)) % {"count": len(rows)},
        "entries": ngettext("%(count)d solution", "%(count)d solutions", total_entries) % {"count": total_entries},
    }
    description += " " + "; ".join(f"{item.label}: {item.count}" for item in legend) + "."
    description += _not_shown(missing)
    return MunicipalMap(
        key="coverage", title=title, description=description,
        svg=_render("coverage", title=title, description=description, points=_ordered(points), legend=legend,
                    width=width, kreise=kreise),
        columns=[_("Land"), _("Solutions recorded"), _("Status")], rows=rows, legend=legend,
        without_coordinates=missing,
    )


# --- reuse register of one solution --------------------------------------------------------------------------


def usage_map(solution, *, entries=None, width: int = DEFAULT_WIDTH, kreise: bool = False) -> MunicipalMap:
    """One point per municipality using the solution, classed by its most advanced status."""
    entries = list(selectors.usage_of(solution) if entries is None else entries)
    by_town: dict[int, list[InventoryEntry]] = defaultdict(list)
    for entry in entries:
        by_town[entry.municipality_id].append(entry)
    rows, points, counts = [], [], dict.fromkeys(_STATUS_ORDER, 0)
    for items in sorted(by_town.values(), key=lambda es: (es[0].municipality.name, es[0].municipality.ags)):
        town = items[0].municipality
        best = max((e.status for e in items), key=lambda s: _STATUS_ORDER.index(s) if s in _STATUS_ORDER else -1)
        css_class, _colour, radius = _STATUS_STYLE.get(best, _STATUS_STYLE[InventoryEntry.Status.RETIRED])
        counts[best] = counts.get(best, 0) + 1
        since = ", ".join(e.since.isoformat() for e in items if e.since) or "–"
        models = ", ".join(sorted({operating_model_label(e.operating_model) for e in items}))
        rows.append(Row(town, status_label(best), (town.land.name, since, models), _located(town)))
        if _located(town):
            points.append((_STATUS_ORDER.index(best) if best in _STATUS_ORDER else 0, svgmap.Point(
                town.lat, town.lon, f"{town.name}: {status_label(best)}", css_class=css_class, radius=radius)))
    legend = [LegendItem(_STATUS_STYLE[s][0], _STATUS_STYLE[s][1], status_label(s), counts[s])
              for s in reversed(_STATUS_ORDER)]
    missing = sum(not row.on_map for row in rows)
    title = _("Municipalities using %(solution)s") % {"solution": solution.name}
    description = ngettext("%(count)d municipality records this solution: ",
                           "%(count)d municipalities record this solution: ", len(rows)) % {"count": len(rows)}
    description += "; ".join(f"{item.label}: {item.count}" for item in legend) + "."
    description += _not_shown(missing)
    return MunicipalMap(
        key=f"usage-{solution.pk}", title=title, description=description,
        svg=_render(f"usage-{solution.pk}", title=title, description=description, points=_ordered(points),
                    legend=legend, width=width, kreise=kreise),
        columns=[_("Land"), _("Since"), _("Operating model")], rows=rows, legend=legend,
        without_coordinates=missing,
    )


# --- regions (Land, Kreis) and groupings ---------------------------------------------------------------------

_RECORD_ORDER = ["inventory", "platform", "both"]
_RECORD_STYLE = {  # class, colour, radius
    "inventory": ("mm-region-inventory", BLUE, 2.4),
    "platform": ("mm-region-platform", ORANGE, 3.0),
    "both": ("mm-region-both", GREEN, 3.6),
}
_MEMBER_STYLE = {
    "member": ("mm-group-member", BLUE, 2.6),
    "lead": ("mm-group-lead", VERMILLION, 3.6),
}


def _record_label(kind: str) -> str:
    return {
        "inventory": _("Solutions recorded"),
        "platform": _("Urban data platform described"),
        "both": _("Solutions recorded and a platform described"),
    }[kind]


def _render_region(key: str, *, title: str, description: str, points: list[svgmap.Point],
                   legend: list[LegendItem], width: int, laender=(), kreise=()) -> SafeString:
    colours = {item.css_class: item.colour for item in legend}
    svg = svgmap.default_map(width).render(points, title=title, description=description, classes=colours,
                                           id_prefix=f"map-{key}", css_class="germany-map lm-map__svg",
                                           kreise=bool(kreise), highlight_laender=laender, highlight_kreise=kreise)
    # The engine escapes every text and attribute it writes (names come from users and from files).
    return mark_safe(svg)  # noqa: S308


def region_map(towns, *, region, kind: str, width: int = DEFAULT_WIDTH) -> MunicipalMap:
    """A Land (`kind` "land") or Kreis ("kreis") highlighted on the map of Germany, with one point per
    municipality in it that recorded solutions (`inventory_count`) or described a platform (`platform_count`)."""
    rows, points, counts = [], [], dict.fromkeys(_RECORD_ORDER, 0)
    for town in towns:
        record = ("both" if town.inventory_count and town.platform_count
                  else "inventory" if town.inventory_count else "platform")
        css_class, _colour, radius = _RECORD_STYLE[record]
        counts[record] += 1
        cells = (str(town.inventory_count), str(town.platform_count))
        if kind == "land":
            cells = ((town.kreis.name if town.kreis_id else "–"), *cells)
        rows.append(Row(town, _record_label(record), cells, _located(town)))
        if _located(town):
            label = _("%(name)s: %(solutions)s, %(platforms)s") % {
                "name": town.name,
                "solutions": ngettext("%(count)d solution", "%(count)d solutions",
                                      town.inventory_count) % {"count": town.inventory_count},
                "platforms": ngettext("%(count)d platform", "%(count)d platforms",
                                      town.platform_count) % {"count": town.platform_count},
            }
            points.append((_RECORD_ORDER.index(record), svgmap.Point(town.lat, town.lon, label, css_class=css_class,
                                                                     radius=radius)))
    legend = [LegendItem(_RECORD_STYLE[r][0], _RECORD_STYLE[r][1], _record_label(r), counts[r])
              for r in reversed(_RECORD_ORDER)]
    missing = sum(not row.on_map for row in rows)
    title = _("%(region)s on the map of Germany") % {"region": region.name}
    description = _("%(region)s is highlighted.") % {"region": region.name} + " "
    description += ngettext("%(count)d municipality in it has recorded solutions or described an urban data "
                            "platform: ",
                            "%(count)d municipalities in it have recorded solutions or described an urban data "
                            "platform: ", len(rows)) % {"count": len(rows)}
    description += "; ".join(f"{item.label}: {item.count}" for item in legend) + "."
    description += _not_shown(missing)
    key = f"{kind}-{region.code if kind == 'land' else region.ags}"
    columns = [_("Solutions recorded"), _("Platforms")]
    if kind == "land":
        columns = [pgettext("Kreis", "District"), *columns]
    return MunicipalMap(
        key=key, title=title, description=description,
        svg=_render_region(key, title=title, description=description, points=_ordered(points), legend=legend,
                           width=width, laender=[region.code] if kind == "land" else (),
                           kreise=[region.ags] if kind == "kreis" else ()),
        columns=columns, rows=rows, legend=legend, without_coordinates=missing,
    )


def grouping_map(grouping, members=None, *, width: int = DEFAULT_WIDTH) -> MunicipalMap:
    """The members of a grouping as points; the lead (operator) stands out."""
    members = list(grouping.members.all() if members is None else members)
    if grouping.operator_id and all(m.pk != grouping.operator_id for m in members):
        members.append(grouping.operator)
    rows, points, counts = [], [], dict.fromkeys(_MEMBER_STYLE, 0)
    for town in sorted(members, key=lambda m: (m.pk != grouping.operator_id, m.name, m.ags)):
        role = "lead" if town.pk == grouping.operator_id else "member"
        css_class, _colour, radius = _MEMBER_STYLE[role]
        counts[role] += 1
        label = _("Operator / lead") if role == "lead" else _("Member")
        rows.append(Row(town, label, (town.kreis.name if town.kreis_id else "–", town.land.name), _located(town)))
        if _located(town):
            points.append((1 if role == "lead" else 0, svgmap.Point(
                town.lat, town.lon, f"{town.name}: {label}", css_class=css_class, radius=radius)))
    legend = [LegendItem(_MEMBER_STYLE[r][0], _MEMBER_STYLE[r][1],
                         _("Operator / lead") if r == "lead" else _("Member"), counts[r]) for r in ("lead", "member")]
    missing = sum(not row.on_map for row in rows)
    title = _("Members of %(name)s") % {"name": grouping.name}
    description = ngettext("%(count)d municipality belongs to %(name)s: ",
                           "%(count)d municipalities belong to %(name)s: ", len(rows)) % {
        "count": len(rows), "name": grouping.name}
    description += "; ".join(f"{item.label}: {item.count}" for item in legend) + "."
    description += _not_shown(missing)
    key = "group"
    return MunicipalMap(
        key=key, title=title, description=description,
        svg=_render_region(key, title=title, description=description, points=_ordered(points), legend=legend,
                           width=width),
        columns=[pgettext("Kreis", "District"), _("Land")], rows=rows, legend=legend, without_coordinates=missing,
    )
