"""Demo inventories for `make run`: three REAL municipalities (Ulm, Rostock, Potsdam: their open-data portals and
the demo staff appear in the demo already) get FICTIONAL inventories of demo solutions and one urban data platform
each, so the compatibility pages and the "compatible with our inventory" filter have something to show.

DEMO ONLY. Nothing here is what these municipalities really run: every entry says "Demo: fiktiver Bestand" in its
notes (platforms in their description). Written through municipalities.services, so every entry is audited;
the actor is the demo staff account for Ulm and an account without a password per other municipality.
Idempotent: an entry that exists (same solution or unlisted name, not removed) is left alone.
"""

from __future__ import annotations

from django.db import transaction

from lichtermeer.accounts.demo import ensure_user
from lichtermeer.accounts.models import Membership
from lichtermeer.municipalities import services as municipal
from lichtermeer.municipalities.demo import DEMO_MUNICIPALITY_AGS
from lichtermeer.municipalities.models import InventoryEntry, Municipality, UrbanDataPlatform
from lichtermeer.solutions.models import Solution

DEMO_NOTE = "Demo: fiktiver Bestand / fictional demo inventory"
DEMO_OPERATOR = "Demo-Betrieb GmbH (fiktiv)"

# AGS -> inventory (demo folder of data/demo/solutions or an unlisted name, status, operating model, operator)
# and one platform (name, standards, components, hosting).
DEMO_INVENTORIES: dict[str, dict] = {
    DEMO_MUNICIPALITY_AGS: {  # Ulm
        "entries": [
            ("the-things-stack", "production", "own-operation", ""),
            ("ckan", "production", "own-operation", ""),
            ("masterportal", "production", "own-operation", ""),
            ("geoserver", "production", "public-it-provider", "Demo-Rechenzentrum Süd (fiktiv)"),
            ("node-red", "pilot", "own-operation", ""),
        ],
        "platform": ("Urbane Datenplattform Ulm (Demo, fiktiv)",
                     ["ngsi-ld", "mqtt", "ogc-sensorthings", "wms", "wfs", "dcat-ap-de"],
                     ["Orion-LD", "FROST-Server", "CKAN", "GeoServer"], "own-operation"),
    },
    "13003000": {  # Rostock
        "entries": [
            ("ckan", "production", "provider-saas", DEMO_OPERATOR),
            ("orion-ld", "pilot", "own-operation", ""),
            ("frost-server", "production", "own-operation", ""),
            ("grafana", "production", "own-operation", ""),
            ("Sensor-Dashboard Hafen (Eigenentwicklung, Demo)", "pilot", "own-operation", ""),
        ],
        "platform": ("Datenplattform Rostock (Demo, fiktiv)", ["ngsi-ld", "ogc-sensorthings", "mqtt"],
                     ["Orion-LD", "FROST-Server"], "own-operation"),
    },
    "12054000": {  # Potsdam
        "entries": [
            ("nextcloud-server", "production", "public-it-provider", "Demo-Kommunalrechenzentrum (fiktiv)"),
            ("masterportal", "production", "own-operation", ""),
            ("chirpstack", "pilot", "shared-service", DEMO_OPERATOR),
            ("keycloak", "planned", "own-operation", ""),
        ],
        "platform": ("Geodateninfrastruktur Potsdam (Demo, fiktiv)", ["wms", "wfs", "ogc-api-features", "csw"],
                     ["GeoServer", "Masterportal"], "public-it-provider"),
    },
}


def _actor(town: Municipality):
    """Verified staff who may write the town's inventory (services check the rules like for anyone)."""
    email = "staff@demo.invalid" if town.ags == DEMO_MUNICIPALITY_AGS else f"bestand-{town.ags}@demo.invalid"
    user = ensure_user(email)  # no password unless the demo accounts gave it one: these accounts never sign in
    Membership.objects.update_or_create(user=user, organisation=municipal.organisation_for(town),
                                        role=Membership.Role.MUNICIPAL_STAFF, defaults={"verified": True})
    return user


def _demo_solution(folder: str) -> Solution | None:
    return (Solution.objects.filter(versions__source=f"demo:{folder}").distinct().order_by("pk").first()
            if "/" not in folder and " " not in folder else None)


@transaction.atomic
def load_demo_inventories() -> dict[str, int]:
    """Create the fictional inventories and platforms that are missing. Returns counts."""
    counts = {"municipalities": 0, "entries": 0, "platforms": 0}
    for ags, plan in DEMO_INVENTORIES.items():
        town = Municipality.objects.filter(ags=ags, dissolved_on__isnull=True).first()
        if town is None:  # reference data not loaded (e.g. a test database)
            continue
        actor = _actor(town)
        counts["municipalities"] += 1
        live = InventoryEntry.objects.filter(municipality=town, removed_at__isnull=True)
        for name, status, operating_model, operator in plan["entries"]:
            solution = _demo_solution(name)
            if solution is None and " " not in name:
                continue  # a demo solution that is not loaded
            named = {"solution": solution} if solution else {"unlisted_name": name}
            if live.filter(**named).exists():
                continue
            municipal.add_inventory_entry(actor=actor, municipality=town, status=status,
                                          operating_model=operating_model, operator_name=operator, notes=DEMO_NOTE,
                                          **named)
            counts["entries"] += 1
        name, standards, components, hosting = plan["platform"]
        if not UrbanDataPlatform.objects.filter(municipality=town, name=name).exists():
            software = _demo_solution("orion-ld") if "Orion-LD" in components else None
            municipal.save_platform(actor=actor, municipality=town, name=name, standards=standards,
                                    components=components, hosting=hosting, co_use=UrbanDataPlatform.CoUse.ON_REQUEST,
                                    description=DEMO_NOTE, solution=software)
            counts["platforms"] += 1
    return counts
