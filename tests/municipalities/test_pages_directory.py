"""The public pages: finding a municipality, its page, the model projects; German and English; bad keys."""

import datetime as dt

import pytest

from factories import SolutionFactory, UserFactory
from lichtermeer.municipalities.models import Contact, ExperienceReport, Grouping, InventoryEntry, Municipality
from municipal_support import municipality

pytestmark = pytest.mark.django_db

PAGES = ["/municipalities/", "/municipalities/?q=M%C3%BCnchen", "/municipalities/09162000/",
         "/municipalities/platforms/", "/municipalities/maps/", "/municipalities/model-projects/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_in_german_and_english(client, town, path):
    german = client.get(path)
    assert german.status_code == 200
    assert '<html lang="de">' in german.content.decode()
    english = client.get(f"/en{path}")
    assert english.status_code == 200
    page = english.content.decode()
    assert '<html lang="en">' in page
    assert "Municipalities" in page  # the navigation link


def test_the_navigation_links_the_municipalities(client, town):
    page = client.get("/").content.decode()
    assert 'href="/municipalities/"' in page


@pytest.mark.parametrize("query", ["München", "münchen", "09162000", "80331", "0916"])
def test_it_finds_a_municipality_by_name_ags_or_postcode(client, town, other_town, query):
    page = client.get("/municipalities/", {"q": query}).content.decode()
    assert 'href="/municipalities/09162000/"' in page
    assert "Köln" not in page
    assert "1.505.005" in page  # population, German digit grouping
    assert "Kreis 09162" in page and "Land 09" in page


def test_it_filters_by_land(client, town, other_town):
    page = client.get("/municipalities/", {"land": "05"}).content.decode()
    assert "Köln, Stadt" in page and 'href="/municipalities/09162000/"' not in page


def test_no_match_says_so(client, town):
    page = client.get("/municipalities/", {"q": "Atlantis"}).content.decode()
    assert "0" in page and 'href="/municipalities/09162000/"' not in page


def test_a_search_for_markup_is_escaped(client, town):
    page = client.get("/municipalities/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_the_municipality_page_shows_the_official_facts(client, town):
    Municipality.objects.filter(pk=town.pk).update(verband_name="Verwaltungsgemeinschaft Beispiel")
    page = client.get("/municipalities/09162000/").content.decode()
    for fact in ("München, Landeshauptstadt", "09162000", "091620000000", "Kreis 09162", "Land 09",
                 "Verwaltungsgemeinschaft Beispiel", "1.505.005", "310,70", "80331", "30. November 2025",
                 "Kreisfreie Stadt"):
        assert fact in page, fact


def test_the_type_is_named_in_the_language_of_the_page(client, town):
    assert "District-free city" in client.get("/en/municipalities/09162000/").content.decode()
    assert "District-free city" in client.get("/en/municipalities/?q=09162000").content.decode()


def test_a_dissolved_municipality_is_marked(client, town):
    Municipality.objects.filter(pk=town.pk).update(dissolved_on=dt.date(2025, 11, 30))
    page = client.get("/en/municipalities/09162000/").content.decode()
    assert "No longer listed since" in page


def test_a_malformed_key_gets_a_clear_404_page(client, town):
    response = client.get("/en/municipalities/0916200x/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "is not an official municipality key" in page and "exactly eight digits" in page
    assert client.get("/municipalities/123/").status_code == 404


def test_an_unknown_key_is_404(client, town):
    response = client.get("/en/municipalities/99999999/")
    assert response.status_code == 404
    assert "No municipality has the official key (AGS) 99999999" in response.content.decode()


def test_a_hostile_key_is_escaped_on_the_404_page(client, town):
    response = client.get("/municipalities/%3Cscript%3Ex%3C%2Fscript%3E/")
    assert response.status_code == 404
    assert "<script>x</script>" not in response.content.decode()


def test_it_shows_inventory_platforms_groupings_reports_and_public_contacts(client, town, other_town):
    solution = SolutionFactory(listing_status="admitted", name="Mängelmelder")
    entry = InventoryEntry.objects.create(municipality=town, solution=solution, status="production",
                                          operating_model="provider-saas", since=dt.date(2023, 4, 1))
    entry.shared_with.set([other_town])
    InventoryEntry.objects.create(municipality=town, unlisted_name="Eigenbau-App", status="pilot",
                                  operating_model="own-operation", unlisted_vendor="Stadt-IT")
    InventoryEntry.objects.create(municipality=town, unlisted_name="Entfernt", status="pilot",
                                  operating_model="own-operation", removed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    town.platforms.create(name="Datenplattform München", hosting="own-operation", co_use="open",
                          standards=["ngsi-ld"], components=["FIWARE Orion-LD"])
    project = Grouping.objects.create(slug="mpsc-2020-muenchen", kind="model-project", name="Smarte Region",
                                      round=2020, certain=False, operator=other_town)
    project.members.set([town, other_town])
    author = UserFactory()
    ExperienceReport.objects.create(municipality=town, solution=solution, author=author, rating=4,
                                    title="Läuft gut", body="Seit zwei Jahren.", status="published")
    ExperienceReport.objects.create(municipality=town, solution=solution, author=author, rating=1,
                                    title="Geheim", body="Nicht freigegeben.")
    shown = UserFactory(first_name="Erika", last_name="Muster", email="erika.geheim@example.org")
    Contact.objects.create(municipality=town, user=shown, function="Smart-City-Koordination", show_publicly=True,
                           accepts_reuse_requests=True)
    hidden = UserFactory(first_name="Versteckt", last_name="Person", email="versteckt@example.org")
    Contact.objects.create(municipality=town, user=hidden, accepts_reuse_requests=True)

    page = client.get("/en/municipalities/09162000/").content.decode()
    assert "Mängelmelder" in page and "In production" in page and "Köln, Stadt" in page
    assert "Eigenbau-App" in page and "Stadt-IT" in page and "Entfernt" not in page
    assert "Datenplattform München" in page and "NGSI-LD" in page and "FIWARE Orion-LD" in page
    assert "Smarte Region" in page and "round 2020" in page and "unverified" in page
    assert "Läuft gut" in page and "Rating: 4 of 5" in page and "Geheim" not in page
    assert "Erika Muster" in page and "Smart-City-Koordination" in page
    assert "Versteckt" not in page
    assert "@example.org" not in page and "erika.geheim" not in page


def test_strangers_learn_how_to_become_staff(client, signed_in, town):
    page = client.get("/en/municipalities/09162000/").content.decode()
    assert "Sign in to request membership" in page
    page = signed_in(UserFactory()).get("/en/municipalities/09162000/").content.decode()
    assert 'action="/en/municipalities/09162000/staff/"' in page


def test_becoming_staff_prepares_the_organisation_and_leads_to_the_membership_page(signed_in, town):
    client = signed_in(UserFactory())
    response = client.post("/municipalities/09162000/staff/")
    assert response.status_code == 302 and response["Location"] == "/accounts/organisations/"
    town.refresh_from_db()
    assert town.organisation is not None and town.organisation.slug == "gemeinde-09162000"
    page = client.get("/accounts/organisations/").content.decode()
    assert "München, Landeshauptstadt" in page


def test_becoming_staff_needs_an_account(client, town):
    response = client.post("/municipalities/09162000/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_model_projects_are_listed_by_round(client, town, other_town):
    solingen = municipality("05122000", "Solingen, Klingenstadt")
    first = Grouping.objects.create(slug="mpsc-2019-solingen", kind="model-project", name="Solingen", round=2019,
                                    operator=solingen, source_note="BMI selection 2019")
    first.members.set([solingen])
    region = Grouping.objects.create(slug="mpsc-2021-region", kind="model-project", name="Region Beispiel",
                                     round=2021, operator_name="Landkreis Beispiel (09184)", certain=False)
    region.members.set([town, other_town])
    page = client.get("/en/municipalities/model-projects/").content.decode()
    assert page.index("Round 2019") < page.index("Round 2021")
    assert "Solingen, Klingenstadt" in page and "BMI selection 2019" in page
    assert "Landkreis Beispiel (09184)" in page and "unverified" in page
    assert 'href="/en/municipalities/05315000/"' in page
