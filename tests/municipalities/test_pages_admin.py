"""The admin shows the municipal records to the operator, read-only; others do not see them."""

import pytest

from factories import UserFactory
from lichtermeer.municipalities.models import ExperienceReport, Grouping, InventoryEntry, ReuseRequest
from municipal_support import staff_of

pytestmark = pytest.mark.django_db
MODELS = ["land", "kreis", "municipality", "inventoryentry", "experiencereport", "urbandataplatform", "grouping",
          "reuserequest", "referenceload"]


@pytest.fixture
def records(town, solution):
    staff = staff_of(town)
    entry = InventoryEntry.objects.create(municipality=town, solution=solution, status="pilot",
                                          operating_model="own-operation")
    report = ExperienceReport.objects.create(municipality=town, solution=solution, author=staff, rating=2,
                                             title="T", body="B")
    platform = town.platforms.create(name="P", hosting="own-operation")
    grouping = Grouping.objects.create(slug="g", kind="shared-service", name="G", operator=town)
    request = ReuseRequest.objects.create(municipality=town, requester=UserFactory(), message="Frage zur Lösung.")
    return {"municipality": town, "land": town.land, "kreis": town.kreis, "inventoryentry": entry,
            "experiencereport": report, "urbandataplatform": platform, "grouping": grouping, "reuserequest": request}


@pytest.fixture
def operator_admin(client, operator):
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_operator_sees_every_list_read_only(operator_admin, records, model):
    response = operator_admin.get(f"/admin/municipalities/{model}/")
    assert response.status_code == 200
    assert f"/admin/municipalities/{model}/add/" not in response.content.decode()
    if model in records:
        obj = records[model]
        page = operator_admin.get(f"/admin/municipalities/{model}/{obj.pk}/change/")
        assert page.status_code == 200
        assert 'type="submit" value="Sichern"' not in page.content.decode()
        assert operator_admin.post(f"/admin/municipalities/{model}/{obj.pk}/delete/").status_code == 403


@pytest.mark.parametrize("query", ["München", "09162000", "80331"])
def test_municipalities_are_searchable_by_name_key_and_postcode(operator_admin, town, other_town, query):
    page = operator_admin.get("/admin/municipalities/municipality/", {"q": query}).content.decode()
    assert "09162000" in page and "05315000" not in page


def test_other_admin_users_do_not_see_the_records(client, town):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/municipalities/municipality/").status_code == 403
