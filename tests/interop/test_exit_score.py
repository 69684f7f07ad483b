"""The exit score from verifiable facts: each factor's fact comes from where docs/compatibility.md says, with
weights from settings; unknown facts give no points."""

import datetime as dt

import pytest

from catalogue_support import load_seed as load_catalogue
from lichtermeer.assessment.models import Admission, CheckResult
from lichtermeer.interop import selectors
from lichtermeer.municipalities import services as municipal
from lichtermeer.municipalities.models import Grouping
from municipal_support import municipality, staff_of

from .support import declared, make_solution

pytestmark = pytest.mark.django_db


def _factor(score, factor_id):
    return next(f for f in score.factors if f.id == factor_id)


def test_it_takes_every_fact_from_its_source(seeded, town, staff):
    solution = make_solution(
        "Offene Plattform", provides=[declared("ngsi-ld", "server", "1.6.1"), declared("mqtt", "server", "5.0"),
                                      declared("wms", "server", "1.3.0")],
        hosting=["saas", "managed-hosting"], license="EUPL-1.2", license_open=True,
        publiccode={"maintenance": {"type": "contract", "contractors": [{"name": "Betrieb Nord GmbH"},
                                                                        {"name": "betrieb nord gmbh"}]}})
    municipal.add_inventory_entry(actor=staff, municipality=town, solution=solution, status="production",
                                  operating_model="public-it-provider", operator_name="Rechenzentrum Süd")
    other = municipality("05315000", "Köln, Stadt")
    municipal.add_inventory_entry(actor=staff_of(other), municipality=other, solution=solution, status="planned",
                                  operating_model="own-operation")
    facts = selectors.exit_facts(solution)
    assert facts.licence == "EUPL-1.2" and facts.licence_open is True
    assert facts.standard_interfaces == ["ngsi-ld", "mqtt", "wms"]
    assert facts.self_hosting is True
    assert facts.operators == [solution.organisation.name, "Betrieb Nord GmbH", "betrieb nord gmbh",
                               "Rechenzentrum Süd"]
    assert facts.reuse_count == 1  # planned does not count
    assert facts.admission == "none"
    assert facts.export_formats is None
    score = selectors.exit_score_for(solution)
    assert _factor(score, "independent-operators").fraction == 1.0  # three distinct names
    assert _factor(score, "data-export").known is False
    assert score.score == round(100 * (20 + 15 + 15 + 15 + 5) / 100)


def test_weights_come_from_the_settings(seeded, settings):
    settings.EXIT_SCORE_WEIGHTS = {"open-licence": 1, "admission": 0}
    solution = make_solution("Nur Lizenz", license="MIT", license_open=True)
    score = selectors.exit_score_for(solution)
    assert score.score == 100 and score.total_weight == 1
    assert _factor(score, "reuse").weight == 0


def test_unstated_hosting_and_retired_standards_give_nothing(seeded, operator):
    from lichtermeer.interop import services
    from lichtermeer.interop.models import Standard

    solution = make_solution("Unklar", provides=[declared("wms", "server", "1.3.0")], hosting=[],
                             license="LicenseRef-proprietary", license_open=False)
    services.retire_standard(actor=operator, standard=Standard.objects.get(pk="wms"))
    facts = selectors.exit_facts(solution)
    assert facts.self_hosting is None and facts.standard_interfaces == []
    assert selectors.exit_score_for(solution).score == 0


def test_shared_services_count_as_operators(seeded, town):
    solution = make_solution("Geteilt")
    Grouping.objects.create(slug="verbund", kind=Grouping.Kind.SHARED_SERVICE, name="Verbund", operator=town,
                            solution=solution)
    assert town.name in selectors.operators(solution)


def test_export_formats_come_from_the_check_of_the_current_admission(seeded):
    from assessment_state import make_application

    version = load_catalogue()
    solution = make_solution("Exportierbar")
    application = make_application(solution, version)
    CheckResult.objects.create(application=application, check_id="declaration.export-formats", check_version="1",
                               status="pass", explanation_en="ok", explanation_de="ok", details={"formats": [
                                   {"name": "CSV", "class": "open"}, {"name": "XLS", "class": "proprietary"}]})
    admission = Admission.objects.create(solution=solution, application=application, catalogue_version=version,
                                         valid_until=dt.date(2099, 1, 1))
    facts = selectors.exit_facts(solution)
    assert facts.export_formats == ["CSV"] and facts.admission == "admitted"
    assert "declaration.export-formats" in facts.export_evidence
    Admission.objects.filter(pk=admission.pk).update(status=Admission.Status.GRACE)
    assert selectors.exit_facts(solution).admission == "transition"
    Admission.objects.filter(pk=admission.pk).update(status=Admission.Status.EXPIRED)
    facts = selectors.exit_facts(solution)
    assert facts.admission == "expired" and facts.export_formats is None
