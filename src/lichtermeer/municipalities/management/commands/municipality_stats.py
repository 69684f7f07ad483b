import json

from django.core.management import BaseCommand

from lichtermeer.municipalities import reference


class Command(BaseCommand):
    help = "Counts of the loaded reference data: gemeinden (all Satzart-60 records), kreise, laender, population."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, json: bool, **options):
        figures = reference.stats()
        if json:
            self.stdout.write(_dumps(figures))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key:24} {value}")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
