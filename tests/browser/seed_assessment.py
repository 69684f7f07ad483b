"""Assessment data for the browser tests (called by seed.py after the catalogue and the committee exist).

Built with the ORM (tests/assessment_state.py), so the pages can be checked without the check engine:
- an admitted solution of the browser-test provider with its public report;
- an open application of the provider (the editor sees it as applicant: withdraw);
- an application of another provider in review where the editor, who chairs the committee, is an assigned
  reviewer and finds one disputed requirement: review form, dispute form and decision form on one page.
"""

import datetime as dt
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def seed(editor, slugs: list[str], publiccode_template: str) -> dict:
    sys.path.insert(0, str(TESTS))
    from django.contrib.auth import get_user_model

    from assessment_state import admit, assign, dispute, make_application, reviewed
    from lichtermeer.accounts.demo import ensure_operator
    from lichtermeer.accounts.models import Organisation
    from lichtermeer.requirements import selectors as catalogue
    from lichtermeer.requirements import services as governance
    from lichtermeer.requirements.models import CommitteeSeat
    from lichtermeer.solutions import services as listing
    from lichtermeer.solutions.models import Solution

    version = catalogue.latest_version()
    operator = ensure_operator("operator@browser.invalid", None)
    reviewers = []
    for username, first, last in (("browser-reviewer-1", "Rita", "Reviewer"), ("browser-reviewer-2", "Rolf", "Zweit")):
        user, _ = get_user_model().objects.get_or_create(username=username, defaults={
            "first_name": first, "last_name": last, "email": f"{username}@browser.invalid"})
        if not CommitteeSeat.objects.filter(user=user).exists():
            governance.appoint_member(actor=operator, user=user, affiliation="Hochschule Beispiel",
                                      term_start=dt.date(2026, 1, 1), term_end=dt.date(2030, 12, 31))
        reviewers.append(user)

    admitted = Solution.objects.get(slug=slugs[1])
    application = make_application(admitted, version, submitted_by=editor)
    assign(application, *reviewers)
    reviewed(application, reviewers)
    admit(application, chair=operator)

    own = Solution.objects.get(slug=slugs[2])
    open_application = make_application(own, version, submitted_by=editor)
    assign(open_application, *reviewers)

    other, _ = Organisation.objects.get_or_create(slug="browsertest-zweitanbieter", defaults={
        "name": "Browsertest Zweitanbieter AG", "kind": Organisation.Kind.COMPANY, "is_demo": True,
        "website": "https://zweitanbieter.example.org", "city": "Beispielhausen"})
    foreign = listing.import_solution(
        content=publiccode_template.format(name="Fremdlösung", slug="fremdloesung", number=99,
                                           category="it-development"),
        organisation=other, source="browser-test", listing_status="submitted", is_demo=True).solution
    to_review = make_application(foreign, version)
    assign(to_review, editor, reviewers[0])
    dispute(to_review, "LM-DS-03", [reviewers[0], reviewers[1]])
    return {"report": admitted.slug, "application": open_application.pk, "review": to_review.pk,
            "apply": slugs[3]}
