"""Helpers for tests of the municipalities app: reference rows without loading the whole directory, staff."""

import datetime as dt
from decimal import Decimal

from factories import MembershipFactory
from lichtermeer.accounts.models import Membership
from lichtermeer.municipalities import services
from lichtermeer.municipalities.models import Kreis, Land, Municipality

STAND = dt.date(2025, 11, 30)


def municipality(ags: str = "09162000", name: str = "München, Landeshauptstadt", *, population: int = 1_505_005,
                 postcode: str = "80331", lat: float | None = 48.137, lon: float | None = 11.575) -> Municipality:
    land, _ = Land.objects.get_or_create(code=ags[:2], defaults={"name": f"Land {ags[:2]}"})
    kreis, _ = Kreis.objects.get_or_create(ags=ags[:5], defaults={"name": f"Kreis {ags[:5]}", "type_code": "41",
                                                                  "land": land})
    return Municipality.objects.create(
        ags=ags, ars=ags[:5] + "0000" + ags[5:], name=name, type_code="61", land=land, kreis=kreis,
        population=population, area_km2=Decimal("310.70"), postcode=postcode, lat=lat, lon=lon, gebietsstand=STAND,
    )


def staff_of(town: Municipality, *, verified: bool = True):
    organisation = services.organisation_for(town)
    return MembershipFactory(organisation=organisation, role=Membership.Role.MUNICIPAL_STAFF, verified=verified).user
