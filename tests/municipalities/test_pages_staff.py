"""The forms of verified municipal staff: inventory, contact consent, platforms, reports, shared services.
Everyone else is sent to sign in (anonymous) or refused (403); every inventory change is audited."""

import pytest

from factories import OperatorFactory, SolutionFactory, UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities import services
from lichtermeer.municipalities.models import Contact, ExperienceReport, Grouping, InventoryEntry, UrbanDataPlatform
from municipal_support import staff_of

pytestmark = pytest.mark.django_db

BASE = "/municipalities/09162000"
FORMS = ["/inventory/add/", "/inventory/add/?kind=unlisted", "/contact/", "/platforms/add/", "/reports/new/",
         "/shared-services/new/"]


def _entry(staff, town, solution, **extra):
    return services.add_inventory_entry(actor=staff, municipality=town, solution=solution, status="production",
                                        operating_model="provider-saas", **extra)


@pytest.mark.parametrize("path", FORMS)
def test_staff_open_every_form_in_both_languages(signed_in, staff, solution, path):
    client = signed_in(staff)
    assert client.get(BASE + path).status_code == 200
    assert client.get("/en" + BASE + path).status_code == 200


@pytest.mark.parametrize("path", FORMS)
def test_anonymous_users_are_sent_to_sign_in(client, town, path):
    response = client.get(BASE + path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["stranger", "unverified_staff", "operator", "staff_elsewhere"])
@pytest.mark.parametrize("path", FORMS)
def test_everyone_else_is_refused(signed_in, town, other_town, who, path):
    user = {"stranger": UserFactory, "operator": OperatorFactory,
            "unverified_staff": lambda: staff_of(town, verified=False),
            "staff_elsewhere": lambda: staff_of(other_town)}[who]()
    client = signed_in(user)
    assert client.get(BASE + path).status_code == 403
    assert client.post(BASE + path, {"name": "x"}).status_code == 403


def test_the_page_shows_staff_their_tools(signed_in, staff, solution):
    page = signed_in(staff).get(BASE + "/").content.decode()
    for address in ("/inventory/add/", "/platforms/add/", "/reports/new/", "/shared-services/new/", "/contact/"):
        assert f'href="{BASE}{address}' in page
    assert 'action="/municipalities/09162000/staff/"' not in page  # no "become staff" hint


def test_others_see_no_tools(signed_in, town):
    page = signed_in(UserFactory()).get(BASE + "/").content.decode()
    assert "/inventory/add/" not in page and "/platforms/add/" not in page


def test_staff_add_a_listed_solution_audited(signed_in, staff, town, other_town, solution):
    client = signed_in(staff)
    response = client.post(BASE + "/inventory/add/", {
        "kind": "listed", "solution": solution.slug, "status": "pilot", "since": "2024-05-01",
        "operating_model": "shared-service", "operator_name": "AKDB", "shared_with": "05315000",
        "notes": "Gemeinsam mit Köln.",
    })
    assert response.status_code == 302 and response["Location"] == f"{BASE}/#inventory"
    entry = InventoryEntry.objects.get()
    assert entry.solution == solution and entry.status == "pilot" and list(entry.shared_with.all()) == [other_town]
    audit = AuditEntry.objects.get(action="inventory.added")
    assert audit.actor == staff and audit.after["solution"] == solution.slug
    page = client.get(response["Location"]).content.decode()
    assert "Parkraum Plus" in page and "Köln, Stadt" in page


def test_the_solution_search_narrows_the_choices_and_hides_drafts(signed_in, staff, solution):
    SolutionFactory(listing_status="admitted", name="Bürgerhaushalt", slug="buergerhaushalt")
    SolutionFactory(listing_status="draft", name="Parkraum Entwurf", slug="parkraum-entwurf")
    page = signed_in(staff).get(BASE + "/inventory/add/", {"q": "parkraum"}).content.decode()
    assert 'value="parkraum-plus"' in page
    assert 'value="buergerhaushalt"' not in page and 'value="parkraum-entwurf"' not in page


