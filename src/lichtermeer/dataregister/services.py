"""Harvesting into the register, and people's corrections (writes; keyword-only).

One harvested record = one transaction: a run interrupted at any point keeps everything stored before it,
and a re-run updates rows in place (keyed by source and identifier), so nothing is lost or duplicated.
Records whose content did not change are not re-validated, re-scored or re-classified.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from lichtermeer.audit import services as audit
from lichtermeer.engines import dcat, harvest, mqa
from lichtermeer.refusals import Refusal

from . import classification
from .models import ConfirmedLabel, Dataset, HarvestRun, Source, ValidationResult

log = logging.getLogger(__name__)
SH_VIOLATION = "http://www.w3.org/ns/shacl#Violation"
MDK_PREFIX = "https://musterdatenkatalog.de/def/musterdatensatz/"
ERRORS_KEPT = 200


class RegisterError(Refusal):
    pass


@transaction.atomic
def create_source(*, actor, name: str, kind: str, url: str, organisation, municipality=None,
                  schedule_hours: int = 24) -> Source:
    if not actor.has_perm("dataregister.add_source"):
        raise RegisterError("forbidden", "You may not add harvest sources.", "Sie dürfen keine Quellen anlegen.",
                            status=403)
    if kind not in Source.Kind.values:
        raise RegisterError("invalid-kind", "Unknown kind of source.", "Unbekannte Art von Quelle.", status=400)
    from lichtermeer.accounts.models import Membership
    from lichtermeer.accounts.rules import is_operator

    if not is_operator(actor) and not Membership.objects.filter(user=actor, organisation=organisation,
                                                                verified=True).exists():
        raise RegisterError("foreign-organisation", "You can only add sources of your own organisation.",
                            "Sie können nur Quellen Ihrer eigenen Organisation anlegen.", status=403)
    if municipality is None:
        municipality = getattr(organisation, "municipality", None)
    base = slugify(name)[:70] or "quelle"
    slug, n = base, 1
    while Source.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    source = Source.objects.create(slug=slug, name=name.strip()[:200], kind=kind, url=url, organisation=organisation,
                                   municipality=municipality, schedule_hours=max(1, schedule_hours))
    audit.record(action="dataregister.source_created", actor=actor, obj=source,
                 data={"url": url, "kind": kind, "organisation": organisation.slug,
                       "ags": municipality.ags if municipality else None})
    return source


STALE_AFTER = dt.timedelta(hours=6)


def release_stale_runs(*, source: Source, now=None) -> int:
    """A run queued or running for more than STALE_AFTER lost its worker: mark it failed so the source can run
    again (records it stored stay; a new run continues idempotently)."""
    now = now or timezone.now()
    cutoff = now - STALE_AFTER
    stale = source.runs.filter(models.Q(status=HarvestRun.Status.RUNNING, started_at__lt=cutoff)
                               | models.Q(status=HarvestRun.Status.QUEUED, queued_at__lt=cutoff))
    return stale.update(status=HarvestRun.Status.FAILED, finished_at=now)


def start_run(*, source: Source, actor=None, full: bool = False) -> HarvestRun:
    since = None if full else source.modified_watermark
    run = HarvestRun.objects.create(source=source, incremental_since=since, triggered_by=actor
                                    if actor is not None and actor.is_authenticated else None)
    return run


def harvest_source(*, run: HarvestRun, fetch_settings: harvest.ClientSettings | None = None,
                   progress=None, fetch=None) -> HarvestRun:
    """Consume the engine's records one by one and store each in its own transaction. `progress` also gets
    every engine Progress (the CLI draws its bar with it)."""
    source = run.source
    now = timezone.now()
    HarvestRun.objects.filter(pk=run.pk).update(status=HarvestRun.Status.RUNNING, started_at=now)
    Source.objects.filter(pk=source.pk).update(last_started_at=now)
    run.refresh_from_db()
    config = harvest.SourceConfig(source.url, kind=source.kind, name=source.name,
                                  **({"client": fetch_settings} if fetch_settings else {}))
    newest: dt.datetime | None = source.modified_watermark
    fatal = False

    def record_progress(state: harvest.Progress) -> None:
        HarvestRun.objects.filter(pk=run.pk).update(pages=state.pages, expected=state.total)
        if progress is not None:
            progress(state)

    try:
        for item in harvest.harvest(config, since=run.incremental_since, progress=record_progress,
                                    **({"fetch": fetch} if fetch is not None else {})):
            if isinstance(item, harvest.SourceError):
                _log_error(run, item)
                fatal = fatal or item.fatal
                continue
            outcome = store_record(source=source, run=run, record=item)
            run.seen += 1
            setattr(run, outcome, getattr(run, outcome) + 1)
            HarvestRun.objects.filter(pk=run.pk).update(seen=run.seen, created=run.created, updated=run.updated,
                                                        unchanged=run.unchanged)
            if item.modified is not None and (newest is None or item.modified > newest):
                newest = item.modified
    except Exception as exc:  # noqa: BLE001 - the run is recorded as failed; stored records stay
        log.exception("harvest of %s failed", source.slug)
        run.errors.append({"page": "", "en": f"Harvest stopped: {type(exc).__name__}",
                           "de": f"Harvesting abgebrochen: {type(exc).__name__}"})
        fatal = True
    finished = timezone.now()
    run.status = (HarvestRun.Status.FAILED if fatal and run.seen == 0 else HarvestRun.Status.PARTIAL
                  if fatal or run.errors else HarvestRun.Status.DONE)
    run.finished_at = finished
    run.save(update_fields=["status", "finished_at", "errors", "seen", "created", "updated", "unchanged"])
    if run.status != HarvestRun.Status.FAILED:
        fields = {"last_success_at": finished}
        if not fatal and newest is not None:
            fields["modified_watermark"] = newest  # only after a complete run: a partial one may have skipped pages
        Source.objects.filter(pk=source.pk).update(**fields)
    audit.record(action="dataregister.harvested", obj=run, data={
        "source": source.slug, "status": run.status, "seen": run.seen, "created": run.created,
        "updated": run.updated, "unchanged": run.unchanged, "errors": len(run.errors)})
    return run


def _log_error(run: HarvestRun, error: harvest.SourceError) -> None:
    if len(run.errors) < ERRORS_KEPT:
        run.errors.append({"page": error.page_url or "", "kind": getattr(error, "kind", ""),
                           "en": error.reason.en, "de": error.reason.de, "fatal": error.fatal})
    HarvestRun.objects.filter(pk=run.pk).update(errors=run.errors)


@transaction.atomic
def store_record(*, source: Source, run: HarvestRun, record: harvest.Record) -> str:
    """Upsert one dataset; returns "created", "updated" or "unchanged"."""
    digest = record.content_hash
    existing = Dataset.objects.select_for_update().filter(source=source, identifier=record.identifier[:500]).first()
    now = timezone.now()
    if existing is not None and existing.content_hash == digest:
        Dataset.objects.filter(pk=existing.pk).update(harvested_at=now, last_run=run)
        return "unchanged"
    dataset = existing or Dataset(source=source, identifier=record.identifier[:500], first_seen_at=now)
    distributions = [d.to_dict() for d in record.distributions]
    dataset.municipality = source.municipality
    dataset.iri = record.iri[:1000]
    dataset.title = (record.title or record.identifier)[:1000]
    dataset.description = record.description or ""
    dataset.keywords = list(record.keywords)
    dataset.publisher = (record.publisher.name if record.publisher else "")[:500]
    dataset.license = (record.license or "")[:500]
    dataset.distributions = distributions
    dataset.formats = sorted({(d["format"] or d["media_type"] or "").rsplit("/", 1)[-1].upper()
                              for d in distributions if d["format"] or d["media_type"]})
    dataset.issued = record.issued.isoformat() if record.issued else ""
    dataset.modified = record.modified.isoformat() if record.modified else ""
    dataset.rdf = record.ntriples.decode("utf-8", "replace")
    dataset.content_hash = digest
    dataset.harvested_at, dataset.last_run = now, run
    report = dcat.validate_bytes(f"{dataset.identifier}.nt", record.ntriples)
    rows = _validation_rows(dataset, report)
    _score(dataset, record, report)
    _classify(dataset, record)
    dataset.save()
    if existing is not None:
        ValidationResult.objects.filter(dataset=dataset).delete()
    ValidationResult.objects.bulk_create(rows)
    return "updated" if existing is not None else "created"


def _validation_rows(dataset: Dataset, report: dcat.FileReport) -> list[ValidationResult]:
    """The report's results as rows (saved by the caller once the dataset has its id); sets the counts."""
    rows = []
    for owner, results in report.by_resource().items():
        for result in results:
            item = result.to_dict("de")
            rows.append(ValidationResult(dataset=dataset, resource=str(getattr(owner, "node", owner) or "")[:1000],
                                         focus=item["focus"][:1000], path=(item["path"] or "")[:500],
                                         component=item["component"][:200], severity=item["severity"][:100],
                                         message=item["message"] or ""))
    dataset.violations = sum(1 for r in report.results if r.severity == SH_VIOLATION)
    dataset.shacl_warnings = len(report.results) - dataset.violations
    return rows


