import pytest

from factories import MembershipFactory, OrganisationFactory, SolutionFactory, UserFactory
from lichtermeer.solutions.models import Solution

VALID_PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Parkraum-Radar
url: "https://git.example.org/musterstadt/parkraum-radar"
softwareVersion: "2.1.0"
releaseDate: "2025-03-01"
platforms:
  - web
categories:
  - data-collection
developmentStatus: stable
softwareType: "standalone/web"
description:
  de:
    shortDescription: "Freie Parkplätze in Echtzeit für die ganze Stadt anzeigen."
    longDescription: >
      Parkraum-Radar sammelt Belegungsdaten von Parkhäusern und Sensoren am Straßenrand
      und zeigt sie auf einer Karte an. Kommunen binden ihre Datenquellen über offene
      Schnittstellen an und veröffentlichen die Daten zugleich als offene Daten.
    features:
      - Echtzeit-Belegung
  en:
    shortDescription: "Show free parking spaces across the city in real time."
    longDescription: >
      Parkraum-Radar collects occupancy data from car parks and kerbside sensors and
      shows it on a map. Municipalities connect their data sources through open
      interfaces and publish the data as open data at the same time.
    features:
      - Real-time occupancy
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Erika Mustermann
localisation:
  localisationReady: true
  availableLanguages:
    - de
"""

BROKEN_PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Kaputt
url: "not a url"
developmentStatus: fantastic
"""


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.OPERATOR_EMAIL = "operator@example.org"


@pytest.fixture
def provider():
    return OrganisationFactory(name="Musterstadt Digital GmbH", slug="musterstadt-digital")


@pytest.fixture
def editor(provider):
    membership = MembershipFactory(organisation=provider)
    return membership.user


@pytest.fixture
def stranger():
    return UserFactory()


@pytest.fixture
def public_solution(provider):
    return SolutionFactory(
        organisation=provider,
        name="Stadtklima-Sensorik",
        slug="stadtklima-sensorik",
        listing_status=Solution.ListingStatus.ADMITTED,
        domains=["environment"],
        standards_provided=[{"standard": "ngsi-ld", "role": "server", "version": "1.6"}],
    )


@pytest.fixture
def draft_solution(provider):
    return SolutionFactory(organisation=provider, name="Geheimer Entwurf", slug="geheimer-entwurf")
