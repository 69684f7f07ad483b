"""JSON API of the catalogue: reads (no account needed, except for the review list)."""

import pytest

from factories import UserFactory
from lichtermeer.engines import catalogue as engine

pytestmark = pytest.mark.django_db


def test_the_catalogue_in_force(api, two_versions, time_machine):
    time_machine.move_to("2026-05-20", tick=False)  # 1.1.0 is published but not yet in force
    response = api.get("/api/v1/catalogue")
    assert response.status_code == 200
    body = response.json()
    assert body["version"]["version"] == "1.0.0"
    assert body["version"]["in_force"] is True
    assert body["version"]["bump"] == "initial"
    assert body["version"]["changelog"] == {"de": "Erste Fassung.", "en": "First version."}
    assert body["version"]["yaml_url"] == "/requirements/versions/1.0.0/catalogue.yaml"
    assert body["upcoming"]["version"] == "1.1.0"
    assert body["upcoming"]["effective_from"] == "2026-06-01"
    ids = [r["id"] for r in body["requirements"]]
    assert ids == ["LM-BF-01", "LM-DS-01", "LM-DS-02", "LM-OS-01"]
    first = body["requirements"][1]
    assert first["title"] == {"de": "Daten in der EU", "en": "Data within the EU"}
    assert first["obligation"] == "MUSS" and first["obligation_label"] == "MUSS"
    assert first["category_label"] == "Datenschutz"
    assert first["api_url"] == "/api/v1/catalogue/requirements/LM-DS-01"


def test_labels_follow_the_request_language(api, catalogue):
    body = api.get("/api/v1/catalogue", HTTP_ACCEPT_LANGUAGE="en").json()
    first = next(r for r in body["requirements"] if r["id"] == "LM-DS-01")
    assert first["obligation_label"] == "MUST"
    assert first["category_label"] == "Data protection"
    assert first["html_url"] == "/en/requirements/LM-DS-01/"


def test_no_catalogue_is_a_problem(api, db, assert_problem):
    body = assert_problem(api.get("/api/v1/catalogue"), 404)
    assert body["type"] == "urn:lichtermeer:problem:no-catalogue"


def test_versions_newest_first(api, two_versions):
    body = api.get("/api/v1/catalogue/versions").json()
    assert [v["version"] for v in body["items"]] == ["1.1.0", "1.0.0"]
    assert body["items"][0]["bump"] == "minor"
    assert body["items"][0]["previous"] == "1.0.0"
    assert body["items"][0]["in_force"] is True


def test_one_version_with_its_requirements(api, two_versions):
    body = api.get("/api/v1/catalogue/versions/1.0.0").json()
    assert body["version"] == "1.0.0" and body["in_force"] is False
    assert body["description"]["en"] == "Minimum requirements for solutions."
    assert len(body["requirements"]) == 4


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_a_version_as_document(api, catalogue, kind):
    response = api.get("/api/v1/catalogue/versions/1.0.0", {"format": kind})
    assert response.status_code == 200
    assert response["Content-Type"] == f"application/{kind}; charset=utf-8"
    result = engine.load(response.content)
    assert result.valid and result.document == catalogue.document


def test_unknown_versions_are_problems(api, catalogue, assert_problem):
    assert_problem(api.get("/api/v1/catalogue/versions/9.9.9"), 404)
    assert_problem(api.get("/api/v1/catalogue/versions/banana"), 404)
    assert_problem(api.get("/api/v1/catalogue/versions/1.0.0", {"format": "pdf"}), 422)


