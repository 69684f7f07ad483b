"""Fill a fresh database for the browser tests; prints one JSON object with what the tests need.

Run as a script with SQLITE_PATH set: `python tests/browser/seed.py`.
"""

import io
import json
import os
import sys
from pathlib import Path

import django

REPO = Path(__file__).resolve().parents[2]
EDITOR_EMAIL = "editor@browser.invalid"
EDITOR_PASSWORD = "browser-test-password-1"
FILLER_COUNT = 25

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: {name}
url: "https://git.example.org/browsertest/{slug}"
softwareVersion: "1.{number}.0"
releaseDate: "2025-03-01"
platforms:
  - web
categories:
  - {category}
developmentStatus: stable
softwareType: "standalone/web"
description:
  de:
    shortDescription: "{name}: eine fiktive Lösung für die Browser-Tests."
    longDescription: >
      Diese fiktive Lösung gibt es nur in den automatischen Tests. Sie zeigt, wie eine
      Beschreibung mit mehreren Sätzen auf der Lösungsseite aussieht, und ist lang genug,
      damit die Prüfung der Mindestlänge einer ausführlichen Beschreibung bestanden wird.
    features:
      - Suche nach Daten
      - Offene Schnittstellen
  en:
    shortDescription: "{name}: a fictional solution for the browser tests."
    longDescription: >
      This fictional solution exists only in the automated tests. It shows how a
      description with several sentences looks on the solution page, and it is long enough
      to pass the minimum length check of a long description in the parser.
    features:
      - Search for data
      - Open interfaces
legal:
  license: EUPL-1.2
maintenance:
  type: contract
  contractors:
    - name: Beispiel Betrieb GmbH
      until: "2030-12-31"
  contacts:
    - name: Erika Mustermann
      email: erika@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - de
    - en
