from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from lichtermeer.engines.interop.register import RegisterInvalid, load_register
from lichtermeer.interop import services


class Command(BaseCommand):
    help = ("Load the standards register (YAML or JSON, format lichtermeer-standards/1) into the database: creates "
            "new standards and adapters, updates changed ones, never deletes. Entries the operator has changed are "
            "kept unless --overwrite. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.STANDARDS_SEED_FILE))
        parser.add_argument("--overwrite", action="store_true",
                            help="let the file win over the operator's changes of the same entries")

    def handle(self, *args, path, overwrite: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            register = load_register(file)
        except RegisterInvalid as invalid:
            lines = [f"{path}:{p.line}:{p.column}: {p.path + ': ' if p.path else ''}{p.en}" for p in invalid.problems]
            raise CommandError("the standards register is invalid, nothing was loaded:\n" + "\n".join(lines)) from None
        try:
            report = services.load_register(register, overwrite=overwrite)
        except services.InteropError as refused:
            raise CommandError(f"the register clashes with the stored one, nothing was loaded: {refused.en}") from None
        self.stdout.write(
            f"standards: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept)} kept (changed by the operator), "
            f"{len(report.not_in_file)} only in the database; adapters: {report.adapters_created} created, "
            f"{report.adapters_updated} updated, {report.adapters_unchanged} unchanged, "
            f"{report.adapters_kept} kept"
        )
        for standard_id in report.kept:
            self.stdout.write(f"kept      {standard_id} (use --overwrite to take the file's version)")
