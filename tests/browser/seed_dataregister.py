"""Register data for the browser tests (called by seed.py after the municipalities are loaded).

Built with the ORM (tests/dataregister/support.py), nothing is harvested: a source of Ulm run by Ulm's organisation
(the editor is its verified staff, so the confirm form and the harvest button show), datasets with validation
results, one that needs confirmation, a finished run with errors, and Heilbronn (comparable: same Land, similar
size) publishing a category Ulm lacks, so the coverage page has a gap.
"""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def seed(editor) -> dict:
    sys.path.insert(0, str(TESTS))
    from django.utils import timezone

    from dataregister.support import add_results, make_dataset, make_run, make_source
    from lichtermeer.dataregister.models import HarvestRun
    from lichtermeer.municipalities import services
    from lichtermeer.municipalities.models import Municipality

    ulm = Municipality.objects.get(ags="08421000")
    heilbronn = Municipality.objects.get(ags="08121000")
    organisation = services.organisation_for(ulm)
    source = make_source(organisation, ulm, slug="opendata-ulm", name="Open-Data-Portal Ulm (Test)")
    unsure = make_dataset(source, "Bebauungsplan Söflingen Nr. 12", violations=1, needs_confirmation=True,
                          confidence=0.44, total=190)
    add_results(unsure)
    for number in range(1, 24):
        make_dataset(source, f"Baumkataster Ulm, Stand {2000 + number}", category="baumkataster",
                     total=150 + number * 9, formats=("CSV", "GeoJSON") if number % 2 else ("XLSX",))
    now = timezone.now()
    make_run(source, status=HarvestRun.Status.PARTIAL, started_at=now, finished_at=now, pages=2, expected=24,
             seen=24, created=24, errors=[{"page": "https://opendata-ulm.example.org/catalog.rdf?page=2",
                                           "kind": "http", "en": "HTTP 503 from the server",
                                           "de": "HTTP 503 vom Server", "fatal": False}])
    other = make_source(services.organisation_for(heilbronn), heilbronn, slug="opendata-heilbronn",
                        name="Open-Data-Portal Heilbronn (Test)")
    make_dataset(other, "Haushaltsplan 2025", category="haushalt", total=360, formats=("XLSX",))
    return {"dataset": unsure.pk, "source": source.slug, "municipality": ulm.ags,
            "category": unsure.mdk_uri}
