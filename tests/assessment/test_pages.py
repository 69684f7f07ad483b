"""Pages of assessment and admission: applying with evidence files, the application with its verdicts and the
forms of reviewers, chair and provider, the public report, the queue, conflicts and the solution page's box.

Each action is a POST to its own address: allowed roles are redirected back with a message, others get the
page with the reason and the refusal's status, anonymous visitors the sign-in page.
"""

import hashlib
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from assessment_state import close, dispute, make_application, reviewed
from factories import SolutionFactory
from lichtermeer.assessment.models import Application, Assignment, Review, ReviewerConflict
from lichtermeer.solutions.models import Solution, SolutionVersion

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"


def url(name: str, *args) -> str:
    """The German (unprefixed) address; prefix "/en" for English. After an English request, reverse() alone
    would keep answering in English."""
    with translation.override("de"):
        return reverse(f"assessment:{name}", args=args)


def detail(solution) -> str:
    with translation.override("de"):
        return solution.get_absolute_url()


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


# --- applying -----------------------------------------------------------------------------------------------


@pytest.fixture
def fresh(world):
    """A solution of the provider without any application."""
    return SolutionFactory(organisation=world.organisation, name="Baustellen-Info", slug="baustellen-info")


def test_applying_needs_an_editor_of_the_provider(client, signed_in, world, fresh):
    address = url("apply", fresh.slug)
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert signed_in(world.other_editor).get(address).status_code == 404  # a draft of another provider
    fresh.listing_status = Solution.ListingStatus.SUBMITTED
    fresh.save()
    assert signed_in(world.other_editor).get(address).status_code == 403
    assert signed_in(world.other_editor).post(address, {"securitytxt": upload("security.txt")}).status_code == 403
    assert not fresh.applications.exists()


def test_an_editor_uploads_evidence_with_a_kind_per_file(signed_in, world, fresh):
    client = signed_in(world.editor)
    page = client.get("/en" + url("apply", fresh.slug)).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="openapi"' in page and "multiple" in page
    assert "version 1.0.0" in page  # the catalogue version the application will be judged against
    openapi = [upload("api-a.json", b'{"openapi": "3.1.0"}'), upload("api-b.yaml", b"openapi: 3.0.3\n")]
    response = client.post(url("apply", fresh.slug), {
        "sbom": upload("sbom-clean.cdx.json"), "securitytxt": upload("security.txt"), "openapi": openapi})
    application = fresh.applications.get()
    assert response.status_code == 302 and response["Location"] == url("application", application.pk)
    assert f"#{application.pk}" in messages_of(response)[0]
    stored = {(item.kind, item.name): item.blob for item in application.evidence.select_related("blob")}
    assert set(stored) == {("sbom", "sbom-clean.cdx.json"), ("securitytxt", "security.txt"),
                           ("openapi", "api-a.json"), ("openapi", "api-b.yaml")}
    security = (DATA / "security.txt").read_bytes()
    assert stored["securitytxt", "security.txt"].sha256 == hashlib.sha256(security).hexdigest()
    assert application.status == Application.Status.SUBMITTED and application.catalogue_version == world.version
    assert Solution.objects.get(pk=fresh.pk).listing_status == Solution.ListingStatus.SUBMITTED


def test_the_listings_publiccode_is_the_default(signed_in, world, fresh):
    SolutionVersion.objects.create(solution=fresh, number=1, publiccode_yaml="name: Baustellen-Info\n")
    client = signed_in(world.editor)
    client.post(url("apply", fresh.slug), {"securitytxt": upload("security.txt"), "use_listing_publiccode": "on"})
    kinds = dict(fresh.applications.get().evidence.values_list("kind", "name"))
    assert kinds == {"securitytxt": "security.txt", "publiccode": "publiccode.yml"}


