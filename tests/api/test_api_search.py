import pytest

from .conftest import assert_problem, list_solution

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(organisation):
    return [
        list_solution(organisation, name="Parkraumradar", url="https://git.example.org/a/parken",
                      facts={"domains": ["mobility"], "hosting_models": ["saas"]}),
        list_solution(organisation, name="Beteiligungsportal", url="https://git.example.org/a/beteiligung",
                      facts={"domains": ["participation"], "hosting_models": ["saas", "on-premises"]}),
        list_solution(organisation, name="Versteckter Entwurf", url="https://git.example.org/a/entwurf",
                      facts={"domains": ["mobility"]}, status="draft"),
    ]


def test_it_returns_items_and_facets(anonymous, catalogue):
    response = anonymous.get("/api/v1/search")
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "" and body["total"] == 2 and body["page"] == 1
    assert {item["name"] for item in body["items"]} == {"Parkraumradar", "Beteiligungsportal"}
    domains = {entry["value"]: entry for entry in body["facets"]["domain"]}
    assert domains["mobility"]["count"] == 1 and domains["participation"]["count"] == 1
    assert domains["mobility"]["label"]


def test_it_filters_by_repeated_facet_values(anonymous, catalogue):
    response = anonymous.get("/api/v1/search", {"domain": ["mobility", "participation"]})
    assert response.json()["total"] == 2
    response = anonymous.get("/api/v1/search", {"domain": "participation", "hosting": "on-premises"})
    assert [item["name"] for item in response.json()["items"]] == ["Beteiligungsportal"]


def test_it_searches_words(anonymous, catalogue):
    response = anonymous.get("/api/v1/search", {"q": "Parkraumradar"})
    assert [item["name"] for item in response.json()["items"]] == ["Parkraumradar"]


def test_it_pages(anonymous, catalogue):
    body = anonymous.get("/api/v1/search", {"per_page": 1, "page": 2, "sort": "name"}).json()
    assert body["pages"] == 2 and body["page"] == 2 and len(body["items"]) == 1
    assert body["items"][0]["name"] == "Parkraumradar"


@pytest.mark.parametrize(
    "params",
    [{"per_page": 101}, {"page": 0}, {"sort": "random"}, {"page": "eins"}, {"q": "x" * 201}],
)
def test_it_refuses_bad_parameters_with_a_problem(anonymous, params):
    body = assert_problem(anonymous.get("/api/v1/search", params), 422)
    assert body["errors"][0]["key"] == next(iter(params))


def test_it_accepts_what_the_search_page_links_to(anonymous, catalogue):
    params = {"q": "", "domain": ["", "mobility", "mobility"], "sort": "newest"}
    response = anonymous.get("/api/v1/search", params)
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Parkraumradar"]
