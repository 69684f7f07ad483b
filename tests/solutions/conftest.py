import datetime as dt
import itertools

import pytest

from factories import OrganisationFactory
from lichtermeer.solutions import services
from lichtermeer.solutions.models import Solution

_numbers = itertools.count(1)


def _document(name, short, long, features, categories, language):
    return {
        "publiccodeYmlVersion": "0.4",
        "name": name,
        "categories": list(categories),
        "description": {
            language: {"shortDescription": short, "longDescription": long, "features": list(features)},
        },
    }


@pytest.fixture
def make_solution():
    """Create a solution through the ORM and index it the way services do (refresh_facets)."""

    def make(name, *, short="", long="", features=(), organisation=None, status="admitted", domains=(),
             hosting=(), categories=(), license_open=True, language="de", release_date=None, **fields):
        number = next(_numbers)
        solution = Solution.objects.create(
            slug=f"search-{number}",
            url=f"https://git.example.org/search/{number}",
            name=name,
            organisation=organisation or OrganisationFactory(),
            publiccode=_document(name, short, long, features, categories, language),
            listing_status=status,
            domains=list(domains),
            hosting_models=list(hosting),
            license_open=license_open,
            release_date=dt.date.fromisoformat(release_date) if release_date else None,
            **{"development_status": "stable", "software_type": "standalone/web", **fields},
        )
        services.refresh_facets(solution)
        return solution

    return make
