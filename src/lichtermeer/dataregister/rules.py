"""Who may do what in the register of urban data (django-rules).

Everything harvested is public. Sources are managed by the operator and by the members of the organisation
they belong to (municipal staff, provider editors); categories are confirmed by the same people.
"""

import rules

from lichtermeer.accounts.models import Membership
from lichtermeer.accounts.rules import is_operator


def _organisation(obj):
    from .models import Dataset, Source

    if isinstance(obj, Source):
        return obj.organisation_id
    if isinstance(obj, Dataset):
        return obj.source.organisation_id
    return None


@rules.predicate
def is_member_of_owner(user, obj) -> bool:
    organisation = _organisation(obj)
    return bool(organisation and user.is_authenticated and Membership.objects.filter(
        user=user, organisation_id=organisation, verified=True).exists())


@rules.predicate
def is_verified_member(user) -> bool:
    return bool(user.is_authenticated and Membership.objects.filter(user=user, verified=True).exists())


rules.add_perm("dataregister.add_source", is_operator | is_verified_member)
rules.add_perm("dataregister.change_source", is_operator | is_member_of_owner)
rules.add_perm("dataregister.harvest_source", is_operator | is_member_of_owner)
rules.add_perm("dataregister.confirm_category", is_operator | is_member_of_owner)
