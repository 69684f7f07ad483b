from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from lichtermeer.municipalities.seeds import load_model_projects


class Command(BaseCommand):
    help = "Load the Modellprojekte Smart Cities (data/municipal/modellprojekte-smart-cities.yaml). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?",
                            default=str(settings.MUNICIPAL_DATA_DIR / "modellprojekte-smart-cities.yaml"))

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        counts = load_model_projects(file)
        self.stdout.write(f"Modellprojekte Smart Cities: {counts['projects']} projects ({counts['certain']} verified), "
                          f"{counts['members']} member municipalities")
        if counts["unresolved_keys"]:
            raise CommandError(f"unknown AGS in {path}: {', '.join(counts['unresolved_keys'])} "
                               "(load the municipalities first)")
