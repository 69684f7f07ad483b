"""Reads for the register: dataset search with facets, coverage and gaps per municipality, the category ×
municipality matrix.

"Comparable" municipalities: same Land and a population between half and twice the municipality's own.
A gap is a Musterdatenkatalog category (Bezeichnung) that at least one comparable municipality publishes
and this one does not; gaps are ordered by the share of comparable publishers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, QuerySet

from lichtermeer.municipalities.models import Municipality

from .models import Dataset, HarvestRun, Source

BANDS = ("excellent", "good", "sufficient", "bad")
FACETS = ("land", "municipality", "thema", "format", "license", "band")


def datasets() -> QuerySet[Dataset]:
    return Dataset.objects.select_related("source", "municipality", "municipality__land")


def search(query: str = "", filters: dict[str, str] | None = None) -> QuerySet[Dataset]:
    found = datasets()
    if query:
        for word in query.split()[:8]:
            found = found.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                 | Q(mdk_bezeichnung__icontains=word) | Q(publisher__icontains=word))
    filters = filters or {}
    if filters.get("land"):
        found = found.filter(municipality__land__code=filters["land"])
    if filters.get("municipality"):
        found = found.filter(municipality__ags=filters["municipality"])
    if filters.get("thema"):
        found = found.filter(mdk_thema=filters["thema"])
    if filters.get("band"):
        found = found.filter(quality_band=filters["band"])
    if filters.get("license"):
        found = found.filter(license=filters["license"])
    if filters.get("format"):
        # formats is a JSON list; a contains lookup works on PostgreSQL, not on SQLite: filter in Python by ids.
        ids = [pk for pk, formats in found.values_list("pk", "formats") if filters["format"] in (formats or [])]
        found = found.filter(pk__in=ids)
    return found


def facet_counts(found: QuerySet[Dataset]) -> dict[str, list[tuple[str, str, int]]]:
    """Per facet: (value, label, count) for the current result set, most frequent first."""
    rows = list(found.values_list("municipality__land__code", "municipality__land__name", "municipality__ags",
                                  "municipality__name", "mdk_thema", "formats", "license", "quality_band"))
    counters: dict[str, Counter] = {name: Counter() for name in FACETS}
    labels: dict[tuple[str, str], str] = {}
    for land, land_name, ags, town, thema, formats, licence, band in rows:
        for facet, value, label in (("land", land, land_name), ("municipality", ags, town), ("thema", thema, thema),
                                    ("license", licence, licence), ("band", band, band)):
            if value:
                counters[facet][value] += 1
                labels[(facet, value)] = label or value
        for item in set(formats or []):
            counters["format"][item] += 1
            labels[("format", item)] = item
    return {facet: [(value, labels[(facet, value)], n) for value, n in counter.most_common(30)]
            for facet, counter in counters.items()}


@dataclass(frozen=True)
class Coverage:
    municipality: Municipality
    categories: list[dict]  # {"uri", "thema", "bezeichnung", "datasets", "quality"}
    comparables: list[Municipality]
    gaps: list[dict]  # {"uri", "thema", "bezeichnung", "publishers", "share"}
    datasets: int
    quality: float | None
    band: str | None


def comparable(municipality: Municipality) -> QuerySet[Municipality]:
    low, high = municipality.population // 2, municipality.population * 2
    return (Municipality.objects.filter(land=municipality.land_id, population__gte=low, population__lte=high,
                                        dissolved_on__isnull=True).exclude(pk=municipality.pk))


def coverage(municipality: Municipality) -> Coverage:
    own = Dataset.objects.filter(municipality=municipality).exclude(mdk_uri="")
    categories = list(own.values("mdk_uri", "mdk_thema", "mdk_bezeichnung")
                      .annotate(datasets=Count("id"), quality=Avg("quality_total")).order_by("mdk_thema",
                                                                                           "mdk_bezeichnung"))
    have = {row["mdk_uri"] for row in categories}
    peers = list(comparable(municipality).filter(datasets__isnull=False).distinct().order_by("name"))
    publishers: dict[str, set[int]] = defaultdict(set)
    names: dict[str, tuple[str, str]] = {}
    for uri, thema, bezeichnung, town in (Dataset.objects.filter(municipality__in=peers).exclude(mdk_uri="")
                                          .values_list("mdk_uri", "mdk_thema", "mdk_bezeichnung", "municipality")):
        publishers[uri].add(town)
        names[uri] = (thema, bezeichnung)
    gaps = sorted(({"uri": uri, "thema": names[uri][0], "bezeichnung": names[uri][1], "publishers": len(towns),
                    "share": len(towns) / len(peers)} for uri, towns in publishers.items() if uri not in have),
                  key=lambda gap: (-gap["share"], gap["thema"], gap["bezeichnung"]))
    stats = Dataset.objects.filter(municipality=municipality).aggregate(n=Count("id"), q=Avg("quality_total"))
    quality = round(stats["q"], 1) if stats["q"] is not None else None
    return Coverage(municipality, [{"uri": r["mdk_uri"], "thema": r["mdk_thema"], "bezeichnung": r["mdk_bezeichnung"],
                                    "datasets": r["datasets"], "quality": round(r["quality"] or 0)}
                                   for r in categories], peers, gaps, stats["n"], quality, band_for(quality))


def band_for(total: float | None) -> str | None:
    if total is None:
        return None
    from lichtermeer.engines.mqa import band_for as engine_band

    return engine_band(total).name


def matrix() -> tuple[list[tuple[str, str, str]], list[Municipality], dict[tuple[str, int], int]]:
    """Categories (uri, thema, bezeichnung) × municipalities with datasets → number of datasets."""
    cells: dict[tuple[str, int], int] = {}
    categories: dict[str, tuple[str, str, str]] = {}
    for uri, thema, bezeichnung, town, n in (Dataset.objects.exclude(mdk_uri="").filter(municipality__isnull=False)
                                             .values_list("mdk_uri", "mdk_thema", "mdk_bezeichnung", "municipality")
                                             .annotate(n=Count("id"))):
        cells[(uri, town)] = n
        categories[uri] = (uri, thema, bezeichnung)
    towns = list(Municipality.objects.filter(pk__in={town for _uri, town in cells}).order_by("name"))
    return sorted(categories.values(), key=lambda c: (c[1], c[2])), towns, cells


def publishers_of(uri: str) -> QuerySet[Municipality]:
    return Municipality.objects.filter(datasets__mdk_uri=uri).distinct().order_by("name")


def sources() -> QuerySet[Source]:
    return Source.objects.select_related("organisation", "municipality")


def last_run(source: Source) -> HarvestRun | None:
    return source.runs.first()


# --- added for the pages and the API -------------------------------------------------------------------------

ACTIVE_RUN = (HarvestRun.Status.QUEUED, HarvestRun.Status.RUNNING)


def dataset(pk: int) -> Dataset | None:
    return datasets().filter(pk=pk).first()


def source_by_slug(slug: str) -> Source | None:
    return sources().filter(slug=slug).first()


def sources_overview() -> list[Source]:
    """Every source with its number of datasets (`dataset_count`) and its newest run (`latest`); two queries,
    whatever the number of sources and runs."""
    found = list(sources().annotate(dataset_count=Count("datasets", distinct=True), latest_id=Max("runs__id"))
                 .order_by("name"))
    newest = HarvestRun.objects.in_bulk([source.latest_id for source in found if source.latest_id])
    for source in found:
        source.latest = newest.get(source.latest_id)
    return found


def runs_of(source: Source, limit: int = 10) -> list[HarvestRun]:
    return list(source.runs.select_related("triggered_by").order_by("-id")[:limit])


def active_run(source: Source) -> HarvestRun | None:
    """The run queued or running for the source (a second one is not started while it lasts)."""
    return source.runs.filter(status__in=ACTIVE_RUN).order_by("-id").first()


def organisations_for(user):
    """The organisations the user may add sources for: every one for operators, else the verified memberships."""
    from lichtermeer.accounts.models import Membership, Organisation
    from lichtermeer.accounts.rules import is_operator

    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_operator(user):
        return Organisation.objects.order_by("name")
    ids = Membership.objects.filter(user=user, verified=True).values_list("organisation_id", flat=True)
    return Organisation.objects.filter(pk__in=ids).order_by("name")


@dataclass(frozen=True)
class Summary:
    """What a municipality publishes, in brief (the box on the municipality page)."""

    datasets: int
    categories: int
    quality: float | None
    band: str | None


def summary(municipality: Municipality) -> Summary:
    own = Dataset.objects.filter(municipality=municipality)
    stats = own.aggregate(n=Count("id"), q=Avg("quality_total"))
    categories = own.exclude(mdk_uri="").values("mdk_uri").distinct().count()
    quality = round(stats["q"], 1) if stats["q"] is not None else None
    return Summary(stats["n"], categories, quality, band_for(quality))


def published_categories() -> list[dict]:
    """Categories at least one municipality publishes: {"uri", "thema", "bezeichnung", "municipalities"}."""
    rows = (Dataset.objects.exclude(mdk_uri="").filter(municipality__isnull=False)
            .values("mdk_uri", "mdk_thema", "mdk_bezeichnung")
            .annotate(municipalities=Count("municipality", distinct=True)).order_by("mdk_thema", "mdk_bezeichnung"))
    merged: dict[str, dict] = {}
    for row in rows:  # one URI may carry two spellings of its labels (renamed Themen): keep the first
        entry = merged.setdefault(row["mdk_uri"], {"uri": row["mdk_uri"], "thema": row["mdk_thema"],
                                                   "bezeichnung": row["mdk_bezeichnung"], "municipalities": 0})
        entry["municipalities"] += row["municipalities"]
    return list(merged.values())


def publishing_municipalities(uri: str = "") -> list[Municipality]:
    """Municipalities with datasets (of the category `uri`, or of any), each with `dataset_count`."""
    found = Dataset.objects.filter(municipality__isnull=False)
    if uri:
        found = found.filter(mdk_uri=uri)
    counts = dict(found.values_list("municipality").annotate(n=Count("id")))
    towns = list(Municipality.objects.filter(pk__in=counts).select_related("land").order_by("name", "ags"))
    for town in towns:
        town.dataset_count = counts[town.pk]
    return towns


def matrix_of_land(land: str = "") -> tuple[list[tuple[str, str, str]], list[Municipality],
                                            dict[tuple[str, int], int]]:
    """`matrix()`, optionally restricted to the municipalities of one Land (two-digit key)."""
    categories, towns, cells = matrix()
    if not land:
        return categories, towns, cells
    towns = [town for town in towns if town.ags[:2] == land]  # the AGS begins with the Land's key
    kept = {town.pk for town in towns}
    cells = {key: n for key, n in cells.items() if key[1] in kept}
    used = {uri for uri, _town in cells}
    return [c for c in categories if c[0] in used], towns, cells
