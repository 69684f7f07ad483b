"""The marketplace lists admitted solutions by default; a visible choice (and `listing_status=all` in the API)
brings back every public status, each result with its status badge. Drafts never appear."""

import pytest

from factories import OrganisationFactory, SolutionFactory
from lichtermeer.solutions.models import Solution
from lichtermeer.solutions.services import refresh_facets

pytestmark = pytest.mark.django_db

STATUSES = {
    "Zugelassene Loesung": Solution.ListingStatus.ADMITTED,
    "Eingereichte Loesung": Solution.ListingStatus.SUBMITTED,
    "Ausgesetzte Loesung": Solution.ListingStatus.SUSPENDED,
    "Abgelaufene Loesung": Solution.ListingStatus.EXPIRED,
    "Entwurf Loesung": Solution.ListingStatus.DRAFT,
}
PUBLIC = {name for name, status in STATUSES.items() if status != Solution.ListingStatus.DRAFT}


@pytest.fixture
def market(db):
    organisation = OrganisationFactory()
    for name, status in STATUSES.items():
        refresh_facets(SolutionFactory(organisation=organisation, name=name, listing_status=status,
                                       domains=["mobility"]))


def names_in(html: str) -> set[str]:
    return {name for name in STATUSES if name in html}


def test_the_search_page_shows_admitted_solutions_by_default(client, market):
    html = client.get("/en/solutions/").content.decode()
    assert names_in(html) == {"Zugelassene Loesung"}
    assert 'type="radio" id="f-listing_status-1" name="listing_status" value="admitted" checked' in html
    assert "Only admitted solutions are shown." in html
    assert "listing_status=all" in html  # the visible way to every status


def test_all_statuses_list_every_public_solution_with_its_status(client, market):
    html = client.get("/en/solutions/", {"listing_status": "all"}).content.decode()
    assert names_in(html) == PUBLIC
    assert 'value="all" checked' in html and "Only admitted solutions are shown." not in html
    for label in ("Submitted", "Suspended", "Expired"):
        assert f'<span class="kern-label kern-label--small">{label}</span>' in html  # the status badge of a card
    assert "Listing status: All statuses" in html


def test_a_chosen_status_replaces_the_default(client, market):
    html = client.get("/en/solutions/", {"listing_status": "suspended", "domain": "mobility"}).content.decode()
    assert names_in(html) == {"Ausgesetzte Loesung"}
    # Removing the last chosen status shows all statuses; it does not fall back to admitted only.
    assert 'href="/en/solutions/?listing_status=all&amp;domain=mobility"' in html
    assert client.get("/en/solutions/", {"listing_status": "draft"}).content.decode().count("lm-card__title") == 0


def test_the_default_filter_can_be_removed_like_any_filter(client, market):
    html = client.get("/en/solutions/", {"domain": "mobility"}).content.decode()
    assert "Listing status: Admitted" in html
    assert 'href="/en/solutions/?domain=mobility&amp;listing_status=all"' in html


def test_the_api_search_has_the_same_default(api, market):
    default = api.get("/api/v1/search").json()
    assert {item["name"] for item in default["items"]} == {"Zugelassene Loesung"}
    assert default["listing_status"] == ["admitted"]
    counts = {entry["value"]: entry["count"] for entry in default["facets"]["listing_status"]}
    assert counts == {"admitted": 1, "submitted": 1, "suspended": 1, "expired": 1}  # what the other choices hold
    everything = api.get("/api/v1/search", {"listing_status": "all"}).json()
    assert {item["name"] for item in everything["items"]} == PUBLIC
    assert set(everything["listing_status"]) == {"submitted", "admitted", "suspended", "expired"}
    chosen = api.get("/api/v1/search", {"listing_status": ["expired", "submitted"]}).json()
    assert {item["name"] for item in chosen["items"]} == {"Abgelaufene Loesung", "Eingereichte Loesung"}


def test_the_plain_list_still_lists_every_public_solution(api, market):
    body = api.get("/api/v1/solutions").json()
    assert {item["name"] for item in body["items"]} == PUBLIC
