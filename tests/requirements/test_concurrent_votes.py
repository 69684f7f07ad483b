"""Concurrent votes do not double count (PostgreSQL: real concurrent transactions from several threads)."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import close_old_connections, connection

from catalogue_support import committee, load_seed, new_requirement
from lichtermeer.requirements import selectors, services
from lichtermeer.requirements.errors import GovernanceError
from lichtermeer.requirements.models import Vote

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"),
]


def _race(calls):
    """Start all calls at the same moment, each in its own thread (own database connection)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except GovernanceError as error:
            outcomes[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_votes_are_each_counted_once():
    with time_machine.travel(NOW - dt.timedelta(days=30), tick=False):
        load_seed()
        chair, members = committee(5)
        proposal = services.submit_proposal(
            actor=members[0], kind="add", requirement_code="LM-OS-90", title="t", reasoning="r",
            proposed=new_requirement("LM-OS-90", category="open-interfaces"),
        )
    with time_machine.travel(NOW, tick=True):
        services.open_voting(actor=chair, proposal=proposal)
        voters = [chair, *members]
        # Every member votes twice at the same moment (a double click, two tabs), all members at once.
        calls = [
            (lambda v=voter, c=choice: services.cast_vote(actor=v, proposal=proposal, choice=c))
            for voter in voters
            for choice in ("yes", "no")
        ]
        outcomes = _race(calls)
    refused = [o for o in outcomes if isinstance(o, GovernanceError)]
    assert len(refused) == len(voters)
    assert {o.code for o in refused} == {"already-voted"}
    assert Vote.objects.filter(proposal=proposal).count() == len(voters)
    tally = selectors.tally(proposal)
    assert tally["cast"] == len(voters) == tally["yes"] + tally["no"]
