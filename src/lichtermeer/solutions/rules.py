"""Who may do what with the solution catalogue (django-rules).

A provider edits only its own organisation's solutions; drafts are visible to their organisation's
verified editors and to operators; everything else that is listed is public.
"""

import rules

from lichtermeer.accounts.rules import is_editor_of, is_operator, is_provider_editor


@rules.predicate
def is_public(user, solution) -> bool:
    # Without an object the question is "may this user look at the catalogue at all".
    return solution is None or solution.is_public


@rules.predicate
def may_create_for(user, target) -> bool:
    """No object: editor of some organisation. Organisation (or solution): editor of that one."""
    return is_provider_editor(user) if target is None else is_editor_of(user, target)


can_view = is_public | is_editor_of | is_operator

rules.add_perm("solutions.view_solution", can_view)
rules.add_perm("solutions.export_solution", can_view)
rules.add_perm("solutions.add_solution", may_create_for | is_operator)
rules.add_perm("solutions.change_solution", is_editor_of | is_operator)
rules.add_perm("solutions.set_listing_status", is_operator)
rules.add_perm("solutions.view_solutionversion", is_operator)
