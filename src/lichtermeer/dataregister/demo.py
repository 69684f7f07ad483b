"""Demo sources for `make run`: two real catalogues recorded in 2021 (data/demo/dcat/), harvested through the
real pipeline (validation, quality score, classification) with a fetch function that replays the recordings
instead of going to the network. Pages that were not recorded answer 404 and show up in the error log.
DEMO ONLY. Idempotent (a second run finds everything unchanged).
"""

from pathlib import Path

from django.conf import settings

from lichtermeer.accounts.models import Organisation
from lichtermeer.engines import netguard
from lichtermeer.engines.harvest import ClientSettings
from lichtermeer.municipalities.models import Municipality

from . import services
from .models import Source

RECORDINGS = Path(settings.DEMO_DATA_DIR) / "dcat"
SOURCES = [
    # slug, name, kind, URL, AGS, recorded file, media type
    ("opendata-hro", "OpenData.HRO Rostock (Aufzeichnung 2021)", "dcat", "https://www.opendata-hro.de/catalog.rdf?page=1",
     "13003000", "rostock-catalog-original-input.rdf", "application/rdf+xml"),
    ("potsdam-brandenburg", "Landeshauptstadt Potsdam im Brandenburg-Katalog (Aufzeichnung 2021)", "dcat",
     "https://brandenburg-katalog.demo.invalid/catalog.ttl", "12054000", "brandenburg-catalog-original-input.ttl",
     "text/turtle"),
]


def _replay(recorded: dict[str, tuple[str, str]]):
    def fetch(url: str, **_options) -> netguard.FetchResult:
        if url not in recorded:
            return netguard.FetchResult(404, url, {"content-type": "text/plain"}, b"not recorded")
        name, media_type = recorded[url]
        return netguard.FetchResult(200, url, {"content-type": media_type}, (RECORDINGS / name).read_bytes())

    return fetch


def load_demo_register() -> dict[str, int]:
    counts = {"sources": 0, "datasets": 0}
    for slug, name, kind, url, ags, recording, media_type in SOURCES:
        municipality = Municipality.objects.filter(ags=ags).select_related("organisation").first()
        if municipality is None or not (RECORDINGS / recording).is_file():
            continue
        organisation = municipality.organisation or Organisation.objects.filter(slug=f"demo-{slug}").first()
        if organisation is None:
            organisation = Organisation.objects.create(slug=f"demo-{slug}", name=municipality.name,
                                                       kind=Organisation.Kind.MUNICIPALITY, is_demo=True)
        source, _created = Source.objects.get_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "url": url, "organisation": organisation, "municipality": municipality,
            "schedule_hours": 24 * 365, "enabled": False})  # never harvested for real: the address is recorded
        run = services.start_run(source=source, full=True)
        services.harvest_source(run=run, fetch_settings=ClientSettings(min_interval=0, retries=0),
                                fetch=_replay({url: (recording, media_type)}))
        counts["sources"] += 1
        counts["datasets"] += source.datasets.count()
    return counts
