"""Who may do what with municipalities' own records (django-rules).

Only verified municipal staff of a municipality change what it records (inventory, platforms, contacts, reports);
the operator moderates experience reports but does not edit a municipality's inventory.
"""

import rules

from lichtermeer.accounts.models import Membership
from lichtermeer.accounts.rules import has_verified_email, is_operator

from .models import ExperienceReport, Grouping, InventoryEntry, Municipality, UrbanDataPlatform


def _municipality_of(obj) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, (InventoryEntry, ExperienceReport, UrbanDataPlatform)):
        return obj.municipality
    if isinstance(obj, Grouping):
        return obj.operator
    return None


@rules.predicate
def is_staff_of_municipality(user, obj) -> bool:
    municipality = _municipality_of(obj)
    if municipality is None or municipality.organisation_id is None:
        return False
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.filter(
        user=user, organisation_id=municipality.organisation_id, role=Membership.Role.MUNICIPAL_STAFF, verified=True
    ).exists()


@rules.predicate
def is_current(user, obj) -> bool:
    municipality = _municipality_of(obj)
    return municipality is not None and municipality.dissolved_on is None


rules.add_perm("municipalities.view_municipality", rules.always_allow)
rules.add_perm("municipalities.change_inventory", is_staff_of_municipality & is_current)
rules.add_perm("municipalities.change_platform", is_staff_of_municipality & is_current)
rules.add_perm("municipalities.manage_contacts", is_staff_of_municipality)
rules.add_perm("municipalities.submit_report", is_staff_of_municipality)
rules.add_perm("municipalities.moderate_report", is_operator)
rules.add_perm("municipalities.manage_shared_service", is_staff_of_municipality & is_current)
rules.add_perm("municipalities.send_reuse_request", has_verified_email)