def test_a_draft_cannot_be_chosen(signed_in, staff):
    draft = SolutionFactory(listing_status="draft")
    response = signed_in(staff).post(BASE + "/inventory/add/", {
        "kind": "listed", "solution": draft.slug, "status": "pilot", "operating_model": "own-operation"})
    assert response.status_code == 422
    assert not InventoryEntry.objects.exists()


def test_staff_add_an_unlisted_solution(signed_in, staff):
    response = signed_in(staff).post(BASE + "/inventory/add/", {
        "kind": "unlisted", "unlisted_name": "Parkraum-App Eigenbau", "unlisted_url": "https://example.org/app",
        "status": "planned", "operating_model": "own-operation"})
    assert response.status_code == 302
    entry = InventoryEntry.objects.get()
    assert entry.solution is None and entry.unlisted_name == "Parkraum-App Eigenbau"


def test_bad_input_is_shown_at_the_fields(signed_in, staff):
    response = signed_in(staff).post("/en" + BASE + "/inventory/add/", {
        "kind": "unlisted", "unlisted_name": "", "status": "bogus", "operating_model": "own-operation",
        "shared_with": "123 99999999"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and "exactly eight digits" in page
    assert not InventoryEntry.objects.exists()


def test_a_refusal_of_the_service_is_shown(signed_in, staff, town):
    response = signed_in(staff).post("/en" + BASE + "/inventory/add/", {
        "kind": "unlisted", "unlisted_name": "Selbst", "status": "pilot", "operating_model": "shared-service",
        "shared_with": "09162000"})
    assert response.status_code == 400
    assert "does not share a service with itself" in response.content.decode()


def test_staff_edit_an_entry_audited(signed_in, staff, town, solution):
    entry = _entry(staff, town, solution)
    client = signed_in(staff)
    page = client.get(f"{BASE}/inventory/{entry.pk}/edit/").content.decode()
    assert 'value="production" selected' in page or 'value="production"' in page
    response = client.post(f"{BASE}/inventory/{entry.pk}/edit/", {
        "kind": "fixed", "status": "retired", "operating_model": "provider-saas", "notes": "Abgelöst."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "retired" and entry.solution == solution and entry.notes == "Abgelöst."
    change = AuditEntry.objects.get(action="inventory.changed")
    assert change.before["status"] == "production" and change.after["status"] == "retired"


def test_staff_remove_an_entry_audited(signed_in, staff, town, solution):
    entry = _entry(staff, town, solution)
    client = signed_in(staff)
    assert client.get(f"{BASE}/inventory/{entry.pk}/remove/").status_code == 405
    response = client.post(f"{BASE}/inventory/{entry.pk}/remove/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.removed_at is not None
    assert AuditEntry.objects.filter(action="inventory.removed").count() == 1
    assert client.post(f"{BASE}/inventory/{entry.pk}/remove/").status_code == 404
    assert "Parkraum Plus" not in client.get(BASE + "/").content.decode()


def test_others_cannot_remove_an_entry(signed_in, staff, town, other_town, solution):
    entry = _entry(staff, town, solution)
    response = signed_in(staff_of(other_town)).post(f"{BASE}/inventory/{entry.pk}/remove/")
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.removed_at is None


def test_an_entry_of_another_municipality_is_not_found_here(signed_in, town, other_town, solution):
    other_staff = staff_of(other_town)
    entry = _entry(other_staff, other_town, solution)
    staff = staff_of(town)
    assert signed_in(staff).post(f"{BASE}/inventory/{entry.pk}/remove/").status_code == 404


def test_staff_give_and_withdraw_their_consent_as_contact(signed_in, staff):
    staff.first_name, staff.last_name = "Karla", "Kontakt"
    staff.save()
    client = signed_in(staff)
    response = client.post(BASE + "/contact/", {"function": "Digitallotsin", "show_publicly": "on",
                                                "accepts_reuse_requests": "on"})
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.show_publicly and contact.accepts_reuse_requests and contact.consented_at
    page = client.get(BASE + "/").content.decode()
    assert "Karla Kontakt" in page and "Digitallotsin" in page and staff.email not in page
    client.post(BASE + "/contact/", {"function": "Digitallotsin"})
    assert not Contact.objects.exists()
    assert AuditEntry.objects.filter(action="contact.consent_revoked").count() == 1


def test_staff_describe_a_platform(signed_in, staff, town):
    client = signed_in(staff)
    response = client.post(BASE + "/platforms/add/", {
        "name": "Urbane Datenplattform", "url": "https://daten.example.org", "description": "Offen.",
        "components": "FIWARE Orion-LD\n\nCKAN\n", "standards": ["ngsi-ld", "dcat-ap-de"], "hosting": "own-operation",
        "operator_name": "Stadtwerke", "co_use": "open"})
    assert response.status_code == 302, response.content.decode()[:2000]
    platform = UrbanDataPlatform.objects.get()
    assert platform.components == ["FIWARE Orion-LD", "CKAN"] and platform.standards == ["dcat-ap-de", "ngsi-ld"]
    response = client.post(f"{BASE}/platforms/{platform.pk}/edit/", {
        "name": "Urbane Datenplattform", "hosting": "own-operation", "co_use": "closed", "standards": ["ngsi-ld"]})
    assert response.status_code == 302
    platform.refresh_from_db()
    assert platform.co_use == "closed" and platform.components == []
    assert AuditEntry.objects.filter(action="platform.saved").count() == 2


def test_a_platform_with_an_unknown_standard_is_refused(signed_in, staff):
    response = signed_in(staff).post(BASE + "/platforms/add/", {
        "name": "X", "hosting": "own-operation", "co_use": "open", "standards": ["bogus"]})
    assert response.status_code == 422
    assert not UrbanDataPlatform.objects.exists()


def test_staff_submit_an_experience_report_for_moderation(signed_in, staff, town, solution):
    client = signed_in(staff)
    assert "Add the solution to the inventory first" in client.get("/en" + BASE + "/reports/new/").content.decode()
    _entry(staff, town, solution)
    page = client.get(BASE + "/reports/new/").content.decode()
    assert 'type="radio"' in page and 'value="parkraum-plus"' in page
    response = client.post(BASE + "/reports/new/", {"solution": solution.slug, "rating": "4", "title": "Gut",
                                                     "body": "Läuft seit einem Jahr."})
    assert response.status_code == 302
    report = ExperienceReport.objects.get()
    assert report.status == "pending" and report.rating == 4 and report.author == staff
    assert "Läuft seit einem Jahr." not in client.get(BASE + "/").content.decode()  # not yet published


def test_a_report_needs_a_rating_from_1_to_5(signed_in, staff, town, solution):
    _entry(staff, town, solution)
    response = signed_in(staff).post(BASE + "/reports/new/", {"solution": solution.slug, "rating": "6",
                                                              "title": "x", "body": "y"})
    assert response.status_code == 422
    assert not ExperienceReport.objects.exists()


def test_staff_record_a_shared_service(signed_in, staff, town, other_town, solution):
    response = signed_in(staff).post(BASE + "/shared-services/new/", {
        "name": "Gemeinsames Bürgerportal", "solution": solution.slug, "members": "05315000, 09162000"})
    assert response.status_code == 302
    grouping = Grouping.objects.get()
    assert grouping.kind == "shared-service" and grouping.operator == town
    assert set(grouping.members.all()) == {town, other_town}
    page = signed_in(staff).get(BASE + "/").content.decode()
    assert "Gemeinsames Bürgerportal" in page


def test_a_shared_service_with_unknown_members_is_refused(signed_in, staff):
    response = signed_in(staff).post("/en" + BASE + "/shared-services/new/", {"name": "X", "members": "12345678"})
    assert response.status_code == 422
    assert "Unknown AGS: 12345678" in response.content.decode()
    assert not Grouping.objects.exists()
