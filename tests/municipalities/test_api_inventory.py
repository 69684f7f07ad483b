"""Inventory writes through the API: token auth, verified staff only, audited, problems for bad input."""

import pytest

from factories import SolutionFactory, UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities.models import InventoryEntry
from municipal_support import staff_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/municipalities/09162000/inventory"


def test_staff_add_a_listed_solution(api_as, staff, other_town, solution):
    response = api_as(staff).post_json(URL, {"solution": solution.slug, "status": "pilot", "since": "2024-01-31",
                                             "operating_model": "shared-service", "shared_with": ["05315000"]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["solution"]["slug"] == solution.slug and body["status"] == "pilot" and body["removed"] is False
    assert body["shared_with"][0]["ags"] == "05315000" and body["municipality"]["ags"] == "09162000"
    assert AuditEntry.objects.get(action="inventory.added").actor == staff


def test_staff_add_an_unlisted_solution(api_as, staff):
    response = api_as(staff).post_json(URL, {"unlisted_name": "Eigenbau", "unlisted_url": "https://example.org",
                                             "status": "planned", "operating_model": "own-operation"})
    assert response.status_code == 201
    assert response.json()["unlisted"] == {"name": "Eigenbau", "url": "https://example.org", "vendor": ""}


def test_writes_need_a_token(api, town, problem):
    problem(api.post_json(URL, {"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation"}), 401)


@pytest.mark.parametrize("who", ["stranger", "unverified_staff", "staff_elsewhere"])
def test_others_are_refused(api_as, town, other_town, problem, who):
    user = {"stranger": UserFactory, "unverified_staff": lambda: staff_of(town, verified=False),
            "staff_elsewhere": lambda: staff_of(other_town)}[who]()
    body = problem(api_as(user).post_json(URL, {"unlisted_name": "x", "status": "pilot",
                                                "operating_model": "own-operation"}), 403)
    assert "Bestandsaufnahme" in body["detail"]
    assert not InventoryEntry.objects.exists()


@pytest.mark.parametrize(("payload", "status"), [
    ({"status": "pilot", "operating_model": "own-operation"}, 400),  # neither listed nor named
    ({"unlisted_name": "x", "status": "bogus", "operating_model": "own-operation"}, 422),
    ({"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation", "extra": 1}, 422),
    ({"solution": "gibt-es-nicht", "status": "pilot", "operating_model": "own-operation"}, 422),
    ({"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation", "shared_with": ["123"]}, 422),
    ({"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation", "shared_with": ["12345678"]}, 422),
    ({"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation", "shared_with": ["09162000"]}, 400),
])
def test_bad_input_is_a_problem(api_as, staff, problem, payload, status):
    problem(api_as(staff).post_json(URL, payload), status)
    assert not InventoryEntry.objects.exists()


def test_a_draft_is_not_a_listed_solution(api_as, staff, problem):
    draft = SolutionFactory(listing_status="draft")
    body = problem(api_as(staff).post_json(URL, {"solution": draft.slug, "status": "pilot",
                                                 "operating_model": "own-operation"}), 422)
    assert body["type"].endswith("unknown-solution")


def test_malformed_and_unknown_keys(api_as, staff, problem):
    client = api_as(staff)
    payload = {"unlisted_name": "x", "status": "pilot", "operating_model": "own-operation"}
    problem(client.post_json("/api/v1/municipalities/0916/inventory", payload), 422)
    problem(client.post_json("/api/v1/municipalities/99999999/inventory", payload), 404)


def test_staff_change_and_remove_an_entry(api_as, staff, other_town, solution):
    client = api_as(staff)
    entry_id = client.post_json(URL, {"solution": solution.slug, "status": "pilot",
                                      "operating_model": "provider-saas"}).json()["id"]
    response = client.patch_json(f"/api/v1/inventory/{entry_id}", {"status": "production", "notes": "Läuft.",
                                                                  "shared_with": ["05315000"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "production" and body["notes"] == "Läuft." and body["operating_model"] == "provider-saas"
    assert [m["ags"] for m in body["shared_with"]] == ["05315000"]
    change = AuditEntry.objects.get(action="inventory.changed")
    assert change.before["status"] == "pilot" and change.after["status"] == "production"

    response = client.delete(f"/api/v1/inventory/{entry_id}")
    assert response.status_code == 200 and response.json()["removed"] is True
    assert client.delete(f"/api/v1/inventory/{entry_id}").json()["removed"] is True  # idempotent
    assert AuditEntry.objects.filter(action="inventory.removed").count() == 1
    assert InventoryEntry.objects.get(pk=entry_id).removed_at is not None


def test_others_cannot_change_or_remove(api_as, staff, other_town, solution, problem):
    entry_id = api_as(staff).post_json(URL, {"solution": solution.slug, "status": "pilot",
                                             "operating_model": "provider-saas"}).json()["id"]
    other = api_as(staff_of(other_town))
    problem(other.patch_json(f"/api/v1/inventory/{entry_id}", {"status": "retired"}), 403)
    problem(other.delete(f"/api/v1/inventory/{entry_id}"), 403)
    assert InventoryEntry.objects.get(pk=entry_id).status == "pilot"


def test_unknown_entries_and_bad_patches(api_as, staff, solution, problem):
    client = api_as(staff)
    problem(client.patch_json("/api/v1/inventory/999999", {"status": "retired"}), 404)
    problem(client.delete("/api/v1/inventory/999999"), 404)
    entry_id = client.post_json(URL, {"solution": solution.slug, "status": "pilot",
                                      "operating_model": "provider-saas"}).json()["id"]
    problem(client.patch_json(f"/api/v1/inventory/{entry_id}", {"status": "bogus"}), 422)
    problem(client.patch_json(f"/api/v1/inventory/{entry_id}", "{not json"), 400)
    client.delete(f"/api/v1/inventory/{entry_id}")
    problem(client.patch_json(f"/api/v1/inventory/{entry_id}", {"status": "retired"}), 409)
