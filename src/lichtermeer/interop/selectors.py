"""Reads of the standards register, compatibility and the exit score. Pages, API and search call these.

The register is built once per process from the database and rebuilt when it changes (a cheap fingerprint query:
count and latest change of standards and adapters). Compatibility is computed by the pure engine
(lichtermeer.engines.interop.compare) from declared facts only:

* a solution provides and consumes what it declares (Solution.standards_provided / standards_consumed);
* an urban data platform supports its standards (UrbanDataPlatform.standards) in ANY role: it counts as
  providing and consuming each of them (server and client, publisher and subscriber, provider and consumer),
  without a version (so versions are "assumed, please verify");
* an inventory entry of a listed solution declares what that solution declares; an unlisted entry declares nothing,
  so its compatibility is "unknown", never "none".
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from lichtermeer.engines.interop import (
    Adapter as AdapterEntry,
)
from lichtermeer.engines.interop import (
    Compatibility,
    Declaration,
    ExitFacts,
    ExitScore,
    Matcher,
    Register,
    Side,
    SideInvalid,
    StandardEntry,
    compare,
    exit_score,
)
from lichtermeer.municipalities.models import Grouping, InventoryEntry, Municipality, UrbanDataPlatform
from lichtermeer.solutions.models import Solution, SolutionFacet

from . import records
from .models import Adapter, Standard

ACTIVE_INVENTORY = (InventoryEntry.Status.PLANNED, InventoryEntry.Status.PILOT, InventoryEntry.Status.PRODUCTION)
REUSE_STATUSES = (InventoryEntry.Status.PILOT, InventoryEntry.Status.PRODUCTION)
SELF_HOSTING_MODELS = ("on-premises", "managed-hosting")
EXPORT_CHECK = "declaration.export-formats"
MAX_INVENTORY_SHOWN = 200


# --- the register ----------------------------------------------------------------------------------------------

_lock = threading.Lock()
_cached: dict[str, tuple] = {}


def _fingerprint() -> tuple:
    standards = Standard.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    adapters = Adapter.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return (standards["n"], standards["last"], adapters["n"], adapters["last"])


def forget_register() -> None:
    """Called after every change of the register (services); other processes notice by the fingerprint."""
    with _lock:
        _cached.clear()


def register() -> Register:
    """The stored register as the engine's Register (retired standards included, marked)."""
    from django.db import connection

    key = (connection.alias, connection.settings_dict.get("NAME"))
    fingerprint = _fingerprint()
    with _lock:
        cached = _cached.get(key)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
    standards = {row.id: StandardEntry.from_dict(records.standard_dict(row)) for row in Standard.objects.all()}
    adapters = tuple(AdapterEntry.from_dict(records.adapter_dict(row))
                     for row in Adapter.objects.order_by("pk"))
    built = Register(standards=standards, adapters=adapters)
    with _lock:
        _cached[key] = (fingerprint, built)
    return built


def standards(*, category: str = "", kind: str = "", include_retired: bool = True) -> list[Standard]:
    found = Standard.objects.all()
    if category:
        found = found.filter(category=category)
    if kind:
        found = found.filter(kind=kind)
    if not include_retired:
        found = found.filter(retired=False)
    return sorted(found, key=lambda s: (s.retired, s.name.casefold(), s.id))


def standard(standard_id: str) -> Standard | None:
    if not isinstance(standard_id, str) or len(standard_id) > 64:
        return None
    return Standard.objects.filter(pk=standard_id).first()


def adapters_of(standard_row: Standard) -> list[Adapter]:
    return list(Adapter.objects.filter(Q(from_standard=standard_row) | Q(to_standard=standard_row))
                .select_related("from_standard", "to_standard").order_by("from_standard__name", "to_standard__name"))


def all_adapters() -> list[Adapter]:
    return list(Adapter.objects.select_related("from_standard", "to_standard")
                .order_by("from_standard__name", "to_standard__name"))


