"""The embeddable SVG badge: the admission status in German or English, cacheable for a short time, never for a
draft."""

import datetime as dt

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import translation

from assessment_fixtures import admitted_solution
from lichtermeer.assessment.models import Admission
from lichtermeer.solutions.models import Solution

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def badge_url(solution) -> str:
    with translation.override("de"):
        return reverse("assessment:badge", args=[solution.slug])


def title_of(response) -> str:
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-label") == root.find(f"{SVG}title").text
    return root.find(f"{SVG}title").text


def test_an_admitted_solution_shows_catalogue_and_validity(client, world, admitted):
    response = client.get(badge_url(admitted))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert title_of(response) == "Lichtermeer: zugelassen · Katalog 1.0.0 · bis 2028-12-02"


def test_it_speaks_english_on_request(client, world, admitted):
    expected = "Lichtermeer: admitted · catalogue 1.0.0 · until 2028-12-02"
    assert title_of(client.get(badge_url(admitted) + "?lang=en")) == expected
    assert title_of(client.get("/en" + badge_url(admitted))) == expected
    assert title_of(client.get("/en" + badge_url(admitted) + "?lang=de")).startswith("Lichtermeer: zugelassen")
    assert title_of(client.get(badge_url(admitted) + "?lang=xx")).startswith("Lichtermeer: zugelassen")


def test_it_follows_the_admission_through_suspension_and_expiry(client, world):
    suspended = admitted_solution(world, name="Ausgesetzt", slug="ausgesetzt", status=Admission.Status.SUSPENDED)
    assert suspended.listing_status == Solution.ListingStatus.SUSPENDED
    assert title_of(client.get(badge_url(suspended))) == "Lichtermeer: ausgesetzt"
    expired = admitted_solution(world, name="Abgelaufen", slug="abgelaufen", status=Admission.Status.EXPIRED,
                                valid_until=dt.date(2026, 11, 30))
    assert title_of(client.get(badge_url(expired) + "?lang=en")) == "Lichtermeer: expired"
    grace = admitted_solution(world, name="Uebergang", slug="uebergang", status=Admission.Status.GRACE)
    assert title_of(client.get(badge_url(grace))) == "Lichtermeer: zugelassen (Übergangsfrist) · Katalog 1.0.0"


def test_a_listed_solution_without_admission_is_not_admitted(client, world):
    assert world.solution.listing_status == Solution.ListingStatus.SUBMITTED
    assert title_of(client.get(badge_url(world.solution))) == "Lichtermeer: nicht zugelassen"


def test_a_draft_has_no_badge(client, signed_in, world):
    Solution.objects.filter(pk=world.solution.pk).update(listing_status=Solution.ListingStatus.DRAFT)
    assert client.get(badge_url(world.solution)).status_code == 404
    assert signed_in(world.editor).get(badge_url(world.solution)).status_code == 404
    assert client.get("/zulassung/loesungen/gibt-es-nicht/badge.svg").status_code == 404
