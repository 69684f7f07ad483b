"""The admin of the governance: seats through the services, the record read-only."""

import datetime as dt

import pytest
from django.utils import timezone

from factories import OperatorFactory, UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.requirements import services
from lichtermeer.requirements.models import CatalogueVersion, CommitteeSeat, Decision, Proposal, Vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True))
    return client


def appointment(user, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "user": user.pk, "role": "member", "affiliation": "Stadt Beispiel", "declared_interests": "",
        "term_start": (today - dt.timedelta(days=1)).isoformat(),
        "term_end": (today + dt.timedelta(days=365)).isoformat(),
    }
    data.update(changes)
    return data


def test_the_operator_appoints_a_member_through_the_service(admin_client):
    user = UserFactory()
    response = admin_client.post("/admin/requirements/committeeseat/add/", appointment(user))
    assert response.status_code == 302, response.content.decode()[:3000]
    seat = CommitteeSeat.objects.get()
    assert seat.user == user and seat.affiliation == "Stadt Beispiel"
    assert AuditEntry.objects.filter(action="committee.member_appointed").count() == 1
    assert user.groups.filter(name="committee").exists()


def test_refusals_of_the_service_are_form_errors(admin_client, chair):
    response = admin_client.post("/admin/requirements/committeeseat/add/", appointment(UserFactory(), role="chair"))
    assert response.status_code == 200
    assert "bereits einen Vorsitz" in response.content.decode()
    response = admin_client.post("/admin/requirements/committeeseat/add/", appointment(chair))
    assert "bereits einen Sitz" in response.content.decode()
    assert CommitteeSeat.objects.count() == 1
    assert AuditEntry.objects.filter(action="committee.member_appointed").count() == 1


def test_a_seat_changes_only_its_declared_interests(admin_client, member):
    seat = CommitteeSeat.objects.get(user=member)
    page = admin_client.get(f"/admin/requirements/committeeseat/{seat.pk}/change/").content.decode()
    assert 'name="declared_interests"' in page and 'name="affiliation"' not in page
    response = admin_client.post(f"/admin/requirements/committeeseat/{seat.pk}/change/",
                                 {"declared_interests": "Keine.", "affiliation": "Gekapert"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.declared_interests == "Keine." and seat.affiliation == "Hochschule Beispiel"
    assert AuditEntry.objects.filter(action="committee.interests_declared").count() == 1


def test_the_operator_ends_a_term(admin_client, member):
    seat = CommitteeSeat.objects.get(user=member)
    response = admin_client.post("/admin/requirements/committeeseat/",
                                 {"action": "end_term_today", "_selected_action": [seat.pk]})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_early_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="committee.term_ended").exists()


@pytest.mark.parametrize("model", ["catalogueversion", "proposal", "vote", "decision"])
def test_the_record_is_read_only(voting_proposal, committee, admin_client, model):
    for user in committee.values():
        services.cast_vote(actor=user, proposal=voting_proposal, choice="yes")
    services.decide(actor=committee["chair"], proposal=voting_proposal, reasons="Einstimmig.")
    pk = {"catalogueversion": CatalogueVersion, "proposal": Proposal, "vote": Vote, "decision": Decision}[
        model].objects.first().pk
    assert admin_client.get(f"/admin/requirements/{model}/").status_code == 200
    assert admin_client.get(f"/admin/requirements/{model}/add/").status_code == 403
    page = admin_client.get(f"/admin/requirements/{model}/{pk}/change/")
    assert page.status_code == 200 and b'type="submit" value="Sichern"' not in page.content
    assert admin_client.post(f"/admin/requirements/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403


def test_staff_without_the_operator_role_sees_nothing(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/requirements/committeeseat/").status_code == 403
    assert client.get("/admin/requirements/committeeseat/add/").status_code == 403
    assert client.get("/admin/requirements/proposal/").status_code == 403
