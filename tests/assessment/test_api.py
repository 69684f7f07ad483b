"""The assessment API: public report and admission, applications for the people involved, and the writes of
providers, reviewers and the chair with their refusals as problem documents."""

import base64
import hashlib
from pathlib import Path

import pytest

from assessment_state import close, dispute, reviewed
from factories import SolutionFactory
from json_api import assert_problem
from lichtermeer.assessment.models import Application, Review

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"


def encoded(kind: str, name: str, data: bytes) -> dict:
    return {"kind": kind, "name": name, "content_base64": base64.b64encode(data).decode()}


def evidence_file(name: str, kind: str) -> dict:
    return encoded(kind, name, (DATA / name).read_bytes())


# --- reads ---------------------------------------------------------------------------------------------------


def test_the_public_report_exists_once_decided(api, world, admitted):
    body = assert_problem(api.get(f"/api/v1/solutions/{world.solution.slug}/assessment"), 404)
    assert body["type"].endswith(":no-report")
    response = api.get(f"/api/v1/solutions/{admitted.slug}/assessment", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    report = response.json()
    assert report["catalogue_version"] == "1.0.0" and report["outcome"] == "admitted"
    assert report["admission"]["status"] == "active" and report["admission"]["valid_until"] == "2028-12-02"
    assert report["decided_by"] == "Clara Chair"
    assert report["reference_versions"]["osv-snapshot"] == "2024-10-10T09:15:00Z"
    assert report["check_versions"]["vulnerabilities.osv"] == "1"
    rows = {row["requirement"]: row for row in report["requirements"]}
    assert len(rows) == 40 and report["counts"] == {"pass": 40}
    assert rows["LM-IS-04"]["decided_by"] == ["vulnerabilities.osv, version 1"]
    assert rows["LM-IS-04"]["checks"][0]["explanation"]["de"].startswith("Prüfung vulnerabilities.osv")
    assert rows["LM-IS-04"]["checks"][0]["location"] == "components[0]"
    assert rows["LM-DS-03"]["decided_by"] == ["Rita Reviewer", "Rolf Zweitpruefer"]
    assert rows["LM-DS-03"]["verdict_label"] == "met" and rows["LM-DS-03"]["source"] == "review"
    sbom = next(item for item in report["evidence"] if item["kind"] == "sbom")
    assert len(sbom["sha256"]) == 64 and sbom["size"] > 0
    text = response.content.decode()
    for user in (world.chair, world.reviewer, world.second, world.editor):
        assert user.email not in text


def test_the_admission_status_of_any_public_solution(api, world, admitted):
    none = api.get(f"/api/v1/solutions/{world.solution.slug}/admission").json()
    assert none["status"] == "none" and none["admitted"] is False and none["report_api_url"] is None
    body = api.get(f"/api/v1/solutions/{admitted.slug}/admission").json()
    assert body["admitted"] is True and body["catalogue_version"] == "1.0.0"
    assert body["badge_url"].endswith(f"/{admitted.slug}/badge.svg")
    assert body["report_api_url"] == f"/api/v1/solutions/{admitted.slug}/assessment"
    assert_problem(api.get("/api/v1/solutions/gibt-es-nicht/admission"), 404)


def test_an_application_is_visible_only_to_the_people_involved(api, api_as, world):
    address = f"/api/v1/applications/{world.application.pk}"
    assert_problem(api.get(address), 404)
    for outsider in (world.stranger, world.other_editor, world.member):
        assert_problem(api_as(outsider).get(address), 404)
    body = api_as(world.reviewer).get(address).json()
    assert body["status"] == "in_review" and body["submitted_by"] == "Erika Editor"
    assert {r["name"] for r in body["reviewers"]} == {"Rita Reviewer", "Rolf Zweitpruefer"}
    assert api_as(world.editor).get(address).status_code == 200
    assert_problem(api.get("/api/v1/applications/0"), 404)


# --- applying ------------------------------------------------------------------------------------------------


@pytest.fixture
def fresh(world):
    return SolutionFactory(organisation=world.organisation, name="Baustellen-Info", slug="baustellen-info",
                           listing_status="submitted")


def test_a_provider_applies_with_base64_evidence(api, api_as, world, fresh):
    address = f"/api/v1/solutions/{fresh.slug}/applications"
    payload = {"files": [evidence_file("security.txt", "securitytxt"), evidence_file("sbom-clean.cdx.json", "sbom")]}
    assert_problem(api.post_json(address, payload), 401)
    assert_problem(api_as(world.other_editor).post_json(address, payload), 403)
    response = api_as(world.editor).post_json(address, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["catalogue_version"] == "1.0.0"
    stored = {item["name"]: item for item in body["evidence"]}
    security = (DATA / "security.txt").read_bytes()
    assert stored["security.txt"]["sha256"] == hashlib.sha256(security).hexdigest()
    assert stored["security.txt"]["size"] == len(security)
    again = assert_problem(api_as(world.editor).post_json(address, payload), 409)
    assert again["type"].endswith(":already-open")


def test_it_refuses_bad_evidence_with_problems(api_as, world, fresh, settings):
    client, address = api_as(world.editor), f"/api/v1/solutions/{fresh.slug}/applications"
    twice = {"files": [encoded("sbom", "a.json", b"{}"), encoded("sbom", "b.json", b"{}")]}
    assert assert_problem(client.post_json(address, twice), 400)["type"].endswith(":duplicate-kind")
    unknown = {"files": [{"kind": "word", "name": "x.doc", "content_base64": ""}]}
    assert assert_problem(client.post_json(address, unknown), 422)["errors"][0]["key"] == "files[0].kind"
    not_base64 = {"files": [{"kind": "sbom", "name": "x.json", "content_base64": "***"}]}
    body = assert_problem(client.post_json(address, not_base64), 422)
    assert body["errors"][0]["key"] == "files[0].content_base64"
    assert assert_problem(client.post_json(address, {"files": []}), 400)["type"].endswith(":no-evidence")
    settings.EVIDENCE_MAX_FILE_BYTES = 100
    big = {"files": [evidence_file("sbom-clean.cdx.json", "sbom")]}
    body = assert_problem(client.post_json(address, big), 413)
    assert "sbom-clean.cdx.json" in body["errors"][0]["message_en"]
    assert not fresh.applications.exists()


def test_it_takes_bodies_beyond_the_general_limit_up_to_the_evidence_limit(api_as, world, fresh, settings):
    client, address = api_as(world.editor), f"/api/v1/solutions/{fresh.slug}/applications"
    large = b"{" + b" " * (3 * 1024 * 1024) + b"}"  # 4 MiB as base64: twice DATA_UPLOAD_MAX_MEMORY_SIZE
    assert len(base64.b64encode(large)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post_json(address, {"files": [encoded("sbom", "bom.json", large)]})
    assert response.status_code == 201, response.content[:500]
    assert fresh.applications.get().evidence.get().blob.size == len(large)
    settings.EVIDENCE_MAX_TOTAL_BYTES = 1024  # now the same body is far beyond what an application may carry
    other = SolutionFactory(organisation=world.organisation, listing_status="submitted")
    too_large = client.post_json(f"/api/v1/solutions/{other.slug}/applications",
                                 {"files": [encoded("sbom", "bom.json", large)]})
    assert_problem(too_large, 413)
    assert not other.applications.exists()


# --- reviewing and deciding ----------------------------------------------------------------------------------


def judgements(application, verdict="pass") -> dict:
    codes = application.verdicts.filter(verdict="needs_review").values_list("code", flat=True)
    return {"judgements": [{"requirement": code, "verdict": verdict, "comment": "Geprüft."} for code in codes]}


def test_reviewers_review_and_the_chair_decides(api_as, world):
    address = f"/api/v1/applications/{world.application.pk}"
    payload = judgements(world.application)
    assert_problem(api_as(world.editor).post_json(f"{address}/reviews", payload), 403)
    assert_problem(api_as(world.stranger).post_json(f"{address}/reviews", payload), 404)
    incomplete = {"judgements": payload["judgements"][:1]}
    assert assert_problem(api_as(world.reviewer).post_json(f"{address}/reviews", incomplete), 400)["type"].endswith(
        ":incomplete-review")
    assert api_as(world.reviewer).post_json(f"{address}/reviews", payload).status_code == 200
    open_decision = {"outcome": "admitted", "reasons": "Erfüllt."}
    assert assert_problem(api_as(world.chair).post_json(f"{address}/decision", open_decision), 409)["type"].endswith(
        ":review-open")
    body = api_as(world.second).post_json(f"{address}/reviews", payload).json()
    assert body["counts"] == {"pass": 40}
    assert Review.objects.filter(assignment__application=world.application).count() == 2 * len(
        payload["judgements"])
    assert_problem(api_as(world.editor).post_json(f"{address}/decision", open_decision), 403)
    decided = api_as(world.chair).post_json(f"{address}/decision", open_decision).json()
    assert decided["status"] == "admitted" and decided["decided_by"] == "Clara Chair"
    assert api_as(world.editor).get(f"/api/v1/solutions/{world.solution.slug}/admission").json()["admitted"]


def test_the_chair_resolves_disputes(api_as, world):
    reviewed(world.application, [world.reviewer, world.second])
    dispute(world.application, "LM-DS-03", [world.reviewer, world.second])
    address = f"/api/v1/applications/{world.application.pk}/resolutions"
    resolution = {"requirement": "LM-DS-03", "verdict": "fail", "reasons": "Nachweis fehlt."}
    assert_problem(api_as(world.reviewer).post_json(address, resolution), 403)
    body = api_as(world.chair).post_json(address, resolution).json()
    row = next(r for r in body["requirements"] if r["requirement"] == "LM-DS-03")
    assert row["verdict"] == "fail" and row["source"] == "chair" and "Clara Chair" in row["decided_by"]
    assert assert_problem(api_as(world.chair).post_json(address, resolution), 404)["type"].endswith(":not-disputed")
    refused = api_as(world.chair).post_json(f"/api/v1/applications/{world.application.pk}/decision",
                                            {"outcome": "admitted", "reasons": "Trotzdem."})
    assert assert_problem(refused, 409)["type"].endswith(":muss-failed")  # LM-DS-03 is a MUSS requirement


def test_the_provider_withdraws(api_as, world):
    address = f"/api/v1/applications/{world.application.pk}/withdraw"
    assert_problem(api_as(world.chair).post_json(address, {}), 403)
    assert api_as(world.editor).post_json(address, {}).json()["status"] == "withdrawn"
    assert_problem(api_as(world.editor).post_json(address, {}), 403)  # no longer open
    close_check = Application.objects.get(pk=world.application.pk)
    assert close_check.status == Application.Status.WITHDRAWN


def test_a_decided_application_takes_no_more_reviews(api_as, world):
    close(world.application, Application.Status.REJECTED, chair=world.chair)
    response = api_as(world.reviewer).post_json(f"/api/v1/applications/{world.application.pk}/reviews",
                                                judgements(world.application))
    assert_problem(response, 403)
