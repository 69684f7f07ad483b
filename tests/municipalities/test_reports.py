"""Experience reports: written by the municipality's staff, published only after the operator's moderation."""

import pytest

from factories import OperatorFactory, SolutionFactory, UserFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.municipalities import selectors, services
from lichtermeer.municipalities.models import ExperienceReport
from municipal_support import municipality, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    town = municipality()
    return services.submit_report(actor=staff_of(town), municipality=town, solution=SolutionFactory(), rating=4,
                                  title="Gute Erfahrungen", body="Seit zwei Jahren stabil im Betrieb.")


def test_a_report_is_hidden_until_the_operator_publishes_it(report):
    assert selectors.published_reports(municipality=report.municipality) == []
    services.moderate_report(actor=OperatorFactory(), report=report, publish=True)
    assert selectors.published_reports(solution=report.solution) == [ExperienceReport.objects.get(pk=report.pk)]
    assert AuditEntry.objects.filter(action="report.moderated").count() == 1


def test_rejecting_needs_a_reason(report):
    with pytest.raises(services.MunicipalError, match="reason"):
        services.moderate_report(actor=OperatorFactory(), report=report, publish=False)
    services.moderate_report(actor=OperatorFactory(), report=report, publish=False, note="Werbung")
    assert ExperienceReport.objects.get(pk=report.pk).status == "rejected"


@pytest.mark.parametrize("role", ["staff", "stranger"])
def test_only_the_operator_moderates(report, role):
    actor = staff_of(report.municipality) if role == "staff" else UserFactory()
    with pytest.raises(services.MunicipalError):
        services.moderate_report(actor=actor, report=report, publish=True)
    assert ExperienceReport.objects.get(pk=report.pk).status == "pending"


def test_only_staff_of_the_municipality_report():
    town, other = municipality(), municipality("05315000", "Köln, Stadt")
    with pytest.raises(services.MunicipalError):
        services.submit_report(actor=staff_of(other), municipality=town, solution=SolutionFactory(), rating=5,
                               title="t", body="b")
    with pytest.raises(services.MunicipalError, match="1 to 5"):
        services.submit_report(actor=staff_of(town), municipality=town, solution=SolutionFactory(), rating=6,
                               title="t", body="b")
    assert not ExperienceReport.objects.exists()