def test_a_requirement_with_its_history(api, two_versions):
    body = api.get("/api/v1/catalogue/requirements/LM-DS-01", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["version"] == "1.1.0" and body["in_force"] is True
    assert body["statement"] == {"de": "Neue Aussage zur EU.", "en": "New statement on the EU."}
    assert body["applies_to"] == {"software_types": [], "operating_models": ["saas"]}
    assert {"kind": "contract", "label": "Contract document"} in body["evidence"]
    assert body["decided_by_reviewers"] is True
    assert body["references"][0]["url"].startswith("https://")
    assert [(e["version"], e["event"]) for e in body["history"]] == [("1.1.0", "changed"), ("1.0.0", "added")]
    change = body["history"][0]["change"]
    assert change["normative"] is True
    assert {"field": "statement.de", "from": "Aussage zu Daten in der EU.", "to": "Neue Aussage zur EU."} in (
        change["fields"]
    )
    assert body["retired_in"] is None


def test_a_retired_requirement_and_an_older_text(api, two_versions):
    body = api.get("/api/v1/catalogue/requirements/LM-BF-01").json()
    assert body["retired_in"] == "1.1.0" and body["version"] == "1.0.0" and body["in_force"] is False
    assert [e["event"] for e in body["history"]] == ["retired", "added"]
    body = api.get("/api/v1/catalogue/requirements/LM-DS-01", {"version": "1.0.0"}).json()
    assert body["statement"]["de"] == "Aussage zu Daten in der EU."
    assert body["checks"] == [] and body["version"] == "1.0.0"


def test_unknown_requirements_are_problems(api, catalogue, assert_problem):
    assert_problem(api.get("/api/v1/catalogue/requirements/LM-XX-99"), 404)
    assert_problem(api.get("/api/v1/catalogue/requirements/kein-code"), 404)
    assert_problem(api.get("/api/v1/catalogue/requirements/LM-DS-01", {"version": "5.0.0"}), 404)


def test_the_diff(api, two_versions):
    response = api.get("/api/v1/catalogue/diff", {"from": "1.0.0", "to": "1.1.0"})
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == "1.0.0" and body["to"] == "1.1.0" and body["bump"] == "minor"
    assert [r["id"] for r in body["added"]] == ["LM-IS-01"]
    assert [r["id"] for r in body["retired"]] == ["LM-BF-01"]
    assert body["changed"][0]["id"] == "LM-DS-01"
    assert {"field": "version", "from": "1.0.0", "to": "1.1.0"} not in body["metadata"]
    assert {"field": "published", "from": "2026-01-15", "to": "2026-05-01"} in body["metadata"]
    assert api.get("/api/v1/catalogue/diff").json() == body


def test_the_diff_refuses_unknown_versions(api, two_versions, assert_problem):
    body = assert_problem(api.get("/api/v1/catalogue/diff", {"from": "0.9.0", "to": "1.1.0"}), 404)
    assert body["errors"][0]["key"] == "from"
    assert_problem(api.get("/api/v1/catalogue/diff", {"from": "x"}), 422)


def test_the_committee(api, committee, former_member):
    body = api.get("/api/v1/catalogue/committee").json()
    names = [s["name"] for s in body["sitting"]]
    assert names[0] == "Clara Chair" and set(names) == {"Clara Chair", "Mia Member", "Max Mitglied"}
    member = next(s for s in body["sitting"] if s["name"] == "Mia Member")
    assert member["declared_interests"] == "Berät Anbieter X." and member["role"] == "member"
    assert [s["name"] for s in body["former"]] == ["Fritz Former"]
    assert "email" not in member


def test_the_review_list_is_for_the_committee_and_the_operator(api, api_as, catalogue, member, operator,
                                                              assert_problem):
    assert_problem(api.get("/api/v1/catalogue/review"), 403)
    assert_problem(api_as(UserFactory()).get("/api/v1/catalogue/review"), 403)
    for user in (member, operator):
        body = api_as(user).get("/api/v1/catalogue/review").json()
        assert body["version"] == "1.0.0"
        assert [r["id"] for r in body["overdue"]] == ["LM-DS-02"]
        assert [r["id"] for r in body["due_soon"]] == ["LM-BF-01"]
        assert body["overdue"][0]["review_overdue"] is True


def test_a_bad_token_is_refused_even_for_reads(api, catalogue, assert_problem):
    assert_problem(api.get("/api/v1/catalogue", HTTP_AUTHORIZATION="Bearer lm_nope"), 401)


def test_the_operations_are_documented(client, db):
    document = client.get("/api/v1/openapi.json").json()
    operations = {
        operation["operationId"]: operation
        for item in document["paths"].values()
        for operation in item.values()
        if "catalogue" in operation["tags"]
    }
    assert set(operations) == {
        "getCatalogue", "listCatalogueVersions", "getCatalogueVersion", "getRequirement", "diffCatalogueVersions",
        "listProposals", "getProposal", "addProposalComment", "castProposalVote", "getCommittee", "getReviewList",
    }
    assert operations["castProposalVote"]["security"] == [{"ApiTokenAuth": []}]
    assert "catalogue" in {tag["name"] for tag in document["tags"]}
