"""Demo for `make run`: the demo staff account also acts for one real municipality, so the inventory, platform and
report forms can be tried. DEMO ONLY: anything entered is the demo user's, not the municipality's."""

from django.db import transaction

from lichtermeer.accounts.demo import ensure_user
from lichtermeer.accounts.models import Membership

from . import services
from .models import Municipality

DEMO_MUNICIPALITY_AGS = "08421000"  # Ulm, a Modellprojekt Smart Cities of the first round


@transaction.atomic
def load_demo_staff(email: str = "staff@demo.invalid") -> Municipality | None:
    town = Municipality.objects.filter(ags=DEMO_MUNICIPALITY_AGS).first()
    if town is None:  # reference data not loaded (e.g. a test database)
        return None
    user = ensure_user(email)
    Membership.objects.update_or_create(
        user=user, organisation=services.organisation_for(town), role=Membership.Role.MUNICIPAL_STAFF,
        defaults={"verified": True},
    )
    return town
