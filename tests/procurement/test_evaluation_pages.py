"""The evaluation pages: create from a shortlist, criteria from the catalogue and own ones, the offer table, problems
shown (with offer and criterion named) before any score, then the result."""

from decimal import Decimal

from django.urls import reverse

from lichtermeer.procurement import services
from lichtermeer.procurement.models import Criterion, Evaluation, Score

from .support import scored_evaluation, shortlist_of


def _create(world, client):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate, world.portal])
    response = client.post(reverse("procurement:evaluation_create", args=[shortlist.pk]),
                           {"title": "Parksensorik", "reference": "VG-1", "subject": "Sensoren", "method": "simple"})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("procurement:criteria",
                                                                           args=[evaluation.pk])
    return evaluation


def test_it_creates_one_offer_per_shortlisted_solution(world, signed_in):
    evaluation = _create(world, signed_in(world.staff))
    offers = list(evaluation.offers.order_by("position"))
    assert [o.bidder for o in offers] == ["Radar GmbH", "Klima AG", "Portal eG"]
    assert [o.solution for o in offers] == [world.parking, world.climate, world.portal]
    assert evaluation.organisation == world.town.organisation
    assert {s["standard"] for s in evaluation.standards} == {"ngsi-ld"}


def test_catalogue_requirements_become_a_and_b_criteria_with_sources(world, signed_in):
    client = signed_in(world.staff)
    evaluation = _create(world, client)
    response = client.post(reverse("procurement:criteria_catalogue", args=[evaluation.pk]),
                           {"catalogue-requirements": ["LM-BF-01", "LM-OS-02"], "catalogue-parent": ""})
    assert response.status_code == 302
    must, should = evaluation.criteria.order_by("position")
    assert (must.kind, must.requirement_id, must.weight, must.obligation) == ("A", "LM-BF-01", None, "MUSS")
    assert (should.kind, should.requirement_id, should.weight) == ("B", "LM-OS-02", Decimal(10))
    assert must.catalogue_version == "1.0.0"
    assert "EN 301 549" in must.source and must.source_url.startswith("https://")
    # Taking them again changes nothing.
    client.post(reverse("procurement:criteria_catalogue", args=[evaluation.pk]),
                {"catalogue-requirements": ["LM-BF-01"]})
    assert evaluation.criteria.count() == 2


