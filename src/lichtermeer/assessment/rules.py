"""Who may do what in assessment and admission (django-rules).

Providers apply for their own solutions; reviewers are sitting committee members assigned to the
application (never one with a conflict: see services.eligible_reviewers); the chair decides disputes and the
outcome; reports and badges are public once a decision exists.
"""

import rules

from lichtermeer.accounts.rules import is_editor_of, is_operator
from lichtermeer.requirements.rules import is_chair, is_sitting_member

from .models import Application


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    return (isinstance(application, Application) and user.is_authenticated
            and application.assignments.filter(reviewer=user, released_at__isnull=True).exists())


@rules.predicate
def is_applicant(user, application) -> bool:
    return isinstance(application, Application) and is_editor_of(user, application.solution)


@rules.predicate
def is_under_review(user, application) -> bool:
    return isinstance(application, Application) and application.status == Application.Status.IN_REVIEW


@rules.predicate
def is_open(user, application) -> bool:
    return isinstance(application, Application) and application.is_open


@rules.predicate
def is_decided(user, application) -> bool:
    return isinstance(application, Application) and not application.is_open


@rules.predicate
def chair_without_conflict(user, application) -> bool:
    from .services import has_conflict

    return is_chair(user) and isinstance(application, Application) and not has_conflict(user, application.solution)


# Applying: the solution's provider editors (object: a Solution).
rules.add_perm("assessment.apply", is_editor_of)
rules.add_perm("assessment.view_application", is_applicant | is_assigned_reviewer | is_chair | is_operator)
rules.add_perm("assessment.withdraw_application", is_applicant & is_open)
rules.add_perm("assessment.review_application", is_assigned_reviewer & is_under_review)
rules.add_perm("assessment.resolve_dispute", chair_without_conflict & is_under_review)
rules.add_perm("assessment.decide_application", chair_without_conflict & is_under_review)
rules.add_perm("assessment.reassign_reviewers", (is_chair | is_operator) & is_open)
rules.add_perm("assessment.declare_review_conflict", is_sitting_member)
rules.add_perm("assessment.view_queue", is_sitting_member | is_operator)
rules.add_perm("assessment.import_advisories", is_operator)
rules.add_perm("assessment.suspend_admission", is_operator)
