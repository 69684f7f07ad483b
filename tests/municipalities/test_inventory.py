"""Inventory (Bestandsaufnahme): only verified staff change it, every change is audited, nothing half-saved."""

import pytest

from factories import OperatorFactory, SolutionFactory, UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities import selectors, services
from lichtermeer.municipalities.models import InventoryEntry
from municipal_support import municipality, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return municipality()


def _entry(actor, town, **extra):
    values = {"status": "production", "operating_model": "provider-saas", **extra}
    if "solution" not in values and "unlisted_name" not in values:
        values["solution"] = SolutionFactory(listing_status="admitted")
    return services.add_inventory_entry(actor=actor, municipality=town, **values)


def test_staff_record_a_listed_and_an_unlisted_solution(town):
    staff = staff_of(town)
    listed = _entry(staff, town)
    unlisted = _entry(staff, town, solution=None, unlisted_name="Parkraum-App Eigenbau", status="pilot",
                      operating_model="own-operation")
    assert {e.pk for e in selectors.inventory(town)} == {listed.pk, unlisted.pk}
    assert selectors.usage_of(listed.solution) == [listed]
    assert AuditEntry.objects.filter(action="inventory.added").count() == 2


def test_it_rejects_staff_of_another_municipality(town):
    other = municipality("05315000", "Köln, Stadt")
    with pytest.raises(services.MunicipalError) as refused:
        _entry(staff_of(other), town)
    assert refused.value.status == 403
    assert not InventoryEntry.objects.exists()


@pytest.mark.parametrize("actor", ["operator", "unverified", "stranger"])
def test_it_rejects_everyone_but_verified_staff(town, actor):
    user = {"operator": OperatorFactory, "stranger": UserFactory}.get(actor, lambda: staff_of(town, verified=False))()
    with pytest.raises(services.MunicipalError):
        _entry(user, town)


def test_an_entry_needs_a_solution_or_a_name(town):
    with pytest.raises(services.MunicipalError, match="unlisted"):
        _entry(staff_of(town), town, solution=None, unlisted_name="  ")
    assert not InventoryEntry.objects.exists()


def test_a_change_is_audited_with_before_and_after(town):
    staff = staff_of(town)
    entry = _entry(staff, town, status="pilot")
    partner = municipality("09184119", "Oberhaching")
    services.update_inventory_entry(actor=staff, entry=entry, status="production", shared_with=[partner])
    change = AuditEntry.objects.get(action="inventory.changed")
    assert change.before["status"] == "pilot" and change.after["status"] == "production"
    assert change.after["shared_with"] == ["09184119"]


def test_removing_keeps_the_history(town):
    staff = staff_of(town)
    entry = _entry(staff, town)
    services.remove_inventory_entry(actor=staff, entry=entry)
    assert selectors.inventory(town) == []
    assert InventoryEntry.objects.get(pk=entry.pk).removed_at is not None
    assert AuditEntry.objects.filter(action="inventory.removed").count() == 1


def test_a_municipality_does_not_share_with_itself(town):
    with pytest.raises(services.MunicipalError, match="itself"):
        _entry(staff_of(town), town, operating_model="shared-service", shared_with=[town])