def standard_names() -> dict[str, str]:
    """id -> name of every stored standard (for labels)."""
    return {entry.id: entry.name for entry in register().standards.values()}


def known_standard_ids() -> set[str]:
    """Ids a solution may declare: the register's standards that are not retired."""
    return {entry.id for entry in register().standards.values() if not entry.retired}


@dataclass(frozen=True)
class Declarer:
    """Who declares a standard: a solution (with role and version) or a municipality's platform."""

    solution: Solution | None
    platform: UrbanDataPlatform | None
    direction: str  # provides | consumes | supports
    role: str = ""
    version: str = ""


def declarers(standard_id: str) -> dict[str, list]:
    """The public solutions that provide or consume a standard (role, version) and the urban data platforms that
    support it."""
    ids = SolutionFacet.objects.filter(facet="standard", value=standard_id).values("solution_id")
    found = (Solution.objects.filter(pk__in=ids, listing_status__in=Solution.PUBLIC_STATUSES)
             .select_related("organisation").order_by("name"))
    provides, consumes = [], []
    for solution in found:
        for direction, declared, into in (("provides", solution.standards_provided, provides),
                                          ("consumes", solution.standards_consumed, consumes)):
            for entry in declared or []:
                if isinstance(entry, dict) and entry.get("standard") == standard_id:
                    into.append(Declarer(solution, None, direction, str(entry.get("role") or ""),
                                         str(entry.get("version") or "")))
    platforms = [p for p in UrbanDataPlatform.objects.select_related("municipality").order_by("municipality__name",
                                                                                               "name")
                 if standard_id in (p.standards or [])]
    return {"provides": provides, "consumes": consumes,
            "platforms": [Declarer(None, p, "supports") for p in platforms]}


# --- sides ----------------------------------------------------------------------------------------------------


def _declarations(entries) -> list[Declaration]:
    found = []
    for entry in entries or []:
        try:
            found.append(Declaration.from_dict(entry))
        except SideInvalid:
            continue  # stored facts are validated on import; anything else is ignored, never an error
    return found


def solution_side(solution: Solution, *, ref: str = "") -> Side:
    return Side(solution.name, _declarations(solution.standards_provided),
                _declarations(solution.standards_consumed), ref or solution.slug)


def platform_side(platform: UrbanDataPlatform) -> Side:
    """A platform supports its standards in any role (the empty role matches every role pair)."""
    supported = [Declaration(s, "") for s in platform.standards or [] if isinstance(s, str)]
    return Side(platform.name, supported, list(supported), f"platform-{platform.pk}")


# --- compatibility --------------------------------------------------------------------------------------------


def compatibility(a_solution: Solution, b_solution: Solution) -> Compatibility:
    """Which interfaces connect between two solutions (both directions), what needs an adapter, what is missing."""
    return compare(solution_side(a_solution), solution_side(b_solution), register())


def _relevant_standards(side: Side, reg: Register) -> set[str]:
    """Standards a partner must declare to connect with `side` or to reach it through an adapter."""
    own = {d.standard for d in (*side.provides, *side.consumes)}
    related = set(own)
    for adapter in reg.adapters:
        if adapter.from_ in own or adapter.to in own:
            related |= {adapter.from_, adapter.to}
    return related


def _candidate_rows(standard_ids: set[str], *fields: str, exclude=frozenset()):
    """Light rows (no model objects) of the public solutions that declare one of the standards (`standard` facet):
    the fields asked for, then the provided and consumed declarations as stored JSON text (see _stored_triples)."""
    ids = SolutionFacet.objects.filter(facet="standard", value__in=sorted(standard_ids)).values("solution_id")
    found = Solution.objects.filter(pk__in=ids, listing_status__in=Solution.PUBLIC_STATUSES)
    if exclude:
        found = found.exclude(pk__in=sorted(exclude))
    return (found.annotate(provided_text=Cast("standards_provided", TextField()),
                           consumed_text=Cast("standards_consumed", TextField()))
            .order_by().values_list(*fields, "provided_text", "consumed_text"))


