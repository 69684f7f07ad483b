"""Procurement data for the browser tests: a shortlist of three public solutions of different providers and three
evaluations of the editor (verified staff of Ulm): one evaluated (result page), one with a missing price (the
problems page), one recorded as Vergabevermerk.

`seed(editor)` can be called from seed.py like the other seed modules. The procurement tests do not need that:
`facts(server)` runs this file once against the running server's SQLite file (after seed.py) and keeps the
answer next to it, so both procurement test modules share one seed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
EDITOR_USERNAME = "browser-editor"


def seed(editor) -> dict:
    from decimal import Decimal

    from lichtermeer.assessment.models import Admission
    from lichtermeer.procurement import services
    from lichtermeer.requirements import selectors as catalogue
    from lichtermeer.solutions.models import Solution

    chosen, providers = [], set()
    admitted = (Solution.objects.filter(admissions__status__in=Admission.CURRENT).select_related("organisation")
                .order_by("name").first())  # seed_assessment's admitted solution, with its public report
    if admitted is not None:
        chosen.append(admitted)
        providers.add(admitted.organisation_id)
    for solution in (Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)
                     .exclude(organisation__slug="browsertest-anbieter").select_related("organisation")
                     .order_by("name")):
        if solution.organisation_id not in providers:
            chosen.append(solution)
            providers.add(solution.organisation_id)
        if len(chosen) == 3:
            break
    shortlist = services.create_shortlist(actor=editor, name="Axe-Merkliste", note="Für die Barrierefreiheitstests")
    for solution in chosen:
        services.add_item(actor=editor, shortlist=shortlist, solution=solution)
    version = catalogue.latest_version()
    revisions = {r.code: r for r in version.requirements.all()}

    def evaluation(title: str, *, prices: tuple):
        created = services.create_evaluation(actor=editor, shortlist=shortlist, title=title, reference="AXE-1",
                                             subject="Offene Datenplattform", method="extended")
        services.update_settings(actor=editor, evaluation=created, band=Decimal("0.05"), decision="performance",
                                 evb_it="cloud")
        services.add_catalogue_criteria(actor=editor, evaluation=created,
                                        requirements=[revisions["LM-BF-01"], revisions["LM-OS-02"]])
        group = services.add_criterion(actor=editor, evaluation=created, kind="group", title="Betrieb",
                                       weight=Decimal(40))
        services.add_criterion(actor=editor, evaluation=created, kind="B", title="Schulungskonzept",
                               weight=Decimal(40), parent=group)
        criteria = {c.requirement_id or c.code: c for c in created.criteria.all()}
        services.update_criteria(actor=editor, evaluation=created,
                                 changes={criteria["LM-OS-02"].pk: {"weight": Decimal(60)}})
        offers = list(created.offers.order_by("position"))
        scores = {}
        for index, offer in enumerate(offers):
            scores[(offer.pk, criteria["LM-BF-01"].pk)] = index != 2
            scores[(offer.pk, criteria["LM-OS-02"].pk)] = 8 - index
            scores[(offer.pk, criteria["B2"].pk)] = 6 + index
        services.save_offers(actor=editor, evaluation=created,
                             prices={o.pk: p for o, p in zip(offers, prices, strict=True)}, scores=scores)
        return created

    evaluated = evaluation("Axe-Wertung", prices=(Decimal(100000), Decimal(95000), Decimal(90000)))
    services.evaluate(actor=editor, evaluation=evaluated)
    incomplete = evaluation("Axe-Mängel", prices=(Decimal(100000), None, Decimal(90000)))
    recorded = evaluation("Axe-Vermerk", prices=(Decimal(100000), Decimal(95000), Decimal(90000)))
    services.record(actor=editor, evaluation=recorded)
    return {
        "solutions": [s.slug for s in chosen],
        "providers": [s.organisation.name for s in chosen],
        "shortlist": shortlist.pk,
        "evaluated": evaluated.pk,
        "incomplete": incomplete.pk,
        "recorded": recorded.pk,
    }


def facts(server) -> dict:
    """Seed once per server (the answer is kept next to its database) and return what the tests need."""
    workdir = Path(server["log"]).parent
    kept = workdir / "procurement.json"
    if kept.exists():
        return json.loads(kept.read_text())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lichtermeer.settings",
        "SQLITE_PATH": str(workdir / "db.sqlite3"),
        "VAR_DIR": str(workdir),
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, str(Path(__file__))], env=env, check=True, cwd=REPO, capture_output=True,
                          text=True)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    kept.write_text(json.dumps(answer))
    return answer


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lichtermeer.settings")
    django.setup()
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username=EDITOR_USERNAME)
    json.dump(seed(editor), sys.stdout)


if __name__ == "__main__":
    main()
