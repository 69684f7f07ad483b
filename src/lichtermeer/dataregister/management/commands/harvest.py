import json
import sys

from django.core.management.base import BaseCommand, CommandError

from lichtermeer.dataregister import services
from lichtermeer.dataregister.models import HarvestRun, Source


class Command(BaseCommand):
    help = "Harvest a stored source now, with a progress bar on stderr (`lichtermeer harvest SOURCE`)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the source's slug")
        parser.add_argument("--full", action="store_true", help="ignore the incremental watermark")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        source = Source.objects.filter(slug=options["source"]).first()
        if source is None:
            raise CommandError(f"unknown source {options['source']!r} (see /daten/quellen/)")
        run = services.start_run(source=source, full=options["full"])
        shown = {"last": ""}

        def bar(state) -> None:
            total = state.total or 0
            done = min(state.records, total) if total else state.records
            width = 30
            filled = int(width * done / total) if total else 0
            line = (f"\r{source.slug}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total or '?'} "
                    f"Datensätze / datasets, {state.pages} Seiten / pages, {state.failed_pages} Fehler / errors")
            if line != shown["last"]:
                sys.stderr.write(line)
                sys.stderr.flush()
                shown["last"] = line

        run = services.harvest_source(run=run, progress=bar)
        sys.stderr.write("\n")
        summary = {"source": source.slug, "status": run.status, "seen": run.seen, "created": run.created,
                   "updated": run.updated, "unchanged": run.unchanged, "errors": run.errors}
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{run.get_status_display()}: {run.seen} gesehen / seen, {run.created} neu / new, "
                              f"{run.updated} geändert / updated, {run.unchanged} unverändert / unchanged, "
                              f"{len(run.errors)} Fehler / errors")
            for error in run.errors[:20]:
                self.stderr.write(f"  {error.get('page', '')}: {error.get('de')} / {error.get('en')}")
        if run.status == HarvestRun.Status.FAILED:
            raise CommandError("harvest failed")
