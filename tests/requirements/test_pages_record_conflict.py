"""The chair records a conflict of interest for another member; nobody else can, and that member cannot vote."""

import pytest
from django.test import Client

from catalogue_support import committee, load_seed, new_requirement
from lichtermeer.requirements import services
from lichtermeer.requirements.models import ConflictOfInterest

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    load_seed()
    chair, members = committee(2)
    proposal = services.submit_proposal(actor=members[0], kind="add", requirement_code="LM-OS-08", title="t",
                                        reasoning="r", proposed=new_requirement("LM-OS-08", category="open-interfaces"))
    return chair, members, proposal


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_chair_records_a_conflict_for_a_member(setup):
    chair, members, proposal = setup
    url = f"/requirements/proposals/{proposal.number}/"
    page = _as(chair).get(url).content.decode()
    assert 'name="member"' in page
    response = _as(chair).post(url + "record-conflict/", {"member": members[1].pk, "reason": "Berät den Anbieter."})
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.member, conflict.recorded_by) == (members[1], chair)


def test_a_member_cannot_record_a_conflict_for_someone_else(setup):
    chair, members, proposal = setup
    url = f"/requirements/proposals/{proposal.number}/"
    assert 'name="member"' not in _as(members[0]).get(url).content.decode()
    response = _as(members[0]).post(url + "record-conflict/", {"member": members[1].pk, "reason": "x"})
    assert response.status_code in (403, 422)
    assert not ConflictOfInterest.objects.exists()


def test_the_chair_cannot_pick_someone_outside_the_committee(setup):
    chair, members, proposal = setup
    from factories import UserFactory

    outsider = UserFactory()
    response = _as(chair).post(f"/requirements/proposals/{proposal.number}/record-conflict/",
                               {"member": outsider.pk, "reason": "x"})
    assert response.status_code == 422
    assert not ConflictOfInterest.objects.exists()


def test_a_member_updates_their_declared_interests_and_it_is_audited(setup):
    from lichtermeer.audit.models import AuditEntry

    chair, members, _ = setup
    response = _as(members[0]).post("/committee/interests/", {"declared_interests": "Beirat der Open Data GmbH."})
    assert response.status_code == 302
    assert "Beirat der Open Data GmbH." in Client().get("/committee/").content.decode()
    assert AuditEntry.objects.filter(action="committee.interests_declared").count() == 1


def test_someone_without_a_seat_cannot_declare_interests(setup):
    from factories import UserFactory

    response = _as(UserFactory()).post("/committee/interests/", {"declared_interests": "x"})
    assert response.status_code == 403
