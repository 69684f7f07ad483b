"""Helpers for the interop tests: the seed register in the database, solutions with declared standards (with
facets, so the candidate search finds them), inventories written through the municipal services."""

from django.conf import settings

from factories import OrganisationFactory, SolutionFactory
from lichtermeer.engines.interop import load_register
from lichtermeer.interop import services
from lichtermeer.solutions.services import refresh_facets


def load_seed():
    return services.load_register(load_register(settings.STANDARDS_SEED_FILE))


def declared(standard: str, role: str, version: str = "") -> dict:
    return {"standard": standard, "role": role, "version": version}


def make_solution(name: str, *, provides=(), consumes=(), status: str = "admitted", hosting=("on-premises",),
                  organisation=None, **extra):
    slug = name.lower().replace(" ", "-")
    solution = SolutionFactory(name=name, slug=slug, url=f"https://git.example.org/{slug}", listing_status=status,
                               standards_provided=list(provides), standards_consumed=list(consumes),
                               hosting_models=list(hosting), organisation=organisation or OrganisationFactory(),
                               **extra)
    refresh_facets(solution)
    return solution
