"""Loading the demo catalogue from data/demo/ (idempotent: unchanged entries create no new version)."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from lichtermeer.accounts.models import Organisation

from . import services

ORGANISATION_FIELDS = ("name", "kind", "website", "email", "phone", "description")
ADDRESS_FIELDS = ("street", "postcode", "city", "country")


@dataclass
class DemoReport:
    organisations_created: int = 0
    organisations_updated: int = 0
    solutions_created: int = 0
    solutions_updated: int = 0
    solutions_unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _read_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _upsert_organisation(entry: dict, report: DemoReport) -> None:
    values = {key: entry[key] for key in ORGANISATION_FIELDS if entry.get(key) is not None}
    address = entry.get("address") or {}
    values.update({key: str(address[key]) for key in ADDRESS_FIELDS if address.get(key)})
    values["is_demo"] = bool(entry.get("demo", False))
    organisation, created = Organisation.objects.get_or_create(slug=entry["slug"], defaults=values)
    if created:
        report.organisations_created += 1
        return
    changed = {key: value for key, value in values.items() if getattr(organisation, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(organisation, key, value)
        organisation.save()
        report.organisations_updated += 1


@transaction.atomic
def load_demo(directory: Path) -> DemoReport:
    report = DemoReport()
    for entry in _read_yaml(directory / "organisations.yml") or []:
        _upsert_organisation(entry, report)
    organisations = {org.slug: org for org in Organisation.objects.all()}

    for folder in sorted(p for p in (directory / "solutions").iterdir() if p.is_dir()):
        facts = _read_yaml(folder / "platform.yml") or {}
        organisation = organisations.get(facts.pop("organisation", ""))
        if organisation is None:
            report.errors.append(f"{folder.name}: unknown organisation")
            continue
        status = facts.pop("listing_status", "submitted")
        is_demo = bool(facts.pop("demo", False))
        try:
            outcome = services.import_solution(
                content=(folder / "publiccode.yml").read_bytes(),
                organisation=organisation,
                facts=facts,
                source=f"demo:{folder.name}",
                listing_status=status,
                is_demo=is_demo,
            )
        except services.ImportRejected as rejected:
            problems = [f"{f.key}: {f.description}" for f in rejected.findings if f.type == "error"]
            problems += [f"{e.key}: {e.message_en}" for e in rejected.fact_errors]
            report.errors.append(f"{folder.name}: {'; '.join(problems)}")
            continue
        status_changed = outcome.solution.listing_status != status
        if status_changed:
            services.set_listing_status(solution=outcome.solution, status=status, reason="demo data")
        if outcome.created:
            report.solutions_created += 1
        elif outcome.changed or status_changed:
            report.solutions_updated += 1
        else:
            report.solutions_unchanged += 1
    return report
