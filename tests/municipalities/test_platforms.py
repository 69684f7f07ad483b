"""Urban data platforms: described by the municipality's staff, with the site's standards vocabulary."""

import pytest

from factories import UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities import selectors, services
from lichtermeer.municipalities.models import UrbanDataPlatform
from municipal_support import municipality, staff_of

pytestmark = pytest.mark.django_db
PLATFORM = {"name": "Urbane Datenplattform", "url": "https://daten.example.de", "hosting": "own-operation",
            "operator_name": "Stadtwerke", "co_use": "open", "components": ["FIWARE Orion-LD", "FROST-Server"],
            "standards": ["ngsi-ld", "ogc-sensorthings", "mqtt"]}


def test_staff_describe_a_platform_and_the_overview_filters_it():
    town = municipality()
    platform = services.save_platform(actor=staff_of(town), municipality=town, **PLATFORM)
    assert selectors.platforms(standard="ngsi-ld") == [platform]
    assert selectors.platforms(standard="wms") == []
    assert selectors.platforms(co_use="closed") == []
    assert AuditEntry.objects.filter(action="platform.saved").count() == 1


@pytest.mark.parametrize(("field", "value"), [("standards", ["not-a-standard"]), ("components", ["x" * 201]),
                                               ("hosting", "cloud"), ("co_use", "maybe"), ("name", " ")])
def test_bad_values_are_refused_and_nothing_is_saved(field, value):
    town = municipality()
    with pytest.raises(services.MunicipalError) as refused:
        services.save_platform(actor=staff_of(town), municipality=town, **{**PLATFORM, field: value})
    assert refused.value.status == 400
    assert not UrbanDataPlatform.objects.exists()


def test_others_cannot_describe_a_municipality_s_platform():
    town = municipality()
    with pytest.raises(services.MunicipalError):
        services.save_platform(actor=UserFactory(), municipality=town, **PLATFORM)
    other = municipality("05315000", "Köln, Stadt")
    platform = services.save_platform(actor=staff_of(other), municipality=other, **PLATFORM)
    with pytest.raises(services.MunicipalError):
        services.save_platform(actor=staff_of(town), municipality=town, platform=platform, name="Übernahme")
