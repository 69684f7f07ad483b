from pathlib import Path

import yaml
from django.core.management import BaseCommand, CommandError

from lichtermeer.accounts.models import Organisation
from lichtermeer.solutions import gitsource, services


class Command(BaseCommand):
    help = "Import a solution from a publiccode.yml file or from a local git repository (committed HEAD)."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--file", help="path of a publiccode.yml file")
        source.add_argument("--git", help="path of a local git repository")
        parser.add_argument("--ref", default="HEAD", help="git reference (with --git)")
        parser.add_argument("--organisation", required=True, help="slug of the providing organisation")
        parser.add_argument("--facts", help="YAML file with platform facts")
        parser.add_argument("--status", default=None, help="listing status (new entries default to draft)")

    def handle(self, *args, **options):
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist as missing:
            raise CommandError(f"unknown organisation {options['organisation']!r}") from missing
        if options["git"]:
            try:
                found = gitsource.read_publiccode(options["git"], options["ref"])
            except gitsource.GitSourceError as error:
                raise CommandError(error.message_en) from error
            content, source = found.content, f"git:{Path(options['git']).resolve()}@{found.commit}"
        else:
            path = Path(options["file"])
            if path.stat().st_size > gitsource.MAX_BYTES:
                raise CommandError("file is larger than 1 MiB")
            content, source = path.read_bytes(), f"file:{path.resolve()}"
        facts = {}
        if options["facts"]:
            facts = yaml.safe_load(Path(options["facts"]).read_text(encoding="utf-8")) or {}
        try:
            outcome = services.import_solution(
                content=content, organisation=organisation, facts=facts, source=source,
                listing_status=options["status"],
            )
        except services.ImportRejected as rejected:
            lines = [f"{f.line}:{f.column}: {f.type}: {f.key}: {f.description}" for f in rejected.findings]
            lines += [f"facts: {e.key}: {e.message_en}" for e in rejected.fact_errors]
            raise CommandError("import rejected:\n" + "\n".join(lines)) from rejected
        verb = "created" if outcome.created else ("updated" if outcome.changed else "unchanged")
        self.stdout.write(f"{outcome.solution.slug}: {verb} (version {outcome.version.number})")
