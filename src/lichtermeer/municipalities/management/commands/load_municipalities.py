import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from lichtermeer.municipalities import reference

DEFAULT_FILE = "GV100AD_30112025.txt"


class Command(BaseCommand):
    help = ("Load an official Destatis Gemeindeverzeichnis (GV100AD, fixed-width) into the reference tables: updates "
            "in place, marks municipalities missing from the file as dissolved and reports them. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.MUNICIPAL_DATA_DIR / DEFAULT_FILE))
        parser.add_argument("--coordinates-dir", default=str(settings.MUNICIPAL_DATA_DIR),
                            help="folder with gemeinden-koordinaten.csv (GV100AD has no coordinates)")
        parser.add_argument("--json", action="store_true", help="print the full report as JSON")

    def handle(self, *args, path, coordinates_dir, json: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = reference.load_files(directory_path=file, coordinates_dir=Path(coordinates_dir))
        except reference.DirectoryRejected as rejected:
            lines = [f"{path}:{f.line}:{f.column}: {f.description}" for f in rejected.findings]
            raise CommandError("the Gemeindeverzeichnis is invalid, nothing was loaded:\n" + "\n".join(lines)) from None
        if json:
            self.stdout.write(_dumps(report.to_dict()))
            return
        self.stdout.write(
            f"GV100AD {report.gebietsstand}: {report.municipalities} municipalities ({len(report.added)} new, "
            f"{report.updated} updated, {report.unchanged} unchanged), {report.kreise} Kreise, {report.laender} Länder"
        )
        for item in report.renamed:
            self.stdout.write(f"renamed   {item['ags']}: {item['from']} → {item['to']}")
        for item in report.dissolved:
            successors = ", ".join(item["likely_successors"]) or "unknown"
            self.stdout.write(f"dissolved {item['ags']} {item['name']} (likely merged into: {successors})")
        for ags in report.kreise_dissolved:
            self.stdout.write(f"dissolved Kreis {ags}")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