"""


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lichtermeer.settings")
    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from lichtermeer.accounts.models import Membership, Organisation
    from lichtermeer.solutions import services

    call_command(
        "load_demo", "--directory", str(REPO / "data" / "demo"), "--no-accounts", stdout=io.StringIO()
    )

    provider, _ = Organisation.objects.get_or_create(
        slug="browsertest-anbieter",
        defaults={
            "name": "Browsertest Anbieter GmbH",
            "kind": Organisation.Kind.COMPANY,
            "website": "https://anbieter.example.org",
            "email": "kontakt@anbieter.example.org",
            "street": "Musterweg 1",
            "postcode": "12345",
            "city": "Musterstadt",
            "description": "Ein fiktiver Anbieter, den es nur in den Browser-Tests gibt.",
            "is_demo": True,
        },
    )
    domains = ["mobility", "energy", "open-data", "environment", "participation"]
    slugs = []
    for number in range(FILLER_COUNT):
        name = f"Testlösung {number:02d}"
        outcome = services.import_solution(
            content=PUBLICCODE.format(
                name=name,
                slug=f"test-{number:02d}",
                number=number,
                category="data-collection" if number % 2 else "it-development",
            ),
            organisation=provider,
            facts={
                "domains": [domains[number % len(domains)]],
                "hosting_models": ["saas"] if number % 2 else ["on-premises"],
                "standards_provided": [{"standard": "ngsi-ld", "role": "server", "version": "1.6"}],
                "price_model": "subscription",
            },
            source="browser-test",
            listing_status="admitted" if number % 3 else "submitted",
            is_demo=True,
        )
        slugs.append(outcome.solution.slug)

    user_model = get_user_model()
    editor, created = user_model.objects.get_or_create(
        username="browser-editor", defaults={"email": EDITOR_EMAIL}
    )
    if created:
        editor.set_password(EDITOR_PASSWORD)
        editor.save()
    EmailAddress.objects.update_or_create(
        user=editor, email=EDITOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    Membership.objects.get_or_create(
        user=editor, organisation=provider, role=Membership.Role.PROVIDER_EDITOR, defaults={"verified": True}
    )
    proposals = _governance(editor)
    municipality = _municipalities(editor, slugs[1])
    import seed_assessment  # next to this script

    assessment = seed_assessment.seed(editor, slugs, PUBLICCODE)
    import seed_dataregister  # next to this script

    dataregister = seed_dataregister.seed(editor)
    import seed_interop  # next to this script

    interop = seed_interop.seed(editor)
    json.dump(
        {
            "proposals": proposals,
            "assessment": assessment,
            "dataregister": dataregister,
            "interop": interop,
            "municipality": municipality,
            "solution": slugs[1],
            "organisation": provider.slug,
            "email": EDITOR_EMAIL,
            "password": EDITOR_PASSWORD,
        },
        sys.stdout,
    )


def _municipalities(staff, solution_slug: str) -> str:
    """All municipalities and the model projects; the editor is also verified staff of Ulm, which records a
    solution in use, an urban data platform, a published experience report and a public contact."""
    from django.core.management import call_command

    from lichtermeer.accounts.demo import ensure_operator
    from lichtermeer.accounts.models import Membership
    from lichtermeer.municipalities import services
    from lichtermeer.municipalities.models import Municipality
    from lichtermeer.solutions.models import Solution

    call_command("load_municipalities", stdout=io.StringIO())
    call_command("load_model_projects", stdout=io.StringIO())
    town = Municipality.objects.get(ags="08421000")
    Membership.objects.get_or_create(user=staff, organisation=services.organisation_for(town),
                                     role=Membership.Role.MUNICIPAL_STAFF, defaults={"verified": True})
    solution = Solution.objects.get(slug=solution_slug)
    services.add_inventory_entry(actor=staff, municipality=town, solution=solution, status="production",
                                 operating_model="provider-saas", notes="Seit 2024 im Einsatz.")
    services.add_inventory_entry(actor=staff, municipality=town, unlisted_name="Parkraum-App (Eigenbau)",
                                 status="pilot", operating_model="own-operation")
    services.save_platform(actor=staff, municipality=town, name="Datenplattform Ulm (Test)", hosting="own-operation",
                           co_use="open", standards=["ngsi-ld", "ogc-sensorthings"], components=["Orion-LD"])
    services.set_contact(actor=staff, municipality=town, function="Digitalisierung", show_publicly=True,
                         accepts_reuse_requests=True)
    report = services.submit_report(actor=staff, municipality=town, solution=solution, rating=4,
                                    title="Stabil im Betrieb", body="Gute Erfahrungen seit der Einführung.")
    services.moderate_report(actor=ensure_operator("operator@browser.invalid", None), report=report, publish=True)
    return town.ags


def _governance(chair) -> dict:
    """The seed catalogue, the editor as chair of the committee, one proposal open for comments and one in the
    vote."""
    import datetime as dt

    from django.core.management import call_command
    from django.test import override_settings

    from lichtermeer.accounts.demo import ensure_operator
    from lichtermeer.requirements import services
    from lichtermeer.requirements.models import CommitteeSeat

    call_command("load_catalogue", stdout=io.StringIO())
    operator = ensure_operator("operator@browser.invalid", None)
    if not CommitteeSeat.objects.filter(user=chair).exists():
        services.appoint_member(actor=operator, user=chair, role=CommitteeSeat.Role.CHAIR,
                                affiliation="Browsertest Anbieter GmbH", declared_interests="Anbieter von Lösungen.",
                                term_start=dt.date(2026, 1, 1), term_end=dt.date(2030, 12, 31))
    version = services.selectors.latest_version()
    current = {r["id"]: r for r in version.document["requirements"]}
    changed = {**current["LM-OS-02"], "obligation": "MUSS"}
    commenting = services.submit_proposal(
        actor=chair, kind="change", requirement_code="LM-OS-02", title="Offene Standards als MUSS-Anforderung",
        reasoning="Ohne Schnittstellenbeschreibung ist keine Nachnutzung möglich.", proposed=changed, tightens=True,
    )
    services.add_comment(actor=operator, proposal=commenting, body="Gilt das auch für Bibliotheken?")
    with override_settings(COMMITTEE_COMMENT_DAYS=0):  # so that the vote can open at once
        voting = services.submit_proposal(
            actor=chair, kind="retire", requirement_code="LM-TK-05", title="Algorithmenregister streichen",
            reasoning="Wird durch die KI-Verordnung abgedeckt.",
        )
    services.open_voting(actor=chair, proposal=voting)
    return {"commenting": commenting.number, "voting": voting.number}


if __name__ == "__main__":
    main()
