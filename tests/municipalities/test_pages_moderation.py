"""Moderation of experience reports by the operator: publish or reject with a reason."""

import pytest

from factories import UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities.models import ExperienceReport
from municipal_support import staff_of

pytestmark = pytest.mark.django_db
URL = "/municipalities/reports/moderation/"


@pytest.fixture
def report(town, solution):
    return ExperienceReport.objects.create(municipality=town, solution=solution, author=staff_of(town), rating=5,
                                           title="Sehr zufrieden", body="Die Einführung ging schnell.")


def test_the_operator_sees_pending_reports(signed_in, operator, report):
    client = signed_in(operator)
    page = client.get("/en" + URL).content.decode()
    assert "Sehr zufrieden" in page and "Die Einführung ging schnell." in page
    assert "rating 5 of 5" in page
    assert client.get(URL).status_code == 200
    assert "/municipalities/reports/moderation/" in client.get("/municipalities/").content.decode()


def test_others_may_not_moderate(client, signed_in, town, report):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (UserFactory(), staff_of(town)):
        other = signed_in(user)
        assert other.get(URL).status_code == 403
        assert other.post(f"/municipalities/reports/{report.pk}/moderate/", {"decision": "publish"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "pending"


def test_publishing_shows_the_report(client, signed_in, operator, report):
    response = signed_in(operator).post(f"/municipalities/reports/{report.pk}/moderate/", {"decision": "publish"})
    assert response.status_code == 302 and response["Location"] == URL
    report.refresh_from_db()
    assert report.status == "published"
    assert AuditEntry.objects.filter(action="report.moderated").count() == 1
    assert "Sehr zufrieden" in client.get("/municipalities/09162000/").content.decode()
    assert "Sehr zufrieden" in client.get("/solutions/parkraum-plus/").content.decode()


def test_rejecting_needs_a_reason(signed_in, operator, report):
    client = signed_in(operator)
    response = client.post(f"/en/municipalities/reports/{report.pk}/moderate/", {"decision": "reject"})
    assert response.status_code == 422
    assert "Give a reason" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "pending"
    response = client.post(f"/municipalities/reports/{report.pk}/moderate/",
                           {"decision": "reject", "note": "Werbung."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "rejected" and report.moderation_note == "Werbung."
    assert f'id="pending-{report.pk}"' not in client.get(URL).content.decode()


def test_an_unknown_report_is_404(signed_in, operator, db):
    assert signed_in(operator).post("/municipalities/reports/999/moderate/", {"decision": "publish"}).status_code == 404
