"""Property-based run of every API operation against the published OpenAPI document.

Every generated request must get a response that the document describes (status code, content type,
body schema), never a 5xx. The run is derandomised, so a failure reproduces.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from factories import ApiTokenFactory, MembershipFactory, OrganisationFactory

from .conftest import list_solution

# A schema-valid body can still carry an invalid publiccode.yml or name an unknown organisation, or
# evidence files that repeat a kind or exceed the size limits together, or name an unknown Musterdatenkatalog
# concept or municipality, or UfAB weights that do not add up to 100; OpenAPI cannot express these, so
# 400/413/422 are the right answers there and "valid
# data must be accepted" does not apply to these operations. Every other check runs everywhere.
SEMANTIC_WRITES = {"createSolution", "updateSolution", "applyForAdmission", "createHarvestSource",
                   "confirmDatasetCategory", "evaluateUfab"}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def _keep_test_connection():
    """The WSGI app bypasses Django's test client, so its request signals would close the connection
    that holds the test transaction (PostgreSQL then reports "the connection is closed")."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, _keep_test_connection):
    organisation = OrganisationFactory(slug="stadtwerk-beispiel", name="Stadtwerk Beispiel")
    list_solution(organisation, facts={"domains": ["mobility"], "hosting_models": ["saas"]})
    list_solution(organisation, name="Geheim", url="https://git.example.org/stadt/geheim", status="draft")
    list_solution(OrganisationFactory(slug="andere"), name="Fremd", url="https://git.example.org/x/fremd")
    membership = MembershipFactory(organisation=organisation)
    return ApiTokenFactory(user=membership.user).plaintext


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # The fixture data is read-only for the run; examples do not need fresh copies.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much
    ],
)
def test_api_conforms_to_its_openapi_document(case, token):
    excluded = []
    if case.operation.definition.raw.get("operationId") in SEMANTIC_WRITES:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)
