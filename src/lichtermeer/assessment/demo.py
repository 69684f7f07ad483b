"""Demo assessments for `make run`: every submitted demo solution is checked for real (publiccode.yml and
licence checks on its listing); the open requirements get FICTIONAL reviews by the demo committee, marked as
such, and the demo chair admits the solution when no MUSS requirement fails. A few stay in review so that the
reviewer queue shows something. DEMO ONLY. Idempotent.
"""

from django.db import transaction

from lichtermeer.requirements.models import CatalogueVersion, CommitteeSeat
from lichtermeer.solutions.models import Solution

from . import selectors, services
from .models import Application

DEMO_COMMENT = "Demo-Bewertung (fiktiv) für die Vorführung / fictional demo review"
LEFT_IN_REVIEW = 4


def load_demo_assessments() -> dict[str, int]:
    counts = {"admitted": 0, "returned": 0, "in_review": 0}
    chair_seat = CommitteeSeat.objects.filter(role=CommitteeSeat.Role.CHAIR).select_related("user").first()
    if chair_seat is None or not CatalogueVersion.objects.exists():  # nothing to assess against yet
        return counts
    # Every submitted listing of the demo data (real open-source projects among them): their checks are real,
    # the reviews are fictional and say so in every verdict.
    solutions = Solution.objects.filter(listing_status=Solution.ListingStatus.SUBMITTED,
                                        applications__isnull=True).order_by("slug")
    for position, solution in enumerate(solutions):
        with transaction.atomic():
            application = services.submit(actor=None, solution=solution, files=[])
            services.run_checks(application_id=application.pk)
            application.refresh_from_db()
            if application.status != Application.Status.IN_REVIEW:
                counts["admitted" if application.status == Application.Status.ADMITTED else "returned"] += 1
                continue
            if position < LEFT_IN_REVIEW:
                counts["in_review"] += 1
                continue
            codes = list(selectors.open_requirements(application).values_list("code", flat=True))
            for assignment in application.assignments.filter(released_at__isnull=True).select_related("reviewer"):
                services.submit_review(actor=assignment.reviewer, application=application,
                                       judgements=dict.fromkeys(codes, ("pass", DEMO_COMMENT)))
            application.refresh_from_db()
            if (application.status != Application.Status.IN_REVIEW or selectors.disputed(application).exists()
                    or selectors.open_requirements(application).exists()):
                # e.g. only one reviewer without a conflict: the application waits for a second one
                counts["in_review"] += 1
                continue
            outcome = "returned" if services.blocking_requirements(application) else "admitted"
            services.decide(actor=chair_seat.user, application=application, outcome=outcome,
                            reasons=f"{DEMO_COMMENT}: " + ("MUSS-Anforderungen nicht erfüllt."
                                                           if outcome == "returned" else "Alle Anforderungen erfüllt."))
            counts[outcome] += 1
    return counts
