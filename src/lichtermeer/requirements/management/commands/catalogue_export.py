from django.core.management import BaseCommand, CommandError

from lichtermeer.engines import catalogue as engine
from lichtermeer.requirements import selectors


class Command(BaseCommand):
    help = "Print a published catalogue version as YAML or JSON (the newest one without --version)."

    def add_base_argument(self, parser, *args, **kwargs):
        # `--version` names the catalogue version here, not Django's version.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", dest="catalogue_version", default="")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
        parser.add_argument("--output", "-o", default="", help="write to this file instead of standard output")

    def handle(self, *args, catalogue_version, format, output, **options):
        version = selectors.get_version(catalogue_version) if catalogue_version else selectors.latest_version()
        if version is None:
            known = ", ".join(v.version for v in selectors.versions()) or "none"
            raise CommandError(f"no catalogue version {catalogue_version or '(any)'}; published: {known}")
        text = engine.dump_json(version.document) if format == "json" else engine.dump_yaml(version.document)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