# Stored declaration lists (JSON text) -> (standard, role, version) triples, remembered per process by the text
# itself (so never stale); many solutions share a list (e.g. "[]"). Cleared when it grows past the bound.
_parsed: dict[str, tuple[tuple[str, str, str], ...]] = {}
PARSED_MAX = 100_000


def _stored_triples(text) -> tuple[tuple[str, str, str], ...]:
    """The declarations of a stored JSON list as triples, skipping what _declarations would skip."""
    if not isinstance(text, str):
        text = json.dumps(text)
    found = _parsed.get(text)
    if found is None:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        found = tuple((d.standard, d.role, d.version)
                      for d in _declarations(data if isinstance(data, list) else None))
        if len(_parsed) >= PARSED_MAX:
            _parsed.clear()
        _parsed[text] = found
    return found


_ORDER = {"connects": 0, "adapter": 1, "none": 2}


@dataclass(frozen=True)
class PartnerRef:
    """A partner of the works-with list without its model object (for pickers and counts)."""

    pk: int
    slug: str
    name: str
    status: str  # connects | adapter


@dataclass(frozen=True)
class WorksWith:
    """`partners`: the first `limit` partners in order, each (Solution with organisation, Compatibility); `refs`:
    the first `refs` partners as PartnerRef; `total`, `connecting`, `adapter`: counts over ALL partners."""

    partners: list[tuple[Solution, Compatibility]]
    refs: list[PartnerRef]
    total: int
    connecting: int
    adapter: int


def works_with_summary(solution: Solution, *, limit: int | None = None, refs: int = 0) -> WorksWith:
    """The works-with list of `solution` (see works_with), but full objects and comparisons only for the first
    `limit` partners. Every candidate is judged on light rows with the engine's Matcher.tally (the same status and
    counts as compare, without its details), so ordering and counts are those of the full list."""
    reg = register()
    side = solution_side(solution)
    matcher = Matcher(side, reg)
    ranked = []  # plain tuples (sort key first): one allocation per partner, there may be thousands
    for pk, slug, name, provided, consumed in _candidate_rows(_relevant_standards(side, reg), "pk", "slug", "name",
                                                              exclude={solution.pk}):
        status, connecting, adapters = matcher.tally_triples(_stored_triples(provided), _stored_triples(consumed))
        if status != "none":
            ranked.append((_ORDER[status], -connecting, -adapters, name.casefold(), pk, slug, name, status))
    ranked.sort()
    chosen = ranked if limit is None else ranked[:max(0, limit)]
    objects = Solution.objects.select_related("organisation").in_bulk([row[4] for row in chosen]) if chosen else {}
    partners = [(objects[row[4]], compare(side, solution_side(objects[row[4]]), reg))
                for row in chosen if row[4] in objects]
    connecting = sum(1 for row in ranked if row[0] == 0)
    return WorksWith(partners, [PartnerRef(*row[4:]) for row in ranked[:max(0, refs)]], len(ranked), connecting,
                     len(ranked) - connecting)


def works_with(solution: Solution, *, limit: int | None = None) -> list[tuple[Solution, Compatibility]]:
    """Public solutions that connect with this one (directly, or through an adapter of the register): connecting
    ones first, then by the number of connections, then by name."""
    return works_with_summary(solution, limit=limit).partners


@dataclass(frozen=True)
class InventoryMatch:
    """One inventory entry or urban data platform compared with a solution. `status`: connects | adapter | none |
    unknown (an unlisted entry: nothing declared) | same (the solution itself is in the inventory)."""

    kind: str  # entry | platform
    name: str
    status: str
    compatibility: Compatibility | None
    entry: InventoryEntry | None = None
    platform: UrbanDataPlatform | None = None


