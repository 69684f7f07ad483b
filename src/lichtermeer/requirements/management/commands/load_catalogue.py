from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from lichtermeer.requirements import services
from lichtermeer.requirements.errors import CatalogueRejected, GovernanceError


class Command(BaseCommand):
    help = "Load a catalogue file (YAML or JSON) as a published version; by default the seed catalogue. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.CATALOGUE_SEED_FILE))

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            version, created = services.import_catalogue(content=file.read_bytes(), path=str(file))
        except CatalogueRejected as rejected:
            lines = [f"{path}:{f.line}:{f.column}: {f.key}: {f.description}" for f in rejected.findings]
            raise CommandError("the catalogue is invalid, nothing was loaded:\n" + "\n".join(lines)) from None
        except GovernanceError as error:
            raise CommandError(error.en) from None
        count = version.requirements.count()
        state = "loaded" if created else "already loaded"
        self.stdout.write(f"catalogue {version.version}: {state} ({count} requirements)")
