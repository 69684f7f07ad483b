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
    ("committee@demo.invalid", ("Dr. Erika", "Beispiel"), CommitteeSeat.Role.CHAIR,
     "Kompetenzzentrum Smart City (fiktiv)", "Keine wirtschaftlichen Interessen an gelisteten Lösungen."),
    ("committee2@demo.invalid", ("Jonas", "Muster"), CommitteeSeat.Role.MEMBER, "Stadt Musterstadt (fiktiv)",
     "Die Stadt Musterstadt betreibt eine urbane Datenplattform."),
    ("committee3@demo.invalid", ("Aylin", "Probe"), CommitteeSeat.Role.MEMBER,
     "Beispiel Smart Solutions GmbH (fiktiv)", "Angestellt bei einem Anbieter von Smart-City-Lösungen."),
]


@transaction.atomic
def load_demo_committee(password: str = DEMO_PASSWORD) -> list[CommitteeSeat]:
    operator = ensure_operator("operator@demo.invalid", password)
    seats = []
    for email, (first_name, last_name), role, affiliation, interests in SEATS:
        user = ensure_user(email, password=password)
        if not user.get_full_name():
            user.first_name, user.last_name = first_name, f"{last_name} (fiktiv)"
            user.save(update_fields=["first_name", "last_name"])
        seat = CommitteeSeat.objects.filter(user=user).first()
        if seat is None:
            seat = services.appoint_member(actor=operator, user=user, role=role, affiliation=affiliation,
                                           declared_interests=interests, term_start=TERM[0], term_end=TERM[1])
        seats.append(seat)
    return seats
