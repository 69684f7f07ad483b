"""Each UfAB method through the app: criteria, offers and points from the models, the engine's result stored on
the evaluation and shown on the result page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lichtermeer.procurement import services

from .support import scored_evaluation


def _ranking(evaluation) -> list[str]:
    names = evaluation.result["names"]["offers"]
    return [names[i]["bidder"] for i in evaluation.result["ranking"]]


def test_simple_method_ranks_by_z(world):
    evaluation = scored_evaluation(world)
    outcome = services.evaluate(actor=world.staff, evaluation=evaluation)
    assert outcome.problems == []
    evaluation.refresh_from_db()
    # L = 60 × points + 40 × points: Radar 60·8 + 40·6 = 720 at 100 000 (Z 0.0072); Klima 560 at 80 000 (0.007).
    offers = {evaluation.result["names"]["offers"][o["id"]]["bidder"]: o for o in evaluation.result["offers"]}
    assert offers["Radar GmbH"]["L"] == 720 and offers["Klima AG"]["L"] == 560
    assert _ranking(evaluation) == ["Radar GmbH", "Klima AG"]
    assert offers["Portal eG"]["excluded"] is True


def test_extended_method_uses_band_and_decision(world):
    evaluation = scored_evaluation(world, method="extended", band=Decimal("0.05"), decision="price")
    services.evaluate(actor=world.staff, evaluation=evaluation)
    evaluation.refresh_from_db()
    # Z: Radar 0.0072, Klima 0.007 ≥ 0.0072 · 0.95 = 0.00684 → both in the band; price decides: Klima.
    assert evaluation.result["band_members"] and _ranking(evaluation)[0] == "Klima AG"


def test_weighted_method(world):
    evaluation = scored_evaluation(world, method="weighted", price_weight=Decimal("0.3"), price_formula="ratio")
    services.evaluate(actor=world.staff, evaluation=evaluation)
    evaluation.refresh_from_db()
    # Radar 0.7·72 + 0.3·80 = 74.4; Klima 0.7·56 + 0.3·100 = 69.2
    assert _ranking(evaluation) == ["Radar GmbH", "Klima AG"]


def test_simplified_method_takes_the_lowest_compliant_price(world):
    evaluation = scored_evaluation(world, method="simplified")
    outcome = services.evaluate(actor=world.staff, evaluation=evaluation)
    assert outcome.problems == []
    evaluation.refresh_from_db()
    assert _ranking(evaluation) == ["Klima AG", "Radar GmbH"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_result_page_shows_ranking_exclusions_and_explanation(world, signed_in, language):
    evaluation = scored_evaluation(world)
    services.evaluate(actor=world.staff, evaluation=evaluation)
    evaluation.refresh_from_db()
    prefix = "/en" if language == "en" else ""
    html = signed_in(world.staff).get(prefix + reverse("procurement:result", args=[evaluation.pk])).content.decode()
    assert html.index("Radar GmbH") < html.index("Klima AG")
    assert "Portal eG" in html and "A1" in html and "O3" not in html
    assert evaluation.result["explanation"][language][:30] in html.replace("&quot;", '"').replace("&#x27;", "'")
