"""Publishing a version sends `catalogue_published` exactly once, after the commit, and never for a rollback."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from catalogue_support import accept, committee, load_seed, new_requirement
from lichtermeer.requirements import services
from lichtermeer.requirements.signals import catalogue_published

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def events():
    received = []

    def receiver(sender, version, **kwargs):
        received.append(version.version)

    catalogue_published.connect(receiver)
    yield received
    catalogue_published.disconnect(receiver)


def _accepted(chair, members, code: str, start):
    with time_machine.travel(start, tick=False):
        proposal = services.submit_proposal(actor=members[0], kind="add", requirement_code=code, title="t",
                                            reasoning="r", proposed=new_requirement(code, category="open-interfaces"))
    with time_machine.travel(start + dt.timedelta(days=22), tick=False):
        accept(proposal, chair, [chair, *members])
    return proposal


def test_it_fires_once_per_publication(django_capture_on_commit_callbacks, events):
    load_seed()
    chair, members = committee(2)
    _accepted(chair, members, "LM-OS-81", START)
    with (
        time_machine.travel(START + dt.timedelta(days=23), tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        services.publish_version(actor=chair)
    assert events == ["1.1.0"] and len(callbacks) == 1
    _accepted(chair, members, "LM-OS-82", START + dt.timedelta(days=30))
    with (
        time_machine.travel(START + dt.timedelta(days=53), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.publish_version(actor=chair)
    assert events == ["1.1.0", "1.2.0"]


def test_it_does_not_fire_when_the_publication_rolls_back(django_capture_on_commit_callbacks, events):
    load_seed()
    chair, members = committee(2)
    _accepted(chair, members, "LM-OS-81", START)
    with (
        time_machine.travel(START + dt.timedelta(days=23), tick=False),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.publish_version(actor=chair)
        raise RuntimeError("something after the publication failed")
    assert events == []
