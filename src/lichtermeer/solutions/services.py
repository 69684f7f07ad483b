"""Writes of the solution catalogue. Every write validates first and saves all or nothing."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from lichtermeer.accounts.models import Organisation
from lichtermeer.audit import services as audit
from lichtermeer.engines import publiccode as publiccode_engine
from lichtermeer.engines.licenses import is_open_source
from lichtermeer.engines.publiccode.policy import platform_findings

from . import search
from .facets import facet_values
from .facts import FactError, validate_facts
from .models import Solution, SolutionFacet, SolutionVersion


class ImportRejected(Exception):
    """The input has errors; `findings` and `fact_errors` say where. Nothing was saved."""

    def __init__(self, findings: list, fact_errors: list[FactError]):
        self.findings = findings
        self.fact_errors = fact_errors
        super().__init__(f"{len([f for f in findings if f.type == 'error'])} publiccode errors, "
                         f"{len(fact_errors)} platform fact errors")


@dataclass
class ImportOutcome:
    solution: Solution
    version: SolutionVersion
    created: bool
    changed: bool
    findings: list = field(default_factory=list)


def analyse(content: bytes | str) -> "publiccode_engine.ParseResult":
    """Parse and apply the platform's link policy, without saving (preview, API dry run, import).

    A public catalogue renders links and stores text, so `javascript:`, `file:` or intranet addresses and
    unstorable characters are errors here even though the publiccode.yml standard itself accepts them.
    """
    result = publiccode_engine.parse(content, network=False)
    extra = platform_findings(result)
    if extra:
        result.findings = [*result.findings, *extra]
    return result


def _unique_slug(name: str, url: str) -> str:
    base = slugify(name)[:100] or slugify(url.rsplit("/", 1)[-1])[:100] or "solution"
    slug, counter = base, 2
    while Solution.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _release_date(document: dict) -> dt.date | None:
    value = document.get("releaseDate")
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _apply_document(solution: Solution, document: dict, version: str) -> None:
    solution.publiccode = document
    solution.publiccode_version = version or str(document.get("publiccodeYmlVersion", ""))
    solution.name = str(document.get("name", ""))[:200]
    solution.url = str(document.get("url", ""))[:500]
    solution.software_version = str(document.get("softwareVersion", "") or "")[:100]
    solution.release_date = _release_date(document)
    solution.development_status = str(document.get("developmentStatus", ""))[:32]
    solution.software_type = str(document.get("softwareType", ""))[:32]
    legal = document.get("legal") or {}
    solution.license = str(legal.get("license", ""))[:300]
    solution.license_open = is_open_source(solution.license)
    solution.maintenance_type = str((document.get("maintenance") or {}).get("type", ""))[:16]


def _apply_facts(solution: Solution, facts: dict) -> None:
    solution.domains = list(facts.get("domains", solution.domains or []))
    solution.hosting_models = list(facts.get("hosting_models", solution.hosting_models or []))
    solution.standards_provided = list(facts.get("standards_provided", solution.standards_provided or []))
    solution.standards_consumed = list(facts.get("standards_consumed", solution.standards_consumed or []))
    solution.price_model = facts.get("price_model", solution.price_model or "")
    solution.price_note = dict(facts.get("price_note", solution.price_note or {}))


def platform_facts(solution: Solution) -> dict:
    return {
        "domains": solution.domains,
        "hosting_models": solution.hosting_models,
        "standards_provided": solution.standards_provided,
        "standards_consumed": solution.standards_consumed,
        "price_model": solution.price_model,
        "price_note": solution.price_note,
    }


def refresh_facets(solution: Solution) -> None:
    SolutionFacet.objects.filter(solution=solution).delete()
    SolutionFacet.objects.bulk_create(
        SolutionFacet(solution=solution, facet=facet, value=value) for facet, value in sorted(facet_values(solution))
    )
    search.index_solution(solution)


@transaction.atomic
def import_solution(
    *,
    content: bytes | str,
    organisation: Organisation,
    facts: dict | None = None,
    actor=None,
    source: str = "",
    listing_status: str | None = None,
    is_demo: bool | None = None,
) -> ImportOutcome:
    """Create or update the solution whose `url` the document names. Raises ImportRejected on any error.

    `listing_status` applies to a new solution only; existing ones change status through set_listing_status.
    """
    facts = facts or {}
    result = analyse(content)
    fact_errors = validate_facts(facts)
    if not result.valid or result.document is None or fact_errors:
        raise ImportRejected(result.findings, fact_errors)

    document = result.document
    solution = Solution.objects.select_for_update().filter(url=document["url"]).first()
    created = solution is None
    if created:
        solution = Solution(organisation=organisation, slug=_unique_slug(str(document["name"]), document["url"]))
    elif solution.organisation_id != organisation.id:
        raise ImportRejected(
            [],
            [FactError("url", "another organisation already lists this repository",
                       "eine andere Organisation führt dieses Repository bereits")],
        )
    before = (solution.publiccode, platform_facts(solution), solution.is_demo) if not created else None
    _apply_document(solution, document, result.version)
    _apply_facts(solution, facts)
    if created and listing_status:
        solution.listing_status = listing_status
    if is_demo is not None:
        solution.is_demo = is_demo
    changed = created or before != (solution.publiccode, platform_facts(solution), solution.is_demo)
    if not changed:
        return ImportOutcome(solution, solution.versions.first(), False, False, result.findings)

    solution.save()
    number = (solution.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = SolutionVersion.objects.create(
        solution=solution,
        number=number,
        publiccode_yaml=content.decode("utf-8") if isinstance(content, bytes) else content,
        publiccode=document,
        platform_facts=platform_facts(solution),
        findings=[f.to_dict() for f in result.findings],
        source=source[:300],
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    refresh_facets(solution)
    audit.record(
        action="solution.created" if created else "solution.updated",
        actor=actor,
        obj=solution,
        data={"version": number, "url": solution.url, "source": source[:300], "status": solution.listing_status},
    )
    return ImportOutcome(solution, version, created, True, result.findings)


@transaction.atomic
def set_listing_status(*, solution: Solution, status: str, actor=None, reason: str = "") -> Solution:
    if status not in Solution.ListingStatus.values:
        raise ValueError(f"unknown listing status {status!r}")
    old = solution.listing_status
    if old == status:
        return solution
    solution.listing_status = status
    solution.save(update_fields=["listing_status", "updated_at"])
    refresh_facets(solution)
    audit.record(
        action="solution.status_changed", actor=actor, obj=solution, data={"from": old, "to": status, "reason": reason}
    )
    return solution


def export_publiccode(solution: Solution) -> str:
    """The publiccode.yml of the current version, regenerated from the stored document."""
    return publiccode_engine.dump(solution.publiccode)
