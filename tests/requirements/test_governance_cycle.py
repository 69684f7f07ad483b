"""A full governance cycle: proposal → comments → vote → decision → publish v1.1.0 → diff v1.0.0..v1.1.0."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from catalogue_support import accept, committee, load_seed, new_requirement, requirement
from factories import UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.audit.services import verify_chain
from lichtermeer.engines import catalogue as engine
from lichtermeer.requirements import selectors, services
from lichtermeer.requirements.errors import GovernanceError
from lichtermeer.requirements.models import Proposal
from lichtermeer.requirements.signals import catalogue_published

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _next_code(version, prefix: str) -> str:
    numbers = [int(r["id"].rsplit("-", 1)[1]) for r in version.document["requirements"] if f"-{prefix}-" in r["id"]]
    return f"LM-{prefix}-{max(numbers) + 1:02d}"


@pytest.fixture
def published_events():
    events = []

    def receiver(sender, version, **kwargs):
        events.append(version.version)

    catalogue_published.connect(receiver)
    yield events
    catalogue_published.disconnect(receiver)


def test_a_full_cycle_publishes_a_minor_version(django_capture_on_commit_callbacks, published_events):
    v1 = load_seed()
    assert v1.version == "1.0.0"
    chair, (alice, bob, carol, dave) = committee(4)
    code = _next_code(v1, "OS")
    with time_machine.travel(START, tick=False):
        proposal = services.submit_proposal(
            actor=alice, kind="add", requirement_code=code, title="CalDAV für Terminlösungen",
            reasoning="Kommunen berichten von Lock-in bei Terminbuchung.",
            proposed=new_requirement(code, category="open-interfaces"),
        )
        assert proposal.comment_until == START + dt.timedelta(days=21)
        services.add_comment(actor=UserFactory(), proposal=proposal, body="Bitte auch iCalendar-Export nennen.")
        services.declare_conflict(actor=dave, proposal=proposal, reason="Mein Arbeitgeber vertreibt eine Terminlösung.")
        with pytest.raises(GovernanceError, match="comment period"):
            services.open_voting(actor=chair, proposal=proposal)

    with time_machine.travel(START + dt.timedelta(days=22), tick=False):
        with pytest.raises(GovernanceError, match="comment period"):
            services.add_comment(actor=UserFactory(), proposal=proposal, body="zu spät")
        services.open_voting(actor=chair, proposal=proposal)
        for voter, choice in ((chair, "yes"), (alice, "yes"), (bob, "no"), (carol, "yes")):
            services.cast_vote(actor=voter, proposal=proposal, choice=choice)
        with pytest.raises(GovernanceError):
            services.cast_vote(actor=dave, proposal=proposal, choice="yes")
        with pytest.raises(GovernanceError, match="already voted"):
            services.cast_vote(actor=bob, proposal=proposal, choice="yes")
        decision = services.decide(actor=chair, proposal=proposal, reasons="Breite Zustimmung; Einwand zu Aufwand.")
        assert (decision.outcome, decision.yes, decision.no, decision.eligible) == ("accepted", 3, 1, 4)

        with django_capture_on_commit_callbacks(execute=True):
            v11 = services.publish_version(
                actor=chair, changelog={"de": "CalDAV ergänzt.", "en": "CalDAV added."}
            )
    assert v11.version == "1.1.0" and v11.bump == "minor"
    assert v11.transition_until == v11.effective_from + dt.timedelta(days=180)
    assert published_events == ["1.1.0"]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PUBLISHED and proposal.published_in == v11

    difference = selectors.diff(v1, v11).to_dict()
    assert [a["id"] for a in difference["added"]] == [code]
    assert difference["bump"] == "minor" and not difference["retired"]

    out = io.StringIO()
    call_command("catalogue_diff", "1.0.0", "1.1.0", "--json", stdout=out)
    assert json.loads(out.getvalue())["added"][0]["id"] == code

    out = io.StringIO()
    call_command("catalogue_export", "--version", "1.1.0", "--format", "json", stdout=out)
    assert engine.load(out.getvalue()).document == v11.document

    actions = list(AuditEntry.objects.values_list("action", flat=True))
    for action in ("catalogue.version_imported", "proposal.submitted", "proposal.conflict_declared",
                   "proposal.voting_opened", "proposal.vote_cast", "proposal.decided", "catalogue.version_published"):
        assert action in actions
    assert actions.count("proposal.vote_cast") == 4
    assert verify_chain() == []


def _through_vote(proposal, chair, voters, now):
    with time_machine.travel(now + dt.timedelta(days=22), tick=False):
        accept(proposal, chair, voters)


def test_adding_a_must_requirement_is_a_major_version(django_capture_on_commit_callbacks, published_events):
    v1 = load_seed()
    chair, members = committee(2)
    code = _next_code(v1, "IS")
    with time_machine.travel(START, tick=False):
        proposal = services.submit_proposal(
            actor=members[0], kind="add", requirement_code=code, title="Neue MUSS-Anforderung", reasoning="Nötig.",
            proposed=new_requirement(code, category="information-security", obligation="MUSS"),
        )
    _through_vote(proposal, chair, [chair, *members], START)
    with (
        time_machine.travel(START + dt.timedelta(days=23), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        version = services.publish_version(actor=chair)
    assert (version.version, version.bump) == ("2.0.0", "major")
    assert published_events == ["2.0.0"]


def test_a_declared_tightening_of_a_must_requirement_is_major(django_capture_on_commit_callbacks):
    v1 = load_seed()
    chair, members = committee(2)
    must = next(r for r in v1.document["requirements"] if r["obligation"] == "MUSS")
    changed = requirement(v1, must["id"])
    changed["statement"]["de"] += " Dies gilt auch für Testsysteme."
    changed["statement"]["en"] += " This applies to test systems too."
    with time_machine.travel(START, tick=False):
        proposal = services.submit_proposal(
            actor=members[0], kind="change", requirement_code=must["id"], title="Verschärfung", reasoning="Lücke.",
            proposed=changed, tightens=True,
        )
    _through_vote(proposal, chair, [chair, *members], START)
    with time_machine.travel(START + dt.timedelta(days=23), tick=False):
        version = services.publish_version(actor=chair)
    assert version.version == "2.0.0"
    assert selectors.diff(v1, version).to_dict()["changed"][0]["tightening"] is True


def test_retiring_a_requirement_is_minor_and_keeps_its_history():
    v1 = load_seed()
    chair, members = committee(2)
    code = next(r["id"] for r in v1.document["requirements"] if r["obligation"] == "KANN")
    with time_machine.travel(START, tick=False):
        proposal = services.submit_proposal(actor=members[0], kind="retire", requirement_code=code,
                                            title="Überholt", reasoning="Durch neue Regel ersetzt.")
    _through_vote(proposal, chair, [chair, *members], START)
    with time_machine.travel(START + dt.timedelta(days=23), tick=False):
        version = services.publish_version(actor=chair)
    assert version.version == "1.1.0"
    assert code not in {r.code for r in version.requirements.all()}
    assert [r.catalogue_version.version for r in selectors.requirement_history(code)] == ["1.0.0"]
    with pytest.raises(GovernanceError, match="never reused"):
        services.submit_proposal(actor=members[0], kind="add", requirement_code=code, title="x", reasoning="y",
                                 proposed=requirement(v1, code))


def test_a_vote_without_quorum_rejects_the_proposal():
    v1 = load_seed()
    chair, members = committee(4)
    code = _next_code(v1, "BW")
    with time_machine.travel(START, tick=False):
        proposal = services.submit_proposal(
            actor=members[0], kind="add", requirement_code=code, title="t", reasoning="r",
            proposed=new_requirement(code, category="operation-maintenance"),
        )
    with time_machine.travel(START + dt.timedelta(days=22), tick=False):
        services.open_voting(actor=chair, proposal=proposal)
        services.cast_vote(actor=members[0], proposal=proposal, choice="yes")
        services.cast_vote(actor=members[1], proposal=proposal, choice="yes")
        with pytest.raises(GovernanceError, match="still open"):
            services.decide(actor=chair, proposal=proposal, reasons="zu früh")
    with time_machine.travel(START + dt.timedelta(days=37), tick=False):
        with pytest.raises(GovernanceError, match="not open"):
            services.cast_vote(actor=members[2], proposal=proposal, choice="yes")
        decision = services.decide(actor=chair, proposal=proposal, reasons="Quorum verfehlt.")
    # 2 of 5 eligible voted: below the default quorum of one half.
    assert (decision.outcome, decision.quorum_met, decision.majority_met) == ("rejected", False, True)
    with pytest.raises(GovernanceError, match="no accepted proposals"):
        services.publish_version(actor=chair)


def test_nothing_is_half_saved_when_a_proposal_is_invalid():
    v1 = load_seed()
    _, members = committee(1)
    broken = new_requirement("LM-OS-99", category="accessibility")
    from lichtermeer.requirements.errors import CatalogueRejected

    with pytest.raises(CatalogueRejected) as rejected:
        services.submit_proposal(actor=members[0], kind="add", requirement_code="LM-OS-99", title="t", reasoning="r",
                                 proposed=broken)
    assert rejected.value.findings
    assert not Proposal.objects.exists()
    assert selectors.latest_version() == v1


def test_a_change_proposal_must_change_something():
    v1 = load_seed()
    _, members = committee(1)
    with pytest.raises(GovernanceError, match="same as the current"):
        services.submit_proposal(actor=members[0], kind="change", requirement_code="LM-OS-02", title="t",
                                 reasoning="r", proposed=requirement(v1, "LM-OS-02"))
    assert not Proposal.objects.exists()


def test_a_new_version_never_takes_effect_before_its_predecessor():
    v1 = load_seed()  # takes effect on 2026-12-01
    chair, members = committee(2)
    code = _next_code(v1, "OS")
    before = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    with override_settings(COMMITTEE_COMMENT_DAYS=0), time_machine.travel(before, tick=False):
        proposal = services.submit_proposal(actor=members[0], kind="add", requirement_code=code, title="t",
                                            reasoning="r", proposed=new_requirement(code, category="open-interfaces"))
    with time_machine.travel(before + dt.timedelta(minutes=1), tick=False):
        accept(proposal, chair, [chair, *members])
        with pytest.raises(GovernanceError, match="before version 1.0.0"):
            services.publish_version(actor=chair, effective_from=dt.date(2026, 11, 15))
        version = services.publish_version(actor=chair)
    assert version.effective_from == dt.date(2026, 12, 1)
