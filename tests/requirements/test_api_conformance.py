"""Property-based run of the catalogue's API operations against the OpenAPI document, with data present
(two versions, a committee, proposals in comment and voting phase). Never a 5xx, always a documented answer.
"""

import datetime as dt

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from factories import ApiTokenFactory
from lichtermeer.requirements import services

# A schema-valid comment or vote can still be refused by the governance rules (comment period over,
# already voted, conflict of interest): OpenAPI cannot express those, so 403/409 are right answers there.
GOVERNED_WRITES = {"addProposalComment", "castProposalVote"}

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(tag="catalogue")


@pytest.fixture
def _keep_test_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(two_versions, committee, former_member, _keep_test_connection):
    member = committee["member"]
    with time_machine.travel(timezone.now() - dt.timedelta(days=25), tick=False):
        older = services.submit_proposal(
            actor=member, kind="retire", requirement_code="LM-OS-01", title="Streichen", reasoning="Doppelt.",
        )
    services.open_voting(actor=committee["chair"], proposal=older)
    services.submit_proposal(
        actor=member, kind="retire", requirement_code="LM-DS-02", title="Auch streichen", reasoning="Überholt.",
    )
    return ApiTokenFactory(user=member).plaintext


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_catalogue_api_conforms_to_its_openapi_document(case, token):
    excluded = []
    if case.operation.definition.raw.get("operationId") in GOVERNED_WRITES:
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)
