"""Done when: compatibility and the exit score appear on every demo solution page with their evidence, and the
"compatible with our inventory" filter works for the demo municipalities (their fictional inventories)."""

import pytest
from django.conf import settings

from lichtermeer.audit.models import AuditEntry
from lichtermeer.interop import selectors
from lichtermeer.interop.demo import DEMO_INVENTORIES, DEMO_NOTE, load_demo_inventories
from lichtermeer.municipalities.models import InventoryEntry, Municipality, UrbanDataPlatform
from lichtermeer.solutions.demo import load_demo
from lichtermeer.solutions.models import Solution
from municipal_support import municipality

from .support import load_seed

pytestmark = pytest.mark.django_db

TOWNS = {"08421000": "Ulm, Universitätsstadt", "13003000": "Rostock, Hanse- und Universitätsstadt",
         "12054000": "Potsdam, Stadt"}


@pytest.fixture
def demo(db):
    load_seed()
    assert load_demo(settings.DEMO_DATA_DIR).errors == []
    for ags, name in TOWNS.items():
        municipality(ags, name, postcode="")
    return load_demo_inventories()


def test_it_records_fictional_inventories_through_the_audited_services(demo):
    assert demo["municipalities"] == len(DEMO_INVENTORIES) == 3
    assert demo["platforms"] == 3
    entries = InventoryEntry.objects.all()
    assert entries.count() == demo["entries"] >= 12
    assert all(e.notes == DEMO_NOTE for e in entries)
    assert all(p.description == DEMO_NOTE for p in UrbanDataPlatform.objects.all())
    assert AuditEntry.objects.filter(action="inventory.added").count() == demo["entries"]
    assert AuditEntry.objects.filter(action="platform.saved").count() == 3


def test_it_adds_nothing_when_run_again(demo):
    again = load_demo_inventories()
    assert again == {"municipalities": 3, "entries": 0, "platforms": 0}


def test_the_filter_finds_solutions_for_every_demo_municipality(demo, client):
    for ags in TOWNS:
        town = Municipality.objects.get(ags=ags)
        found = selectors.compatible_solution_ids(town)
        own = set(InventoryEntry.objects.filter(municipality=town, solution__isnull=False)
                  .values_list("solution_id", flat=True))
        assert found, ags
        assert not found & own
        response = client.get("/solutions/", {"kompatibel": ags, "listing_status": "all"})
        assert response.status_code == 200
        assert response.context["result"].total == len(found)
        assert "Kompatibel" in response.content.decode() or "Compatible" in response.content.decode()


def test_every_demo_solution_page_shows_compatibility_and_exit_score(demo, client):
    pages_with_partners = 0
    for solution in Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES):
        response = client.get(solution.get_absolute_url())
        assert response.status_code == 200, solution.slug
        html = response.content.decode()
        assert 'id="works-with"' in html and 'id="exit-score"' in html, solution.slug
        assert html.count('class="kern-table__row"') >= 8  # the exit score's seven factors at least
        pages_with_partners += "/kompatibel/" in html
    assert pages_with_partners >= 30


def test_the_demo_staff_sees_the_solution_against_the_inventory_of_ulm(demo, client):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(email="staff@demo.invalid")
    client.force_login(staff)
    orion = Solution.objects.get(versions__source="demo:orion-ld")
    html = client.get(orion.get_absolute_url()).content.decode()
    assert "Bestand" in html and "Urbane Datenplattform Ulm" in html