def _score(dataset: Dataset, record: harvest.Record, report: dcat.FileReport) -> None:
    try:
        # The validation just done is the MQA's compliance indicator: reuse its graph and results.
        result = mqa.score(mqa.from_report(report), record.iri)
    except Exception as exc:  # noqa: BLE001 - an unscorable record keeps score 0 with the reason
        dataset.quality_total, dataset.quality_band = 0, ""
        dataset.quality = {"error": str(exc)[:500]}
        return
    dataset.quality_total = round(result.total)
    dataset.quality_band = result.band
    dataset.quality = result.to_dict()


def _classify(dataset: Dataset, record: harvest.Record) -> None:
    if dataset.mdk_source == Dataset.Category.CONFIRMED:
        return  # a person decided; a changed description does not overrule that
    reference = next((uri for uri in record.references if uri.startswith(MDK_PREFIX)), None)
    prediction = classification.classifier().classify(
        dataset.title, description=dataset.description, keywords=tuple(dataset.keywords), reference_uri=reference)
    dataset.mdk_uri = prediction.uri or ""
    dataset.mdk_thema = prediction.thema or ""
    dataset.mdk_bezeichnung = prediction.bezeichnung or ""
    dataset.mdk_confidence = float(prediction.confidence)
    dataset.mdk_needs_confirmation = bool(prediction.needs_confirmation)
    dataset.mdk_explanation = prediction.explanation or {}
    kept = reference is not None and prediction.uri == reference
    dataset.mdk_source = Dataset.Category.REFERENCE if kept else Dataset.Category.CLASSIFIER


