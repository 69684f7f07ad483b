"""Fixtures for the catalogue's pages and API: a small published catalogue, committee seats and proposals.

Everything is created through the services (import, appointment, proposals), like the platform does it.
"""

import copy
import datetime as dt
import json

import pytest
from django.utils import timezone

from factories import OperatorFactory, UserFactory
from json_api import api, api_as, signed_in  # noqa: F401 (fixtures)
from json_api import assert_problem as check_problem
from lichtermeer.requirements import services
from lichtermeer.requirements.models import CommitteeSeat


def _requirement(code, category, obligation, title_de, title_en, *, review_by="2027-12-31", **extra):
    requirement = {
        "id": code,
        "category": category,
        "obligation": obligation,
        "title": {"de": title_de, "en": title_en},
        "statement": {"de": f"Aussage zu {title_de}.", "en": f"Statement on {title_en}."},
        "rationale": {"de": f"Begründung zu {title_de}.", "en": f"Rationale for {title_en}."},
        "evidence": ["declaration"],
        "checks": [],
        "references": [{"source": "DSGVO", "ref": "Art. 5", "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}],
        "review_by": review_by,
    }
    requirement.update(extra)
    return requirement


CATALOGUE_1_0 = {
    "format": "lichtermeer-catalogue/1",
    "id": "basisanforderungen",
    "version": "1.0.0",
    "title": {"de": "Basisanforderungen", "en": "Base requirements"},
    "description": {"de": "Mindestanforderungen für Lösungen.", "en": "Minimum requirements for solutions."},
    "published": "2026-01-15",
    "effective_from": "2026-03-01",
    "transition_until": "2026-09-30",
    "changelog": {"de": "Erste Fassung.", "en": "First version."},
    "requirements": [
        _requirement("LM-DS-01", "data-protection", "MUSS", "Daten in der EU", "Data within the EU",
                     applies_to={"operating_models": ["saas"]}, evidence=["declaration", "contract"]),
        _requirement("LM-DS-02", "data-protection", "SOLL", "Datensparsamkeit", "Data minimisation",
                     review_by="2026-01-31"),
        _requirement("LM-OS-01", "open-interfaces", "MUSS", "Offene Schnittstellen", "Open interfaces",
                     evidence=["openapi"], checks=["openapi.present"]),
        _requirement("LM-BF-01", "accessibility", "KANN", "Barrierefreie Bedienung", "Accessible operation",
                     evidence=["accessibility-statement"], review_by="2027-01-15"),
    ],
}


def catalogue_1_1() -> dict:
    """1.1.0: LM-DS-01 reworded in substance, LM-BF-01 retired, LM-IS-01 added (SOLL)."""
    document = copy.deepcopy(CATALOGUE_1_0)
    document.update({
        "version": "1.1.0",
        "published": "2026-05-01",
        "effective_from": "2026-06-01",
        "transition_until": "2026-12-31",
        "changelog": {"de": "Zweite Fassung.", "en": "Second version."},
    })
    requirements = [r for r in document["requirements"] if r["id"] != "LM-BF-01"]
    requirements[0]["statement"] = {"de": "Neue Aussage zur EU.", "en": "New statement on the EU."}
    requirements.append(_requirement("LM-IS-01", "information-security", "SOLL", "Sicherheitskontakt",
                                     "Security contact", evidence=["security-txt"]))
    document["requirements"] = requirements
    return document


def as_json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


@pytest.fixture
def catalogue(db):
    """Version 1.0.0, in force since 2026-03-01."""
    version, created = services.import_catalogue(content=as_json(CATALOGUE_1_0), path="test.json")
    assert created
    return version


@pytest.fixture
def import_second_version(catalogue):
    """Call to import 1.1.0 (in force since 2026-06-01)."""

    def run():
        version, created = services.import_catalogue(content=as_json(catalogue_1_1()), path="test-1.1.json")
        assert created
        return version

    return run


@pytest.fixture
def two_versions(import_second_version):
    """1.0.0 and 1.1.0 (in force since 2026-06-01); returns the newer one."""
    return import_second_version()


@pytest.fixture
def operator(db):
    return OperatorFactory(first_name="Olga", last_name="Operator")


def _appoint(operator, user, role, affiliation, interests=""):
    today = timezone.localdate()
    return services.appoint_member(
        actor=operator, user=user, role=role, affiliation=affiliation, declared_interests=interests,
        term_start=today - dt.timedelta(days=30), term_end=today + dt.timedelta(days=3 * 365),
    )


@pytest.fixture
def chair(operator):
    user = UserFactory(first_name="Clara", last_name="Chair")
    _appoint(operator, user, CommitteeSeat.Role.CHAIR, "Stadt Musterstadt")
    return user


@pytest.fixture
def member(operator):
    user = UserFactory(first_name="Mia", last_name="Member")
    _appoint(operator, user, CommitteeSeat.Role.MEMBER, "Hochschule Beispiel", "Berät Anbieter X.")
    return user


@pytest.fixture
def other_member(operator):
    user = UserFactory(first_name="Max", last_name="Mitglied")
    _appoint(operator, user, CommitteeSeat.Role.MEMBER, "Landkreis Beispiel")
    return user


@pytest.fixture
def former_member(operator):
    user = UserFactory(first_name="Fritz", last_name="Former")
    today = timezone.localdate()
    services.appoint_member(actor=operator, user=user, affiliation="Verband Beispiel",
                            term_start=today - dt.timedelta(days=800), term_end=today - dt.timedelta(days=10))
    return user


@pytest.fixture
def committee(chair, member, other_member):
    return {"chair": chair, "member": member, "other_member": other_member}


def changed_requirement(**changes) -> dict:
    requirement = copy.deepcopy(CATALOGUE_1_0["requirements"][0])
    requirement["statement"] = {"de": "Daten bleiben in Deutschland.", "en": "Data stays in Germany."}
    requirement.update(changes)
    return requirement


@pytest.fixture
def proposal(catalogue, committee):
    """#1: change LM-DS-01, open for comments."""
    return services.submit_proposal(
        actor=committee["member"], kind="change", requirement_code="LM-DS-01", title="Daten nur in Deutschland",
        reasoning="Kürzere Wege.", proposed=changed_requirement(), tightens=True,
    )


def after_comment_period(proposal):
    return proposal.comment_until + dt.timedelta(hours=1)


@pytest.fixture
def voting_proposal(proposal, committee, time_machine):
    """#1 with the comment period over and voting opened by the chair (time travels past the period)."""
    time_machine.move_to(after_comment_period(proposal), tick=False)
    return services.open_voting(actor=committee["chair"], proposal=proposal)


@pytest.fixture
def assert_problem():
    return check_problem
