"""Who may do what with the standards register and the compatibility views (django-rules).

The register, compatibility and exit scores are public. Only the operator curates the register (standards and
adapters); verified municipal staff see solutions compared with their own municipality's inventory (the
inventory is public too, so this is a convenience, not a secret: anyone may ask for any AGS by address or API).
"""

import rules

from lichtermeer.accounts.rules import is_municipal_staff, is_operator

rules.add_perm("interop.view_standard", rules.always_allow)
rules.add_perm("interop.add_standard", is_operator)
rules.add_perm("interop.change_standard", is_operator)
rules.add_perm("interop.retire_standard", is_operator)
rules.add_perm("interop.change_adapter", is_operator)
rules.add_perm("interop.compare_with_own_inventory", is_municipal_staff)
