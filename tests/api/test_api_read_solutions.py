import pytest

from .conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_it_shows_a_listed_solution_with_all_facts(anonymous, listed):
    response = anonymous.get(f"/api/v1/solutions/{listed.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == listed.slug and body["name"] == "Beispielportal"
    assert body["url"] == "https://git.example.org/stadt/beispielportal"
    assert body["organisation"]["slug"] == "stadtwerk-beispiel"
    assert body["organisation"]["api_url"] == "/api/v1/organisations/stadtwerk-beispiel"
    assert body["platform_facts"]["domains"] == ["mobility"]
    assert body["platform_facts"]["price_model"] == "subscription"
    assert body["publiccode"]["softwareVersion"] == "1.2.0"
    assert body["short_description"].startswith("Eine kurze Beschreibung")
    assert [v["number"] for v in body["versions"]] == [1]
    assert body["publiccode_yml_url"] == f"/api/v1/solutions/{listed.slug}/publiccode.yml"


def test_it_describes_in_english_when_asked(anonymous, listed):
    response = anonymous.get(f"/api/v1/solutions/{listed.slug}", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert response.json()["short_description"].startswith("A short description")
    assert response.json()["html_url"] == f"/en/solutions/{listed.slug}/"


def test_it_hides_a_draft_from_anonymous_users(anonymous, draft):
    assert_problem(anonymous.get(f"/api/v1/solutions/{draft.slug}"), 404)
    assert_problem(anonymous.get(f"/api/v1/solutions/{draft.slug}/versions"), 404)
    assert_problem(anonymous.get(f"/api/v1/solutions/{draft.slug}/publiccode.yml"), 404)


def test_it_hides_a_draft_from_other_providers(stranger, draft):
    assert_problem(stranger.get(f"/api/v1/solutions/{draft.slug}"), 404)


def test_it_shows_a_draft_to_its_editors(provider, draft):
    response = provider.get(f"/api/v1/solutions/{draft.slug}")
    assert response.status_code == 200
    assert response.json()["listing_status"] == "draft"


def test_it_refuses_a_bad_token_on_reads(listed):
    from .conftest import ApiClient

    body = assert_problem(ApiClient(token="lm_nonsense").get(f"/api/v1/solutions/{listed.slug}"), 401)
    assert "Token" in body["detail"]


def test_it_answers_404_for_an_unknown_slug(anonymous):
    assert_problem(anonymous.get("/api/v1/solutions/gibt-es-nicht"), 404)


def test_it_lists_versions_newest_first(anonymous, listed, organisation):
    from .conftest import list_solution

    list_solution(organisation, name="Beispielportal Neu")
    response = anonymous.get(f"/api/v1/solutions/{listed.slug}/versions")
    assert response.status_code == 200
    assert [v["number"] for v in response.json()["items"]] == [2, 1]


def test_it_lists_public_solutions_only(anonymous, listed, draft):
    response = anonymous.get("/api/v1/solutions")
    assert response.status_code == 200
    body = response.json()
    assert [item["slug"] for item in body["items"]] == [listed.slug]
    assert body["total"] == 1 and body["page"] == 1 and body["pages"] == 1
