"""Who may do what with shortlists, evaluations and tender documents (django-rules).

- Anyone signed in with a verified e-mail address keeps shortlists (Merklisten). A shortlist is private to its
  owner; when it names the owner's municipal organisation, verified municipal staff of that organisation
  (colleagues) may read it too. Only the owner changes it.
- Evaluations (Wertungen) are the contracting authority's records: only verified municipal staff create them,
  for an organisation they are staff of. The owner changes and records a draft while still verified staff of
  the organisation; colleagues read it, download its tender documents and copy it. A recorded evaluation
  (Vergabevermerk) is frozen for everyone.
- The operator gets nothing here: procurement files are the municipality's business.
"""

import rules

from lichtermeer.accounts.rules import has_verified_email, is_municipal_staff, is_staff_of


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_owner(user, obj) -> bool:
    return _active(user) and obj is not None and getattr(obj, "owner_id", None) == user.pk


@rules.predicate
def is_colleague(user, obj) -> bool:
    """Verified municipal staff of the organisation the shortlist or evaluation names."""
    return obj is not None and getattr(obj, "organisation_id", None) is not None and is_staff_of(user, obj)


@rules.predicate
def is_draft(user, obj) -> bool:
    return obj is not None and getattr(obj, "status", "draft") == "draft"


rules.add_perm("procurement.keep_shortlists", has_verified_email)
rules.add_perm("procurement.view_shortlist", is_owner | is_colleague)
rules.add_perm("procurement.change_shortlist", is_owner & has_verified_email)
rules.add_perm("procurement.create_evaluation", is_owner & has_verified_email & is_municipal_staff)
rules.add_perm("procurement.view_evaluation", is_owner | is_colleague)
rules.add_perm("procurement.change_evaluation", is_owner & is_colleague & is_draft)
rules.add_perm("procurement.record_evaluation", is_owner & is_colleague & is_draft)
rules.add_perm("procurement.copy_evaluation", is_colleague)
rules.add_perm("procurement.generate_tender", is_owner | is_colleague)