def active_inventory(municipality: Municipality) -> list[InventoryEntry]:
    return list(InventoryEntry.objects.filter(municipality=municipality, removed_at__isnull=True,
                                              status__in=ACTIVE_INVENTORY)
                .select_related("solution").order_by("solution__name", "unlisted_name", "pk")[:MAX_INVENTORY_SHOWN])


def platforms_of(municipality: Municipality) -> list[UrbanDataPlatform]:
    return list(UrbanDataPlatform.objects.filter(municipality=municipality).order_by("name", "pk")
                [:MAX_INVENTORY_SHOWN])


def compatibility_with_municipality(solution: Solution, municipality: Municipality) -> list[InventoryMatch]:
    """The solution against each active inventory entry (planned, pilot, production) and each urban data platform
    of the municipality: connecting first, then adapter, none, unknown."""
    reg = register()
    side = solution_side(solution)
    matches = []
    for entry in active_inventory(municipality):
        if entry.solution_id is None:
            matches.append(InventoryMatch("entry", entry.display_name, "unknown", None, entry=entry))
        elif entry.solution_id == solution.pk:
            matches.append(InventoryMatch("entry", entry.display_name, "same", None, entry=entry))
        else:
            result = compare(side, solution_side(entry.solution, ref=f"entry-{entry.pk}"), reg)
            matches.append(InventoryMatch("entry", entry.display_name, result.status, result, entry=entry))
    for platform in platforms_of(municipality):
        result = compare(side, platform_side(platform), reg)
        matches.append(InventoryMatch("platform", platform.name, result.status, result, platform=platform))
    order = {"connects": 0, "adapter": 1, "none": 2, "unknown": 3, "same": 4}
    return sorted(matches, key=lambda m: (order[m.status], m.kind != "platform", m.name.casefold()))


def staff_municipalities(user, *, limit: int = 3) -> list[Municipality]:
    """The current municipalities the user is verified staff of (through the municipality's organisation), for
    "compared with our inventory" and the search filter's checkbox."""
    if not (user is not None and user.is_authenticated and user.has_perm("interop.compare_with_own_inventory")):
        return []
    from lichtermeer.accounts.models import Membership

    organisations = Membership.objects.filter(user=user, role=Membership.Role.MUNICIPAL_STAFF,
                                              verified=True).values("organisation_id")
    return list(Municipality.objects.filter(organisation__in=organisations, dissolved_on__isnull=True)
                .order_by("name")[:limit])


def inventory_side(municipality: Municipality) -> tuple[Side, set[int]]:
    """Everything the municipality's active inventory and platforms declare, as one side; and the ids of the
    listed solutions in that inventory."""
    sides, own = [], set()
    for entry in active_inventory(municipality):
        if entry.solution_id is not None:
            own.add(entry.solution_id)
            sides.append(solution_side(entry.solution))
    sides += [platform_side(p) for p in platforms_of(municipality)]
    return Side.merged(municipality.name, sides, ref=municipality.ags), own


def compatible_solution_ids(municipality: Municipality) -> set[int]:
    """Public solutions with at least one connection (compatible or not judgeable versions; adapters do not
    count) to the municipality's active inventory or urban data platforms. The solutions already in the active
    inventory are left out: the filter finds what else would work with what the municipality runs."""
    reg = register()
    inventory, own = inventory_side(municipality)
    if not inventory.provides and not inventory.consumes:
        return set()
    wanted = {d.standard for d in (*inventory.provides, *inventory.consumes)}
    matcher = Matcher(inventory, reg)
    return {pk for pk, provided, consumed in _candidate_rows(wanted, "pk", exclude=own)
            if matcher.connects_triples(_stored_triples(provided), _stored_triples(consumed))}


# --- exit score ----------------------------------------------------------------------------------------------