def test_own_criteria_groups_and_weights(world, signed_in):
    client = signed_in(world.staff)
    evaluation = _create(world, client)
    client.post(reverse("procurement:criteria_add", args=[evaluation.pk]),
                {"own-kind": "group", "own-title": "Betrieb", "own-weight": "100"})
    group = evaluation.criteria.get(kind="group")
    client.post(reverse("procurement:criteria_add", args=[evaluation.pk]),
                {"own-kind": "B", "own-title": "Schulung", "own-weight": "60", "own-parent": str(group.pk)})
    child = evaluation.criteria.get(kind="B")
    assert child.parent == group and child.code == "B1" and group.code == "G1"
    response = client.post(reverse("procurement:criteria_update", args=[evaluation.pk]),
                           {f"weight-{child.pk}": "100", f"kind-{child.pk}": "B"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.weight == 100
    response = client.post(reverse("procurement:criteria_update", args=[evaluation.pk]),
                           {f"weight-{child.pk}": "viel"})
    assert response.status_code == 422


def test_a_missing_price_is_shown_as_a_problem_before_any_score(world, signed_in):
    evaluation = scored_evaluation(world)
    offer = evaluation.offers.get(bidder="Klima AG")
    client = signed_in(world.staff)
    response = client.post("/en" + reverse("procurement:offers", args=[evaluation.pk]),
                           {f"price-{offer.pk}": "", "action": "evaluate"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "prevents the scoring" in html and "Klima AG" in html and "the price is missing" in html
    assert "Ranking" not in html and "Performance points (L)" not in html
    evaluation.refresh_from_db()
    assert evaluation.result == {}
    # Fixed: the result follows.
    response = client.post(reverse("procurement:offers", args=[evaluation.pk]),
                           {f"price-{offer.pk}": "80.000,00", "action": "evaluate"})
    assert response.status_code == 302 and response["Location"] == reverse("procurement:result",
                                                                           args=[evaluation.pk])


def test_problems_name_the_offer_and_criterion(world):
    evaluation = scored_evaluation(world)
    own = evaluation.criteria.get(code="B2")
    radar = evaluation.offers.get(bidder="Radar GmbH")
    Score.objects.filter(offer=radar, criterion=own).update(points=None)
    services.update_criteria(actor=world.staff, evaluation=evaluation, changes={own.pk: {"weight": Decimal(30)}})
    radar.price = 0
    radar.save()
    outcome = services.evaluate(actor=world.staff, evaluation=evaluation)
    found = {(p.offer.bidder if p.offer else None, p.criterion.code if p.criterion else None, p.field)
             for p in outcome.problems}
    assert ("Radar GmbH", "B2", "points") in found  # criterion without points
    assert ("Radar GmbH", None, "price") in found  # price of zero
    assert any(p.path == "criteria" and "100" in p.en for p in outcome.problems)  # weights do not sum
    subjects = [p.subject("de") for p in outcome.problems]
    assert "Angebot „Radar GmbH“, Kriterium B2 „Schulungskonzept“" in subjects


def test_an_a_criterion_without_a_result_is_a_problem(world):
    evaluation = scored_evaluation(world)
    a1 = evaluation.criteria.get(kind="A")
    Score.objects.filter(criterion=a1, offer__bidder="Klima AG").update(passed=None)
    outcome = services.evaluate(actor=world.staff, evaluation=evaluation)
    assert [(p.offer.bidder, p.criterion.code) for p in outcome.problems] == [("Klima AG", "A1")]


def test_hostile_table_input_is_refused_with_positions_and_nothing_saved(world, signed_in):
    evaluation = scored_evaluation(world)
    radar = evaluation.offers.get(bidder="Radar GmbH")
    b1 = evaluation.criteria.get(code="B1")
    a1 = evaluation.criteria.get(code="A1")
    response = signed_in(world.staff).post("/en" + reverse("procurement:offers", args=[evaluation.pk]), {
        f"price-{radar.pk}": "-5", f"score-{radar.pk}-{b1.pk}": "11", f"score-{radar.pk}-{a1.pk}": "vielleicht",
    })
    html = response.content.decode()
    assert response.status_code == 422
    assert "a price cannot be negative" in html and "is not a whole number of points from 0 to 10" in html
    assert f'href="#score-{radar.pk}-{b1.pk}"' in html
    radar.refresh_from_db()
    assert radar.price == Decimal("100000.00")
    assert Score.objects.get(offer=radar, criterion=b1).points == 8


def test_non_numbers_and_foreign_ids_are_ignored_or_refused(world, signed_in):
    evaluation = scored_evaluation(world)
    radar = evaluation.offers.get(bidder="Radar GmbH")
    client = signed_in(world.staff)
    response = client.post(reverse("procurement:offers", args=[evaluation.pk]), {f"price-{radar.pk}": "1e9999"})
    assert response.status_code == 422
    response = client.post(reverse("procurement:offers", args=[evaluation.pk]),
                           {"price-999999": "5", "score-1-999999": "3", "action": "save"})
    assert response.status_code == 302
    other = Criterion.objects.create(evaluation=scored_evaluation(world), kind="B", code="B9", title="fremd")
    response = client.post(reverse("procurement:criterion_remove", args=[evaluation.pk, other.pk]))
    assert response.status_code == 404


def test_ties_are_shown_before_the_ranking(world, signed_in):
    evaluation = scored_evaluation(world)
    radar, klima = evaluation.offers.get(bidder="Radar GmbH"), evaluation.offers.get(bidder="Klima AG")
    b1, b2 = evaluation.criteria.get(code="B1"), evaluation.criteria.get(code="B2")
    services.save_offers(actor=world.staff, evaluation=evaluation,
                         prices={radar.pk: Decimal(1000), klima.pk: Decimal(1000)},
                         scores={(klima.pk, b1.pk): 8, (klima.pk, b2.pk): 6})
    services.evaluate(actor=world.staff, evaluation=evaluation)
    html = signed_in(world.staff).get("/en" + reverse("procurement:result", args=[evaluation.pk])).content.decode()
    assert "Offers remain tied" in html
    assert html.index("Offers remain tied") < html.index("Ranking")
