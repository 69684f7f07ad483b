"""The full governance cycle through the web pages, as committee members and the public use it:
proposal → comments → conflict → vote → decision → publish v1.1.0 → diff v1.0.0..v1.1.0."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from catalogue_support import committee, load_seed
from factories import UserFactory
from lichtermeer.engines import catalogue as engine
from lichtermeer.requirements.models import CatalogueVersion, Proposal

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(user, url: str, data: dict) -> None:
    response = _client(user).post(url, data)
    assert response.status_code == 302, (url, response.status_code, response.content[:2000])


def test_the_whole_cycle_runs_through_the_web_pages():
    load_seed()
    chair, (alice, bob, carol) = committee(3)
    with time_machine.travel(START, tick=False):
        page = _client(alice).get("/requirements/proposals/new/?kind=add")
        assert page.status_code == 200
        _post(alice, "/requirements/proposals/new/", {
            "kind": "add",
            "requirement_code": "LM-OS-04",
            "title": "CalDAV für Terminbuchung",
            "reasoning": "Mehrere Kommunen berichten von Lock-in bei Terminbuchungssystemen.",
            "category": "open-interfaces",
            "obligation": "SOLL",
            "title_de": "Offene Kalenderschnittstelle",
            "title_en": "Open calendar interface",
            "statement_de": "Die Lösung SOLL Termine über CalDAV (RFC 4791) bereitstellen.",
            "statement_en": "The solution SHOULD provide appointments via CalDAV (RFC 4791).",
            "rationale_de": "Offene Protokolle erlauben den Wechsel.",
            "rationale_en": "Open protocols allow switching.",
            "software_types": ["standalone/web"],
            "evidence": ["documentation", "live-endpoint"],
            "checks": "",
            "references": "IETF | RFC 4791 | https://www.rfc-editor.org/rfc/rfc4791",
            "review_by": "2028-06-30",
        })
        proposal = Proposal.objects.get()
        url = f"/requirements/proposals/{proposal.number}/"
        assert "LM-OS-04" in Client().get(url).content.decode()
        _post(UserFactory(), url + "comment/", {"body": "Bitte auch iCalendar-Export (RFC 5545) nennen."})
        _post(carol, url + "conflict/", {"reason": "Mein Arbeitgeber vertreibt eine Terminlösung."})
        assert "iCalendar-Export" in Client().get(url).content.decode()

    with time_machine.travel(START + dt.timedelta(days=22), tick=False):
        _post(chair, url + "open-voting/", {})
        page = _client(carol).get(url).content.decode()
        assert 'name="choice"' not in page  # a conflicted member sees no vote form
        assert 'name="choice"' in _client(bob).get(url).content.decode()
        for voter, choice in ((chair, "yes"), (alice, "yes"), (bob, "no")):
            _post(voter, url + "vote/", {"choice": choice, "reason": ""})
        refused = _client(carol).post(url + "vote/", {"choice": "yes"})
        assert refused.status_code == 403
        _post(chair, url + "decide/", {"reasons": "Mehrheit dafür; der Einwand zum Aufwand wurde erörtert."})
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ACCEPTED

        workspace = _client(chair).get("/committee/").content.decode()
        assert f"#{proposal.number}" in workspace
        _post(chair, "/committee/publish/", {
            "changelog_de": "CalDAV-Anforderung ergänzt.",
            "changelog_en": "CalDAV requirement added.",
            "effective_from": "2027-01-01",
            "transition_until": "",
        })
    version = CatalogueVersion.objects.get(version="1.1.0")
    assert version.bump == "minor" and str(version.transition_until) == "2027-06-30"

    diff = Client().get("/requirements/diff/?from=1.0.0&to=1.1.0")
    assert diff.status_code == 200 and "LM-OS-04" in diff.content.decode()
    as_json = Client().get("/requirements/diff/?from=1.0.0&to=1.1.0&format=json").json()
    assert [a["id"] for a in as_json["added"]] == ["LM-OS-04"] and as_json["bump"] == "minor"
    english = Client().get("/en/requirements/LM-OS-04/?version=1.1.0").content.decode()
    assert "Open calendar interface" in english
    download = Client().get("/requirements/versions/1.1.0/catalogue.yaml")
    assert engine.load(download.content).document == version.document
