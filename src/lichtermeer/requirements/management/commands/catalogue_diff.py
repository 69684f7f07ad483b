import json

from django.core.management import BaseCommand, CommandError
from django.utils import translation

from lichtermeer.engines import catalogue as engine
from lichtermeer.requirements import selectors


class Command(BaseCommand):
    help = "Compare two published catalogue versions (human-readable, or JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("old")
        parser.add_argument("new")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--lang", choices=["de", "en"], default="")

    def handle(self, *args, old, new, json: bool, lang: str, **options):
        versions = []
        for number in (old, new):
            version = selectors.get_version(number)
            if version is None:
                known = ", ".join(v.version for v in selectors.versions()) or "none"
                raise CommandError(f"no catalogue version {number}; published: {known}")
            versions.append(version)
        difference = selectors.diff(*versions)
        if json:
            self.stdout.write(_json(difference.to_dict()))
        else:
            language = lang or (translation.get_language() or "de")[:2]
            self.stdout.write(engine.render_diff_text(difference, language=language))


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
