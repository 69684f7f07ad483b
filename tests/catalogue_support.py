"""Helpers for tests of the catalogue of base requirements: the real seed file, a committee, proposals."""

import copy
import datetime as dt
from pathlib import Path

from factories import OperatorFactory, UserFactory
from lichtermeer.requirements import services
from lichtermeer.requirements.models import CommitteeSeat

SEED_FILE = Path(__file__).resolve().parents[1] / "data" / "catalogue" / "basisanforderungen-1.0.0.yaml"
TERM_START = dt.date(2025, 1, 1)
TERM_END = dt.date(2029, 12, 31)


def load_seed():
    version, _ = services.import_catalogue(content=SEED_FILE.read_bytes(), path=str(SEED_FILE))
    return version


def seat(user=None, *, role=CommitteeSeat.Role.MEMBER, operator=None, start=TERM_START, end=TERM_END, **extra):
    user = user or UserFactory()
    operator = operator or OperatorFactory()
    return services.appoint_member(
        actor=operator, user=user, role=role, affiliation=extra.pop("affiliation", "Stadt Musterstadt"),
        term_start=start, term_end=end, **extra,
    )


def committee(members: int = 4):
    """A chair and `members` further sitting members; returns (chair_user, [member_users])."""
    operator = OperatorFactory()
    chair = seat(role=CommitteeSeat.Role.CHAIR, operator=operator).user
    return chair, [seat(operator=operator).user for _ in range(members)]


def requirement(version, code: str) -> dict:
    return copy.deepcopy(next(r for r in version.document["requirements"] if r["id"] == code))


def new_requirement(code: str, *, category: str, obligation: str = "SOLL") -> dict:
    return {
        "id": code,
        "category": category,
        "obligation": obligation,
        "title": {"de": "Offene Kalenderschnittstelle", "en": "Open calendar interface"},
        "statement": {
            "de": "Die Lösung SOLL Termine über CalDAV (RFC 4791) bereitstellen.",
            "en": "The solution SHOULD provide appointments via CalDAV (RFC 4791).",
        },
        "rationale": {
            "de": "Offene Protokolle erlauben den Wechsel des Kalenderprogramms.",
            "en": "Open protocols allow switching the calendar software.",
        },
        "applies_to": {"software_types": ["standalone/web"]},
        "evidence": ["documentation", "live-endpoint"],
        "checks": [],
        "references": [{"source": "IETF", "ref": "RFC 4791", "url": "https://www.rfc-editor.org/rfc/rfc4791"}],
        "review_by": "2028-06-30",
    }


def accept(proposal, chair, voters) -> None:
    """Open the vote, let every voter say yes and record the decision (at the clock's current time)."""
    services.open_voting(actor=chair, proposal=proposal)
    for voter in voters:
        services.cast_vote(actor=voter, proposal=proposal, choice="yes")
    services.decide(actor=chair, proposal=proposal, reasons="Einstimmig.")
