"""The quick works-with list and filter set: the same answers as comparing every public solution in full, full
objects only for the partners shown, no long id lists in queries."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lichtermeer.engines.interop import compare
from lichtermeer.interop import selectors
from lichtermeer.interop.templatetags import interop_tags
from lichtermeer.municipalities import services as municipal
from lichtermeer.solutions.models import Solution

from .support import declared, make_solution

pytestmark = pytest.mark.django_db

STANDARDS = ["mqtt", "ngsi-ld", "wfs", "oidc", "lorawan", "geojson", "not-registered"]
ROLES = ["server", "client", "publisher", "subscriber", "provider", "consumer", ""]
VERSIONS = ["", "1.0.4", "1.6.1", "1.8", "2.0", "2.0.0", "3.1.1", "5.0", "x"]


def _random_catalogue(count: int, seed: int = 7) -> list[Solution]:
    rng = random.Random(seed)

    def some():
        return [declared(rng.choice(STANDARDS), rng.choice(ROLES), rng.choice(VERSIONS))
                for _ in range(rng.randint(0, 3))]

    return [make_solution(f"Loesung {i:02d}", provides=some(), consumes=some(),
                          status=rng.choice(["admitted", "admitted", "submitted", "draft"])) for i in range(count)]


def _by_full_comparison(solution: Solution) -> list[tuple[str, str]]:
    """The old way: every other public solution compared in full."""
    reg = selectors.register()
    side = selectors.solution_side(solution)
    found = []
    for other in Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES).exclude(pk=solution.pk):
        result = compare(side, selectors.solution_side(other), reg)
        if result.status != "none":
            found.append(((selectors._ORDER[result.status], -len(result.connecting), -len(result.adapters),
                           other.name.casefold(), other.pk), other.slug, result.status))
    return [(slug, status) for _, slug, status in sorted(found)]


def test_works_with_equals_a_full_comparison_with_every_public_solution(seeded):
    catalogue = _random_catalogue(40)
    seen = set()
    for solution in catalogue[:15]:
        expected = _by_full_comparison(solution)
        seen |= {status for _, status in expected}
        assert [(s.slug, r.status) for s, r in selectors.works_with(solution)] == expected
        summary = selectors.works_with_summary(solution, limit=3, refs=10)
        assert [(s.slug, r.status) for s, r in summary.partners] == expected[:3]
        assert [(ref.slug, ref.status) for ref in summary.refs] == expected[:10]
        assert (summary.total, summary.connecting, summary.adapter) == (
            len(expected), sum(1 for _, s in expected if s == "connects"),
            sum(1 for _, s in expected if s == "adapter"))
    assert seen == {"connects", "adapter"}


def test_the_summary_builds_full_comparisons_only_for_the_shown_partners(broker, context_broker, dashboard):
    gateway = make_solution("Funknetz Vier", provides=[declared("lorawan", "server", "1.0.4")])
    summary = selectors.works_with_summary(context_broker, limit=1, refs=5)
    [(first, result)] = summary.partners
    assert first == broker and result.status == "connects" and first.organisation.name
    assert [ref.slug for ref in summary.refs] == [broker.slug, dashboard.slug, gateway.slug]
    assert (summary.total, summary.connecting, summary.adapter) == (3, 2, 1)


def test_the_filter_set_equals_a_full_comparison_and_skips_malformed_declarations(seeded, town, staff):
    catalogue = _random_catalogue(30, seed=11)
    odd = make_solution("Seltsam", provides=[{"standard": "x" * 300}, {"standard": "wfs", "role": None},
                                             {"standard": "mqtt", "role": "server", "version": 3}])
    for solution in catalogue[:4]:
        municipal.add_inventory_entry(actor=staff, municipality=town, solution=solution, status="production",
                                      operating_model="own-operation")
    municipal.save_platform(actor=staff, municipality=town, name="Plattform", hosting="own-operation",
                            standards=["wfs"], co_use="open")
    inventory, own = selectors.inventory_side(town)
    reg = selectors.register()
    expected = {s.pk for s in Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES).exclude(pk__in=own)
                if compare(selectors.solution_side(s), inventory, reg).status == "connects"}
    assert selectors.compatible_solution_ids(town) == expected
    assert expected and own.isdisjoint(expected)
    assert (odd.pk in expected) == (compare(selectors.solution_side(odd), inventory, reg).status == "connects")


def test_the_compare_picker_lists_partners_first_without_long_id_lists(seeded, monkeypatch):
    catalogue = _random_catalogue(30, seed=3)
    solution = max(catalogue, key=lambda s: len(selectors.works_with(s)))
    partners = [s.slug for s, _ in selectors.works_with(solution)]
    monkeypatch.setattr(interop_tags, "COMPARE_CHOICES", len(partners) + 2)
    with CaptureQueriesContext(connection) as queries:
        box = interop_tags.interop_box(solution, None)
    slugs = [slug for slug, _ in box["compare_choices"]]
    assert slugs[:len(partners)] == partners and len(slugs) == len(set(slugs)) == len(partners) + 2
    assert solution.slug not in slugs and box["partner_count"] == len(partners)
    assert max(q["sql"].count("%s") + q["sql"].count("?") for q in queries.captured_queries) < 100
    monkeypatch.setattr(interop_tags, "COMPARE_CHOICES", 2)
    assert [slug for slug, _ in interop_tags.interop_box(solution, None)["compare_choices"]] == partners[:2]
