"""Helpers of the procurement tests: a municipality with verified staff, listed solutions (one admitted after an
assessment of the seed catalogue), shortlists and evaluations built through the services."""

from decimal import Decimal
from types import SimpleNamespace

from assessment_fixtures import load_seed
from assessment_state import admit, make_application, reviewed
from factories import OrganisationFactory, SolutionFactory, UserFactory
from lichtermeer.procurement import services
from lichtermeer.procurement.models import Criterion
from lichtermeer.solutions.models import Solution
from municipal_support import municipality, staff_of


def solution(name: str, slug: str, *, provider: str, status: str = Solution.ListingStatus.SUBMITTED, **facts):
    organisation = OrganisationFactory(name=provider, slug=f"{slug}-anbieter")
    defaults = {"hosting_models": ["saas"], "price_model": "subscription",
                "standards_provided": [{"standard": "ngsi-ld", "role": "server", "version": "1.6"}]}
    return SolutionFactory(organisation=organisation, name=name, slug=slug, listing_status=status,
                           **{**defaults, **facts})


def build_world():
    version = load_seed()
    town = municipality()
    staff = staff_of(town)
    colleague = staff_of(town)
    other_town = municipality("05315000", "Köln, Stadt", postcode="50667")
    foreign_staff = staff_of(other_town)
    parking = solution("Parkraum-Radar", "parkraum-radar", provider="Radar GmbH",
                       price_note={"de": "ab 500 € im Monat", "en": "from 500 € a month"},
                       standards_consumed=[{"standard": "mqtt", "role": "client", "version": "3.1.1"}])
    application = make_application(parking, version)
    reviewed(application, [UserFactory(), UserFactory()])
    admit(application)
    parking.refresh_from_db()
    climate = solution("Stadtklima-Sensorik", "stadtklima-sensorik", provider="Klima AG",
                       hosting_models=["on-premises", "saas"], price_model="free-open-source", license="EUPL-1.2")
    portal = solution("Bürgerportal Beispiel", "buergerportal-beispiel", provider="Portal eG", license="proprietary",
                      license_open=False, standards_provided=[])
    draft = solution("Entwurf", "entwurf", provider="Entwurf GmbH", status=Solution.ListingStatus.DRAFT)
    return SimpleNamespace(version=version, town=town, staff=staff, colleague=colleague, other_town=other_town,
                           foreign_staff=foreign_staff, parking=parking, climate=climate, portal=portal, draft=draft,
                           stranger=UserFactory())


def shortlist_of(user, solutions, name="Parksensorik 2026"):
    shortlist = services.create_shortlist(actor=user, name=name)
    for s in solutions:
        services.add_item(actor=user, shortlist=shortlist, solution=s)
    return shortlist


def scored_evaluation(world, *, method="simple", **parameters):
    """An evaluation of the three listed solutions with one catalogue MUSS requirement (A), one catalogue SOLL
    requirement (B, weight 60) and an own criterion (B, weight 40), prices and points."""
    shortlist = shortlist_of(world.staff, [world.parking, world.climate, world.portal])
    evaluation = services.create_evaluation(actor=world.staff, shortlist=shortlist, title="Parksensorik",
                                            reference="VG-2026-017", subject="Sensoren für Parkplätze",
                                            method=method)
    if parameters:
        services.update_settings(actor=world.staff, evaluation=evaluation, **parameters)
    revisions = {r.code: r for r in world.version.requirements.all()}
    services.add_catalogue_criteria(actor=world.staff, evaluation=evaluation,
                                    requirements=[revisions["LM-BF-01"], revisions["LM-OS-02"]])
    own = services.add_criterion(actor=world.staff, evaluation=evaluation, kind="B", title="Schulungskonzept",
                                 weight=Decimal(40))
    criteria = {c.requirement_id or c.code: c for c in evaluation.criteria.all()}
    services.update_criteria(actor=world.staff, evaluation=evaluation,
                             changes={criteria["LM-OS-02"].pk: {"weight": Decimal(60)}})
    if method == "simplified":
        Criterion.objects.filter(evaluation=evaluation, kind="B").delete()
    offers = list(evaluation.offers.order_by("position"))
    prices = {offers[0].pk: Decimal("100000"), offers[1].pk: Decimal("80000"), offers[2].pk: Decimal("90000")}
    scores = {}
    points = {0: (8, 6), 1: (6, 5), 2: (9, 9)}
    for index, offer in enumerate(offers):
        scores[(offer.pk, criteria["LM-BF-01"].pk)] = index != 2  # the third fails the A criterion
        if method != "simplified":
            scores[(offer.pk, criteria["LM-OS-02"].pk)] = points[index][0]
            scores[(offer.pk, own.pk)] = points[index][1]
    services.save_offers(actor=world.staff, evaluation=evaluation, prices=prices, scores=scores)
    evaluation.refresh_from_db()
    return evaluation