def test_it_refuses_files_over_the_size_limit(signed_in, world, fresh, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 100
    response = signed_in(world.editor).post("/en" + url("apply", fresh.slug),
                                            {"sbom": upload("sbom-clean.cdx.json")})
    assert response.status_code == 413
    assert "sbom-clean.cdx.json is larger than 100" in response.content.decode()
    assert not fresh.applications.exists()


def test_it_refuses_an_oversized_upload_before_reading_it(signed_in, world, fresh, settings):
    settings.EVIDENCE_MAX_TOTAL_BYTES = 10
    big = upload("bom.json", b"x" * (1024 * 1024 + 100))  # over the total limit plus the multipart allowance
    response = signed_in(world.editor).post(url("apply", fresh.slug), {"sbom": big})
    assert response.status_code == 413
    assert not fresh.applications.exists()


def test_a_second_open_application_is_refused(signed_in, world):
    client = signed_in(world.editor)
    page = client.get("/en" + url("apply", world.solution.slug)).content.decode()
    assert f"Application #{world.application.pk} for this solution is still open" in page
    response = client.post(url("apply", world.solution.slug), {"securitytxt": upload("security.txt")})
    assert response.status_code == 409
    assert world.solution.applications.count() == 1


# --- the application page -----------------------------------------------------------------------------------


def test_the_application_page_is_for_the_people_involved(client, signed_in, world):
    address = url("application", world.application.pk)
    assert client.get(address).status_code == 302
    for outsider in (world.stranger, world.other_editor, world.member):
        assert signed_in(outsider).get(address).status_code == 404
    for insider in (world.editor, world.reviewer, world.chair, world.operator):
        assert signed_in(insider).get(address).status_code == 200


def test_it_shows_evidence_verdicts_and_reviewers_in_the_active_language(signed_in, world):
    client = signed_in(world.editor)
    german = client.get(url("application", world.application.pk)).content.decode()
    assert "Prüfung licence.spdx-valid pass: der Nachweis erfüllt die Anforderung." in german
    assert "Check licence.spdx-valid pass" not in german
    english = client.get("/en" + url("application", world.application.pk)).content.decode()
    assert "Check licence.spdx-valid pass: the evidence meets the requirement." in english
    blob = world.application.evidence.get(kind="securitytxt").blob
    assert blob.sha256 in english and f"{blob.size} bytes" in english
    assert "components[0]" in english and "bom.cdx.json" in english  # where in the evidence
    assert "licence.spdx-valid, version 1" in english  # who decided: the check and its version
    assert "Rita Reviewer" in english and "Rolf Zweitpruefer" in english
    for user in (world.reviewer, world.second, world.editor):
        assert user.email not in english
    assert "Withdraw application" in english and "Submit review" not in english and "Record decision" not in english


def test_an_assigned_reviewer_judges_every_open_requirement(signed_in, world):
    open_codes = list(world.application.verdicts.filter(verdict="needs_review").values_list("code", flat=True))
    client = signed_in(world.reviewer)
    page = client.get("/en" + url("application", world.application.pk)).content.decode()
    assert page.count('type="radio" name="verdict_') == 2 * len(open_codes)
    incomplete = {f"verdict_{open_codes[0]}": "pass", f"reason_{open_codes[0]}": "Geprüft."}
    response = client.post(url("review", world.application.pk), incomplete)
    assert response.status_code == 422 and not Review.objects.exists()
    complete = {}
    for code in open_codes:
        complete.update({f"verdict_{code}": "pass", f"reason_{code}": f"Nachweis zu {code} geprüft."})
    response = client.post(url("review", world.application.pk), complete)
    assert response.status_code == 302 and response["Location"].endswith("#review")
    assert Review.objects.filter(assignment__reviewer=world.reviewer).count() == len(open_codes)
    again = client.post(url("review", world.application.pk), complete)
    assert again.status_code == 409 and "bereits abgegeben" in again.content.decode()  # once per reviewer


def test_agreeing_reviews_then_the_chairs_decision_admit_the_solution(signed_in, world):
    open_codes = list(world.application.verdicts.filter(verdict="needs_review").values_list("code", flat=True))
    for reviewer in (world.reviewer, world.second):
        data = {}
        for code in open_codes:
            data.update({f"verdict_{code}": "pass", f"reason_{code}": "Erfüllt."})
        assert signed_in(reviewer).post(url("review", world.application.pk), data).status_code == 302
    chair = signed_in(world.chair)
    assert "Record decision" in chair.get("/en" + url("application", world.application.pk)).content.decode()
    assert chair.post(url("decide", world.application.pk), {"outcome": "admitted"}).status_code == 422
    response = chair.post(url("decide", world.application.pk), {"outcome": "admitted", "reasons": "Erfüllt."})
    assert response.status_code == 302
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.ADMITTED
    assert Solution.objects.get(pk=world.solution.pk).listing_status == Solution.ListingStatus.ADMITTED


def test_the_chair_resolves_a_dispute_and_cannot_admit_before(signed_in, world):
    reviewed(world.application, [world.reviewer, world.second])
    dispute(world.application, "LM-DS-03", [world.reviewer, world.second])
    chair = signed_in(world.chair)
    page = chair.get("/en" + url("application", world.application.pk)).content.decode()
    assert "Requirements the reviewers disagree on" in page and 'value="LM-DS-03"' in page
    refused = chair.post(url("decide", world.application.pk), {"outcome": "admitted", "reasons": "Passt."})
    assert refused.status_code == 409 and "LM-DS-03" in refused.content.decode()
    response = chair.post(url("resolve", world.application.pk),
                          {"code": "LM-DS-03", "verdict": "pass", "reasons": "Der Nachweis reicht."})
    assert response.status_code == 302
    row = world.application.verdicts.get(code="LM-DS-03")
    assert row.verdict == "pass" and row.source == "chair" and "Clara Chair" in row.decided_by
    assert signed_in(world.editor).post(url("resolve", world.application.pk), {
        "code": "LM-DS-03", "verdict": "fail", "reasons": "x"}).status_code == 403


def test_the_provider_withdraws_an_open_application(signed_in, world):
    assert signed_in(world.reviewer).post(url("withdraw", world.application.pk)).status_code == 403
    response = signed_in(world.editor).post(url("withdraw", world.application.pk))
    assert response.status_code == 302
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.WITHDRAWN
    assert not world.application.assignments.filter(released_at__isnull=True).exists()


def test_the_chair_replaces_a_reviewer(signed_in, world):
    response = signed_in(world.chair).post(url("release", world.application.pk),
                                           {"reviewer": world.reviewer.pk, "reason": "Erkrankt."})
    assert response.status_code == 302
    active = set(world.application.assignments.filter(released_at__isnull=True).values_list("reviewer", flat=True))
    assert active == {world.second.pk, world.member.pk}  # the only other sitting member without a conflict
    released = Assignment.objects.get(application=world.application, reviewer=world.reviewer)
    assert released.release_reason == "Erkrankt."
    refused = signed_in(world.editor).post(url("release", world.application.pk),
                                           {"reviewer": world.second.pk, "reason": "Unbequem."})
    assert refused.status_code == 403


# --- the public report --------------------------------------------------------------------------------------


def test_the_report_is_public_once_decided(client, world, admitted):
    assert client.get(url("report", world.solution.slug)).status_code == 404  # only an open application
    response = client.get("/en" + url("report", admitted.slug))
    assert response.status_code == 200
    page = response.content.decode()
    application = admitted.applications.get()
    assert "Catalogue version" in page and ">1.0.0<" in page
    assert "2028-12-02" in page or "Dec. 2, 2028" in page  # valid until (24 months)
    assert "by Clara Chair (chair of the expert committee)" in page
    assert "Rita Reviewer, Rolf Zweitpruefer" in page  # who decided the reviewed requirements
    assert "licence.spdx-valid, version 1" in page  # and the checks, with their version
    assert "OSV advisories (newest change)" in page and "2024-10-10T09:15:00Z" in page
    assert application.evidence.get(kind="sbom").blob.sha256 in page
    assert f"http://testserver{url('badge', admitted.slug)}" in page  # the embed snippets use absolute addresses
    assert f"[![Lichtermeer admission status of {admitted.name}](http://testserver" in page
    assert "&lt;img src=&quot;http://testserver" in page  # the HTML snippet, escaped inside the text area
    for user in (world.chair, world.reviewer, world.second):
        assert user.email not in page


def test_a_drafts_report_stays_hidden(client, signed_in, world):
    close(world.application, Application.Status.RETURNED, chair=world.chair)
    Solution.objects.filter(pk=world.solution.pk).update(listing_status=Solution.ListingStatus.DRAFT)
    assert client.get(url("report", world.solution.slug)).status_code == 404
    response = signed_in(world.editor).get("/en" + url("report", world.solution.slug))
    assert response.status_code == 200 and "Bitte Nachweise ergänzen." in response.content.decode()


def test_the_solution_page_shows_the_admission_box(client, signed_in, world, admitted, fresh):
    page = client.get("/en" + detail(admitted)).content.decode()
    assert 'id="h-admission"' in page and url("report", admitted.slug) in page
    assert "Apply for admission" not in page
    Solution.objects.filter(pk=fresh.pk).update(listing_status=Solution.ListingStatus.SUBMITTED)
    editor_page = signed_in(world.editor).get("/en" + detail(fresh)).content.decode()
    assert url("apply", fresh.slug) in editor_page and "Not admitted" in editor_page
    open_page = signed_in(world.editor).get("/en" + detail(world.solution)).content.decode()
    assert f"Open application #{world.application.pk}" in open_page


# --- queue and conflicts ------------------------------------------------------------------------------------


def test_the_queue_lists_my_reviews_and_for_the_chair_all_open_applications(client, signed_in, world):
    assert client.get(url("queue")).status_code == 302
    assert signed_in(world.editor).get(url("queue")).status_code == 403
    reviewer_page = signed_in(world.reviewer).get("/en" + url("queue")).content.decode()
    assert f"#{world.application.pk} Parkraum-Radar" in reviewer_page and "Open applications" not in reviewer_page
    member_page = signed_in(world.member).get("/en" + url("queue")).content.decode()
    assert "No application is assigned to you." in member_page
    chair_page = signed_in(world.chair).get("/en" + url("queue")).content.decode()
    assert "Open applications" in chair_page and "Rita Reviewer" in chair_page
    assert signed_in(world.operator).get("/en" + url("queue")).status_code == 200


def test_a_reviewer_declares_a_conflict_and_is_replaced(signed_in, world):
    client = signed_in(world.reviewer)
    page = client.get("/en" + url("conflicts")).content.decode()
    assert "Anbieter Beispiel GmbH" in page  # providers with solutions are offered
    assert client.post(url("conflicts"), {"organisation": world.organisation.pk}).status_code == 422
    response = client.post(url("conflicts"), {"organisation": world.organisation.pk, "reason": "Früherer Kunde"})
    assert response.status_code == 302
    assert ReviewerConflict.objects.filter(member=world.reviewer, organisation=world.organisation).exists()
    assert not world.application.assignments.filter(reviewer=world.reviewer, released_at__isnull=True).exists()
    assert signed_in(world.editor).get(url("conflicts")).status_code == 403


def test_an_application_in_its_checks_says_so(signed_in, world, fresh):
    application = make_application(fresh, world.version, status=Application.Status.SUBMITTED, submitted_by=world.editor)
    page = signed_in(world.editor).get("/en" + url("application", application.pk)).content.decode()
    assert "The automated checks are running" in page and "SHA-256" in page