def _admission_state(solution: Solution) -> tuple[str, object | None]:
    from lichtermeer.assessment import selectors as assessment
    from lichtermeer.assessment.models import Admission

    admission = assessment.shown_admission(solution)
    if admission is None:
        return "none", None
    state = {Admission.Status.ACTIVE: "admitted", Admission.Status.GRACE: "transition",
             Admission.Status.SUSPENDED: "suspended", Admission.Status.EXPIRED: "expired"}.get(admission.status,
                                                                                               "none")
    return state, admission


def _export_formats(admission) -> tuple[list[str] | None, str]:
    """Open export formats from the check `declaration.export-formats` of the current admission's application."""
    if admission is None or not admission.is_current:
        return None, ""
    result = admission.application.check_results.filter(check_id=EXPORT_CHECK).order_by("-pk").first()
    if result is None:
        return None, ""
    rows = (result.details or {}).get("formats")
    if not isinstance(rows, list):
        return None, ""
    names = [str(row.get("name"))[:200] for row in rows if isinstance(row, dict) and row.get("class") == "open"]
    return names, _("check %(check)s (%(status)s) of application #%(number)s") % {
        "check": EXPORT_CHECK, "status": result.status, "number": admission.application_id}


def operators(solution: Solution) -> list[str]:
    """Organisations that offer operation or support: the provider, the contractors of publiccode.yml
    (maintenance.contractors), operators named in inventory entries, and the operators of shared services."""
    names = [solution.organisation.name]
    maintenance = (solution.publiccode or {}).get("maintenance") or {}
    for contractor in maintenance.get("contractors") or []:
        if isinstance(contractor, dict) and isinstance(contractor.get("name"), str):
            names.append(contractor["name"])
    names += list(InventoryEntry.objects.filter(solution=solution, removed_at__isnull=True)
                  .exclude(operator_name="").values_list("operator_name", flat=True).distinct()[:100])
    for grouping in Grouping.objects.filter(solution=solution, kind=Grouping.Kind.SHARED_SERVICE).select_related(
            "operator")[:100]:
        names.append(grouping.operator.name if grouping.operator_id else grouping.operator_name)
    return [n for n in names if n]


def reuse_count(solution: Solution) -> int:
    return (InventoryEntry.objects.filter(solution=solution, removed_at__isnull=True, status__in=REUSE_STATUSES)
            .values("municipality").distinct().count())


def exit_facts(solution: Solution) -> ExitFacts:
    """The verifiable facts behind the exit score, each with its source (docs/compatibility.md)."""
    reg = register()
    admission_state, admission = _admission_state(solution)
    formats, export_source = _export_formats(admission)
    provided = []
    for declaration in _declarations(solution.standards_provided):
        entry = reg.get(declaration.standard)
        if entry is not None and not entry.retired and declaration.standard not in provided:
            provided.append(declaration.standard)
    hosting = list(solution.hosting_models or [])
    sources = {
        "open-licence": _("publiccode.yml: legal.license"),
        "data-export": export_source or "",
        "standard-interfaces": _("provided standards (platform facts) that are in the standards register"),
        "self-hosting": _("hosting models (platform facts)"),
        "independent-operators": _("provider, publiccode.yml maintenance.contractors, operators in municipal "
                                   "inventories, shared services"),
        "reuse": _("municipal inventories (production, pilot)"),
        "admission": _("admission (assessment)"),
    }
    return ExitFacts(
        licence=solution.license or None,
        licence_open=bool(solution.license_open),
        export_formats=formats,
        export_evidence=export_source or None,
        standard_interfaces=provided,
        self_hosting=any(h in SELF_HOSTING_MODELS for h in hosting) if hosting else None,
        operators=operators(solution),
        reuse_count=reuse_count(solution),
        admission=admission_state,
        sources={k: str(v) for k, v in sources.items() if v},
    )


def exit_score_for(solution: Solution) -> ExitScore:
    """The explained exit score of a solution; weights from settings.EXIT_SCORE_WEIGHTS."""
    return exit_score(exit_facts(solution), settings.EXIT_SCORE_WEIGHTS)
