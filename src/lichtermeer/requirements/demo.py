"""Demo committee for `make run`: the demo committee account chairs it, two further demo members sit on it.

DEMO ONLY (public password). Idempotent. The catalogue itself is reference data (`lichtermeer catalogue load`).
"""

import datetime as dt

from django.db import transaction

from lichtermeer.accounts.demo import DEMO_PASSWORD, ensure_operator, ensure_user

from . import services
from .models import CommitteeSeat

TERM = (dt.date(2026, 1, 1), dt.date(2029, 12, 31))
SEATS = [
    ("committee@demo.invalid", CommitteeSeat.Role.CHAIR, "Kompetenzzentrum Smart City (fiktiv)",
     "Keine wirtschaftlichen Interessen an gelisteten Lösungen."),
    ("committee2@demo.invalid", CommitteeSeat.Role.MEMBER, "Stadt Musterstadt (fiktiv)",
     "Die Stadt Musterstadt betreibt eine urbane Datenplattform."),
    ("committee3@demo.invalid", CommitteeSeat.Role.MEMBER, "Beispiel Smart Solutions GmbH (fiktiv)",
     "Angestellt bei einem Anbieter von Smart-City-Lösungen."),
]


@transaction.atomic
def load_demo_committee(password: str = DEMO_PASSWORD) -> list[CommitteeSeat]:
    operator = ensure_operator("operator@demo.invalid", password)
    seats = []
    for email, role, affiliation, interests in SEATS:
        user = ensure_user(email, password=password)
        seat = CommitteeSeat.objects.filter(user=user).first()
        if seat is None:
            seat = services.appoint_member(actor=operator, user=user, role=role, affiliation=affiliation,
                                           declared_interests=interests, term_start=TERM[0], term_end=TERM[1])
        seats.append(seat)
    return seats
