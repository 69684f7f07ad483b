"""From application to admission, through a catalogue change to re-assessment, and to expiry."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from assessment_support import DATA, committee, evidence, load_seed, provider_solution, review_all, seat
from lichtermeer.assessment import advisories, lifecycle, services
from lichtermeer.assessment.errors import AssessmentError
from lichtermeer.assessment.models import Admission, Application, CheckResult, RequirementVerdict
from lichtermeer.audit.models import AuditEntry
from lichtermeer.requirements import services as governance
from lichtermeer.solutions.models import Solution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seed(db):
    return load_seed()


def _apply(solution, editor, **kwargs):
    # The immediate task backend runs the checks on commit; in a test transaction, run them directly.
    application = services.apply(actor=editor, solution=solution, files=evidence(solution, **kwargs))
    services.run_checks(application_id=application.pk)
    application.refresh_from_db()
    return application


@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_it_walks_a_solution_from_application_to_admission(seed, django_capture_on_commit_callbacks):
    chair, members = committee(3)
    solution, editor = provider_solution()
    application = _apply(solution, editor)

    assert application.catalogue_version == seed
    assert application.status == Application.Status.IN_REVIEW
    by_code = {v.code: v for v in application.verdicts.all()}
    assert len(by_code) == len(seed.document["requirements"])
    assert by_code["LM-LQ-02"].verdict == "pass" and by_code["LM-LQ-02"].source == "check"  # EUPL-1.2 is valid SPDX
    assert by_code["LM-IS-03"].verdict in ("pass", "fail")  # decided by the SBOM checks
    assert by_code["LM-DS-03"].verdict == "needs_review"  # no deciding check
    assert CheckResult.objects.filter(application=application, check_id="vulnerabilities.osv").exists()
    assert application.reference_versions["today"] == "2026-12-02"

    reviewers = [a.reviewer for a in application.assignments.all()]
    assert len(reviewers) == 2 and chair not in reviewers and set(reviewers) <= set(members)
    review_all(application, reviewers)
    application.refresh_from_db()
    assert not application.verdicts.filter(verdict__in=["needs_review", "disputed"]).exists()

    blocking = services.blocking_requirements(application)
    if blocking:  # the checks found a real gap: admission is refused, returning works
        with pytest.raises(AssessmentError):
            services.decide(actor=chair, application=application, outcome="admitted", reasons="ok")
        pytest.fail(f"the test evidence should meet every MUSS requirement, blocking: {blocking}")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(actor=chair, application=application, outcome="admitted",
                        reasons="Alle Anforderungen erfüllt.")
    solution.refresh_from_db()
    admission = solution.admissions.get()
    assert solution.listing_status == Solution.ListingStatus.ADMITTED
    assert admission.valid_until == dt.date(2028, 12, 2)
    assert AuditEntry.objects.filter(action="admission.granted").count() == 1
    assert any("zugelassen" in message.body for message in mail.outbox)


@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_it_never_assigns_a_reviewer_with_a_conflict(seed):
    chair, members = committee(4)
    solution, editor = provider_solution()
    services.declare_conflict(actor=members[0], organisation=solution.organisation, reason="Wettbewerber")
    seat(members[1].__class__.objects.create(username="kollege"), affiliation=solution.organisation.name)
    application = _apply(solution, editor)
    assigned = {a.reviewer for a in application.assignments.all()}
    assert members[0] not in assigned
    assert all(u.username != "kollege" for u in assigned)
    assert len(assigned) == 2


@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_disagreeing_reviewers_leave_the_requirement_to_the_chair(seed):
    chair, members = committee(2)
    solution, editor = provider_solution()
    application = _apply(solution, editor)
    first, second = [a.reviewer for a in application.assignments.all()]
    review_all(application, [first], "pass")
    review_all(application, [second], "fail")
    disputed = application.verdicts.filter(verdict="disputed")
    assert disputed.count() > 0
    with pytest.raises(AssessmentError):
        services.decide(actor=chair, application=application, outcome="admitted", reasons="ok")
    for row in disputed:
        services.resolve_dispute(actor=chair, application=application, code=row.code, verdict="pass",
                                 reasons="Nachweis reicht aus.")
    services.decide(actor=chair, application=application, outcome="returned", reasons="Bitte Nachweise ergänzen.")
    application.refresh_from_db()
    assert application.status == "returned"
    assert Solution.objects.get(pk=solution.pk).listing_status == Solution.ListingStatus.DRAFT


@time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False)
def test_a_known_vulnerability_fails_the_requirement(seed):
    advisories.import_path(path=str(DATA / "osv"))
    committee(2)
    solution, editor = provider_solution()
    application = _apply(solution, editor, sbom="sbom-vulnerable.cdx.json")
    result = CheckResult.objects.get(application=application, check_id="vulnerabilities.osv")
    # The pypa records state no severity: a reviewer rates them; the requirement can never pass unseen.
    assert result.status == "needs_review"
    assert "PYSEC-2021-66" in result.explanation_en and "2021-11-22" in result.explanation_en
    assert {a["id"] for a in result.details["advisories"]} == {"PYSEC-2019-217", "PYSEC-2021-66"}
    assert application.verdicts.get(code="LM-IS-04").verdict == "needs_review"


def _admitted(seed, chair, members):
    solution, editor = provider_solution()
    application = _apply(solution, editor)
    review_all(application, [a.reviewer for a in application.assignments.all()])
    services.decide(actor=chair, application=application, outcome="admitted", reasons="Erfüllt.")
    return solution, editor


def _publish_tightening(seed, members):
    """The committee makes a valid security.txt (LM-IS-02, decided by its check) a MUSS: a major version."""
    from catalogue_support import requirement

    proposed = requirement(seed, "LM-IS-02")
    proposed["obligation"] = "MUSS"
    return governance.submit_proposal(actor=members[0], kind="change", requirement_code="LM-IS-02",
                                      proposed=proposed, tightens=True, title="security.txt wird Pflicht",
                                      reasoning="Meldewege für Sicherheitslücken sind unverzichtbar.")


def test_a_catalogue_change_reassesses_admitted_solutions_and_they_expire(seed):
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):
        chair, members = committee(3)
        solution, editor = _admitted(seed, chair, members)
        clean, _ = _admitted(seed, chair, members)
        # The first solution's new SBOM will carry a known vulnerability once the advisories are imported.
        advisories.import_path(path=str(DATA / "osv"))
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC), tick=False):
        proposal = _publish_tightening(seed, members)
    with time_machine.travel(dt.datetime(2026, 12, 30, 9, tzinfo=dt.UTC), tick=False):
        from catalogue_support import accept

        accept(proposal, chair, [chair, *members])
        version = governance.publish_version(actor=chair, effective_from=dt.date(2027, 1, 1),
                                             transition_until=dt.date(2027, 6, 30))
        assert version.version == "2.0.0"
        assert lifecycle.run_daily(today=dt.date(2026, 12, 31))["reassessed"] == []  # not in force yet
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        report = lifecycle.run_daily(today=dt.date(2027, 1, 1))
        assert report["reassessed"] == [{"version": "2.0.0", "solutions": 2, "failing": 0, "to_review": 0}]
        for item in (solution, clean):
            admission = Admission.objects.get(solution=item, status="active")
            assert admission.catalogue_version == version
            assert admission.valid_until == dt.date(2028, 12, 2)  # validity kept
            new = admission.application
            assert new.kind == "reassessment"
            # Human verdicts for unchanged requirements are carried over; the new one is decided by its check.
            assert new.verdicts.get(code="LM-DS-03").source == RequirementVerdict.Source.CARRIED
            assert new.verdicts.get(code="LM-IS-02").source == RequirementVerdict.Source.CHECK
        assert lifecycle.run_daily(today=dt.date(2027, 1, 2))["reassessed"] == []  # once per version

    with time_machine.travel(dt.datetime(2028, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        mail.outbox.clear()
        counts = lifecycle.expire_and_remind(today=dt.date(2028, 10, 3))
        assert counts["reminded"] == 2
        assert lifecycle.expire_and_remind(today=dt.date(2028, 10, 4))["reminded"] == 0
    with time_machine.travel(dt.datetime(2028, 12, 3, 9, tzinfo=dt.UTC), tick=False):
        counts = lifecycle.expire_and_remind(today=dt.date(2028, 12, 3))
        assert counts["expired"] == 2
        solution.refresh_from_db()
        assert solution.listing_status == Solution.ListingStatus.EXPIRED
        assert AuditEntry.objects.filter(action="admission.expired").count() == 2


def test_a_failing_reassessment_keeps_the_admission_until_the_transition_ends(seed, django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):
        chair, members = committee(3)
        solution, editor = provider_solution()
        # Its security.txt expires on 2026-12-20: fine today, expired when the new version takes effect.
        application = _apply(solution, editor, securitytxt="security-expiring.txt")
        review_all(application, [a.reviewer for a in application.assignments.all()])
        services.decide(actor=chair, application=application, outcome="admitted", reasons="Erfüllt.")
        proposal = _publish_tightening(seed, members)
    with time_machine.travel(dt.datetime(2026, 12, 30, 9, tzinfo=dt.UTC), tick=False):
        from catalogue_support import accept

        accept(proposal, chair, [chair, *members])
        version = governance.publish_version(actor=chair, effective_from=dt.date(2027, 1, 1),
                                             transition_until=dt.date(2027, 6, 30))
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            report = lifecycle.run_daily(today=dt.date(2027, 1, 1))
        assert report["reassessed"][0]["failing"] == 1
        admission = Admission.objects.get(solution=solution, status__in=["active", "grace"])
        assert admission.status == "grace" and admission.grace_until == dt.date(2027, 6, 30)
        assert Solution.objects.get(pk=solution.pk).listing_status == "admitted"
        assert any("Übergangsfrist" in m.body for m in mail.outbox)
        returned = Application.objects.get(solution=solution, kind="reassessment")
        assert returned.status == "returned" and "LM-IS-02" in returned.decision_reason
        assert version.version == "2.0.0"
    with time_machine.travel(dt.datetime(2027, 7, 1, 9, tzinfo=dt.UTC), tick=False):
        counts = lifecycle.expire_and_remind(today=dt.date(2027, 7, 1))
        assert counts["suspended"] == 1
        assert Solution.objects.get(pk=solution.pk).listing_status == "suspended"


def test_evidence_is_immutable_and_nothing_is_half_saved(seed):
    solution, editor = provider_solution()
    too_big = [("sbom", "bom.json", b"x" * (11 * 1024 * 1024))]
    with pytest.raises(AssessmentError) as caught:
        services.apply(actor=editor, solution=solution, files=too_big)
    assert caught.value.status == 413
    assert not Application.objects.exists()
    application = services.apply(actor=editor, solution=solution, files=evidence(solution))
    item = application.evidence.first()
    with pytest.raises(ValueError):
        item.save()
    from django.db import DatabaseError, connection, transaction

    # SQLite's RAISE(ABORT) arrives as IntegrityError, PostgreSQL's RAISE EXCEPTION as ProgrammingError.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE assessment_evidenceblob SET size = 1")


def test_it_refuses_strangers_and_a_second_open_application(seed):
    from factories import UserFactory

    solution, editor = provider_solution()
    with pytest.raises(AssessmentError) as caught:
        services.apply(actor=UserFactory(), solution=solution, files=evidence(solution))
    assert caught.value.status == 403
    services.apply(actor=editor, solution=solution, files=evidence(solution))
    with pytest.raises(AssessmentError) as caught:
        services.apply(actor=editor, solution=solution, files=evidence(solution))
    assert caught.value.code == "already-open"


def test_a_reassessment_reuses_pure_results_and_reruns_what_depends_on_new_data(seed, settings, monkeypatch):
    from lichtermeer.engines.checks import registry

    settings.REASSESSMENT_WORKERS = 1  # count the check runs in this process
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):
        chair, members = committee(3)
        solution, _editor = _admitted(seed, chair, members)
        proposal = _publish_tightening(seed, members)
    with time_machine.travel(dt.datetime(2026, 12, 30, 9, tzinfo=dt.UTC), tick=False):
        from catalogue_support import accept

        accept(proposal, chair, [chair, *members])
        governance.publish_version(actor=chair, effective_from=dt.date(2027, 1, 1))
        advisories.import_path(path=str(DATA / "osv"))  # new advisory data since the admission
    ran = []
    original = registry.run_check
    monkeypatch.setattr(registry, "run_check", lambda chk, *args: ran.append(chk.id) or original(chk, *args))
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        lifecycle.run_daily(today=dt.date(2027, 1, 1))
    assert "sbom.valid" not in ran and "publiccode.valid" not in ran  # same evidence, same check version
    assert "vulnerabilities.osv" in ran  # the advisory snapshot changed
    assert "security-txt.valid" in ran  # depends on the date
    new = Application.objects.get(solution=solution, kind="reassessment")
    before = CheckResult.objects.get(application=new.previous, check_id="sbom.valid")
    after = CheckResult.objects.get(application=new, check_id="sbom.valid")
    assert (after.status, after.explanation_de, after.location) == (before.status, before.explanation_de,
                                                                     before.location)
    assert new.reference_versions["osv-snapshot"] == "2021-11-22"
