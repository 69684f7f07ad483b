import json

from django.core.management.base import BaseCommand, CommandError

from lichtermeer.assessment import advisories


class Command(BaseCommand):
    help = "Import OSV advisories (JSON/YAML files, directories or zip archives) into the offline database."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        results = []
        for path in options["paths"]:
            try:
                entry = advisories.import_path(path=path)
            except OSError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            results.append({"source": entry.source, "records": entry.records, "added": entry.added,
                            "updated": entry.updated, "problems": entry.problems, "snapshot": entry.snapshot})
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for item in results:
            self.stdout.write(f"{item['source']}: {item['records']} Einträge / records, {item['added']} neu / added, "
                              f"{item['updated']} aktualisiert / updated, {len(item['problems'])} Probleme / problems; "
                              f"Stand / as of {item['snapshot']}")
            for problem in item["problems"][:20]:
                self.stderr.write(f"  {problem['source']}: {problem['de']} / {problem['en']}")
