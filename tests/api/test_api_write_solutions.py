import pytest

from lichtermeer.audit.models import AuditEntry
from lichtermeer.solutions.models import Solution, SolutionVersion

from .conftest import ApiClient, assert_problem, publiccode

pytestmark = pytest.mark.django_db

NEW_URL = "https://git.example.org/stadt/neu"


def create_payload(**overrides):
    return {
        "organisation": "stadtwerk-beispiel",
        "publiccode": publiccode("Neues Portal", NEW_URL),
        "facts": {"domains": ["energy"], "standards_provided": [{"standard": "mqtt", "role": "server"}]},
        **overrides,
    }


def test_it_creates_a_draft_for_an_editor(provider, editor):
    response = provider.post_json("/api/v1/solutions", create_payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] and body["changed"]
    assert body["listing_status"] == "draft" and body["url"] == NEW_URL
    assert body["platform_facts"]["domains"] == ["energy"]
    solution = Solution.objects.get(url=NEW_URL)
    assert solution.versions.get().created_by == editor
    assert AuditEntry.objects.filter(action="solution.created", object_id=str(solution.pk)).exists()


def test_it_updates_a_solution_and_keeps_facts_not_sent(provider, listed):
    payload = {
        "publiccode": publiccode("Beispielportal Plus", listed.url),
        "facts": {"hosting_models": ["on-premises"]},
    }
    response = provider.put_json(f"/api/v1/solutions/{listed.slug}", payload)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Beispielportal Plus" and body["changed"] and not body["created"]
    assert body["platform_facts"]["hosting_models"] == ["on-premises"]
    assert body["platform_facts"]["domains"] == ["mobility"]
    assert [v["number"] for v in body["versions"]] == [2, 1]


def test_it_saves_no_version_for_an_unchanged_update(provider, listed):
    payload = {"publiccode": publiccode(url=listed.url)}
    response = provider.put_json(f"/api/v1/solutions/{listed.slug}", payload)
    assert response.status_code == 200
    assert response.json()["changed"] is False
    assert SolutionVersion.objects.filter(solution=listed).count() == 1


def test_it_refuses_anonymous_writes(anonymous, listed):
    assert_problem(anonymous.post_json("/api/v1/solutions", create_payload()), 401)
    assert_problem(anonymous.put_json(f"/api/v1/solutions/{listed.slug}", {"publiccode": "x"}), 401)
    assert not Solution.objects.filter(url=NEW_URL).exists()


def test_it_refuses_a_revoked_or_malformed_token(editor):
    response = ApiClient(token="lm_abcdefgh_" + "x" * 40).post_json("/api/v1/solutions", create_payload())
    assert_problem(response, 401)


def test_it_rejects_foreign_org(stranger, organisation):
    body = assert_problem(stranger.post_json("/api/v1/solutions", create_payload()), 403)
    assert body["errors"][0]["key"] == "organisation"
    assert not Solution.objects.filter(url=NEW_URL).exists()


def test_it_rejects_changes_to_a_foreign_solution(stranger, listed):
    payload = {"publiccode": publiccode("Übernommen", listed.url)}
    assert_problem(stranger.put_json(f"/api/v1/solutions/{listed.slug}", payload), 403)
    listed.refresh_from_db()
    assert listed.name == "Beispielportal"


def test_it_hides_a_foreign_draft_from_writers_too(stranger, draft):
    assert_problem(stranger.put_json(f"/api/v1/solutions/{draft.slug}", {"publiccode": "x"}), 404)


def test_it_rejects_an_unknown_organisation(provider):
    response = provider.post_json("/api/v1/solutions", create_payload(organisation="niemand"))
    body = assert_problem(response, 422)
    assert body["errors"][0]["key"] == "organisation"


def test_it_refuses_a_repository_that_is_already_listed(provider, listed):
    payload = create_payload(publiccode=publiccode("Doppelt", listed.url))
    body = assert_problem(provider.post_json("/api/v1/solutions", payload), 409)
    assert listed.slug in body["detail"]
    assert SolutionVersion.objects.filter(solution=listed).count() == 1


def test_it_refuses_to_move_a_solution_to_another_repository(provider, listed):
    payload = {"publiccode": publiccode("Beispielportal", "https://git.example.org/stadt/anders")}
    body = assert_problem(provider.put_json(f"/api/v1/solutions/{listed.slug}", payload), 422)
    assert body["errors"][0]["key"] == "url"
    assert not Solution.objects.filter(url="https://git.example.org/stadt/anders").exists()


def test_it_refuses_platform_keys_a_provider_may_not_set(provider):
    payload = create_payload(facts={"listing_status": "admitted"})
    body = assert_problem(provider.post_json("/api/v1/solutions", payload), 422)
    assert body["errors"][0]["key"] == "facts.listing_status"
    assert not Solution.objects.filter(url=NEW_URL).exists()
