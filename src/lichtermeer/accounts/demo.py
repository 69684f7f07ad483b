"""Demo and operator accounts for `make run` and demonstrations. DEMO ONLY: the password is public."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from . import roles
from .models import Membership, Organisation

DEMO_PASSWORD = "lichtermeer-demo"  # noqa: S105 (documented in docs/accounts.md as DEMO ONLY)
DEMO_ORGANISATION_SLUG = "beispiel-smart-solutions"
# Same slugs and names as data/demo/organisations.yml, so demo data and demo accounts meet.
DEMO_MUNICIPALITY_SLUG = "stadt-musterstadt"


def ensure_user(email: str, *, password: str | None = None, staff: bool = False):
    """The user with this e-mail (created if missing), with a verified primary EmailAddress row."""
    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email[:150], email=email)
    user.is_active = True
    if staff:
        user.is_staff = True
    if password is not None:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def add_to_group(user, name: str) -> None:
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name=name)[0])
    roles.forget_cached_roles(user)


@transaction.atomic
def ensure_operator(email: str, password: str | None):
    """An operator: staff (for the admin), never superuser; permissions come from the "operator" group."""
    user = ensure_user(email, password=password, staff=True)
    add_to_group(user, roles.OPERATOR)
    return user


@transaction.atomic
def create_demo_accounts(*, organisation_slug: str = DEMO_ORGANISATION_SLUG, password: str = DEMO_PASSWORD):
    """Idempotent: one verified account per role, all with the same public demo password."""
    company, _ = Organisation.objects.get_or_create(
        slug=organisation_slug,
        defaults={
            "name": "Beispiel Smart Solutions GmbH (fiktiv)" if organisation_slug == DEMO_ORGANISATION_SLUG
            else f"{organisation_slug.replace('-', ' ').title()} (fiktiv)",
            "website": f"https://example.org/{organisation_slug}",
            "kind": Organisation.Kind.COMPANY,
            "city": "Musterstadt",
            "description": "Fiktives Demo-Unternehmen. / Fictional demo company.",
            "is_demo": True,
        },
    )
    town, _ = Organisation.objects.get_or_create(
        slug=DEMO_MUNICIPALITY_SLUG,
        defaults={
            "name": "Stadt Musterstadt (fiktiv)",
            "website": "https://example.org/stadt-musterstadt",
            "kind": Organisation.Kind.MUNICIPALITY,
            "city": "Musterstadt",
            "description": "Fiktive Demo-Kommune. / Fictional demo municipality.",
            "is_demo": True,
        },
    )
    operator = ensure_operator("operator@demo.invalid", password)
    editor = ensure_user("editor@demo.invalid", password=password)
    Membership.objects.update_or_create(
        user=editor, organisation=company, role=Membership.Role.PROVIDER_EDITOR, defaults={"verified": True}
    )
    staff = ensure_user("staff@demo.invalid", password=password)
    Membership.objects.update_or_create(
        user=staff, organisation=town, role=Membership.Role.MUNICIPAL_STAFF, defaults={"verified": True}
    )
    committee = ensure_user("committee@demo.invalid", password=password)
    add_to_group(committee, roles.COMMITTEE)
    return {"operator": operator, "editor": editor, "staff": staff, "committee": committee,
            "organisation": company, "municipality": town}
