"""Every assessment permission × role × state of the application, allowed or denied (rules), and the services
refuse exactly the roles the rules deny.

The table is the specification; edit it deliberately.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from assessment_fixtures import admitted_solution
from assessment_state import close, dispute, make_application
from lichtermeer.assessment import lifecycle, selectors, services
from lichtermeer.assessment.errors import AssessmentError
from lichtermeer.assessment.models import Application

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other_user", "provider_editor", "other_editor", "member", "reviewer", "chair", "operator")
SITTING = {"member", "reviewer", "chair"}

MATRIX = [
    ("assessment.apply", "solution", {"provider_editor"}),
    ("assessment.apply", "other_solution", {"other_editor"}),
    ("assessment.view_application", "in_review", {"provider_editor", "reviewer", "chair", "operator"}),
    ("assessment.view_application", "decided", {"provider_editor", "reviewer", "chair", "operator"}),
    ("assessment.withdraw_application", "submitted", {"provider_editor"}),
    ("assessment.withdraw_application", "in_review", {"provider_editor"}),
    ("assessment.withdraw_application", "decided", set()),
    ("assessment.review_application", "submitted", set()),
    ("assessment.review_application", "in_review", {"reviewer"}),
    ("assessment.review_application", "decided", set()),
    ("assessment.resolve_dispute", "in_review", {"chair"}),
    ("assessment.resolve_dispute", "decided", set()),
    ("assessment.decide_application", "submitted", set()),
    ("assessment.decide_application", "in_review", {"chair"}),
    ("assessment.decide_application", "decided", set()),
    ("assessment.reassign_reviewers", "in_review", {"chair", "operator"}),
    ("assessment.reassign_reviewers", "decided", set()),
    ("assessment.declare_review_conflict", None, SITTING),
    ("assessment.view_queue", None, SITTING | {"operator"}),
    ("assessment.import_advisories", None, {"operator"}),
    ("assessment.suspend_admission", None, {"operator"}),
]


@pytest.fixture
def scene(world):
    from factories import SolutionFactory

    users = {
        "anonymous": AnonymousUser(), "other_user": world.stranger, "provider_editor": world.editor,
        "other_editor": world.other_editor, "member": world.member, "reviewer": world.reviewer, "chair": world.chair,
        "operator": world.operator,
    }
    other_solution = SolutionFactory(organisation=world.other_editor.memberships.get().organisation)
    submitted = make_application(SolutionFactory(organisation=world.organisation), world.version,
                                 status=Application.Status.SUBMITTED, submitted_by=world.editor)
    decided_solution = admitted_solution(world)
    objects = {
        None: None, "solution": world.solution, "other_solution": other_solution, "submitted": submitted,
        "in_review": world.application, "decided": selectors.public_report_application(decided_solution),
    }
    return users, objects


def test_the_matrix_covers_every_assessment_permission():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("assessment.")}
    assert declared == {perm for perm, _, _ in MATRIX}


def test_permission_matrix(scene):
    # One world for the whole table (building it dominates the time); every differing row is reported.
    users, objects = scene
    wrong = []
    for perm, obj, allowed in MATRIX:
        granted = {role for role in ROLES if users[role].has_perm(perm, objects[obj])}
        if granted != allowed:
            wrong.append(f"{perm} on {obj}: granted to {sorted(granted)}, expected {sorted(allowed)}")
    assert not wrong, "\n".join(wrong)


def test_a_chair_with_a_conflict_neither_decides_nor_resolves(world):
    services.declare_conflict(actor=world.chair, organisation=world.organisation, reason="Früherer Arbeitgeber")
    assert not world.chair.has_perm("assessment.decide_application", world.application)
    assert not world.chair.has_perm("assessment.resolve_dispute", world.application)
    assert world.chair.has_perm("assessment.view_application", world.application)


# The services enforce the same rules: for each action, exactly the allowed roles get through.


class _Undo(Exception):
    pass


def _attempt(action) -> bool:
    """True if the service accepted the action (then undone), False if it refused with 403."""
    try:
        with transaction.atomic():
            action()
            raise _Undo
    except _Undo:
        return True
    except AssessmentError as refusal:
        assert refusal.status == 403, (refusal.code, refusal.en)
        return False


def _actions(world, scene_objects):
    from factories import SolutionFactory

    application = world.application
    fresh = SolutionFactory(organisation=world.organisation)  # no open application yet
    open_codes = list(selectors.open_requirements(application).values_list("code", flat=True))
    files = [("securitytxt", "security.txt", b"Contact: mailto:security@example.org\n")]
    return {
        "apply": ({"provider_editor"}, lambda user: services.apply(actor=user, solution=fresh, files=files)),
        "withdraw": ({"provider_editor"}, lambda user: services.withdraw(actor=user, application=application)),
        "review": ({"reviewer"}, lambda user: services.submit_review(
            actor=user, application=application, judgements=dict.fromkeys(open_codes, ("pass", "Geprüft.")))),
        "resolve": ({"chair"}, lambda user: services.resolve_dispute(
            actor=user, application=application, code="LM-DS-03", verdict="pass", reasons="Reicht aus.")),
        "decide": ({"chair"}, lambda user: services.decide(actor=user, application=application, outcome="returned",
                                                           reasons="Bitte ergänzen.")),
        "declare_conflict": (SITTING, lambda user: services.declare_conflict(
            actor=user, organisation=world.organisation, reason="Kunde")),
        "suspend": ({"operator"}, lambda user: lifecycle.suspend(
            actor=user, admission=scene_objects["decided"].admissions.get(), reason="Sicherheitslücke")),
    }


def test_services_refuse_exactly_the_roles_the_rules_deny(scene, world):
    users, objects = scene
    dispute(world.application, "LM-DS-03", [world.reviewer, world.second])
    wrong = []
    for action, (allowed, run) in _actions(world, objects).items():
        accepted = {role for role in ROLES if _attempt(lambda run=run, role=role: run(users[role]))}
        if accepted != allowed:
            wrong.append(f"{action}: accepted from {sorted(accepted)}, expected {sorted(allowed)}")
    assert not wrong, "\n".join(wrong)


def test_a_closed_application_refuses_withdrawal_and_decision(world):
    close(world.application, Application.Status.RETURNED, chair=world.chair)
    for action in (lambda: services.withdraw(actor=world.editor, application=world.application),
                   lambda: services.decide(actor=world.chair, application=world.application, outcome="rejected",
                                           reasons="Nein.")):
        with pytest.raises(AssessmentError) as refused:
            action()
        assert refused.value.status == 403