@transaction.atomic
def confirm_category(*, actor, dataset: Dataset, uri: str) -> Dataset:
    if not actor.has_perm("dataregister.confirm_category", dataset):
        raise RegisterError("forbidden", "You may not confirm categories of this source.",
                            "Sie dürfen Kategorien dieser Quelle nicht bestätigen.", status=403)
    from lichtermeer.engines.mdk import load_taxonomy

    concept = load_taxonomy().concept(uri)
    if concept is None:
        raise RegisterError("unknown-category", "Not a Musterdatenkatalog category.",
                            "Keine Kategorie des Musterdatenkatalogs.", status=400)
    before = {"uri": dataset.mdk_uri, "source": dataset.mdk_source}
    ConfirmedLabel.objects.create(dataset=dataset, title=dataset.title, description=dataset.description, uri=uri,
                                  confirmed_by=actor)
    dataset.mdk_uri, dataset.mdk_source, dataset.mdk_confidence = uri, Dataset.Category.CONFIRMED, 1.0
    dataset.mdk_thema = concept.thema
    dataset.mdk_bezeichnung = concept.bezeichnung
    dataset.mdk_needs_confirmation = False
    dataset.save()
    audit.record(action="dataregister.category_confirmed", actor=actor, obj=dataset, before=before,
                 after={"uri": uri, "source": "confirmed"})
    return dataset
