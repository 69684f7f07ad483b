"""Shared factory_boy factories. ORM only: no services, no audit entries, no facet refresh.

Use `from factories import UserFactory, ...` (tests/ is on sys.path via tests/conftest.py).
"""

import functools

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from lichtermeer.accounts import tokens
from lichtermeer.accounts.models import ApiToken, Membership, Organisation
from lichtermeer.solutions.models import Solution

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def _default_password_hash() -> str:
    # Keyed by the hasher list, because tests may switch to a fast hasher.
    return _hash_for(tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hash_for(hashers: tuple[str, ...]) -> str:
    return make_password(DEFAULT_PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary e-mail address (allauth EmailAddress row).

    `UserFactory(email_verified=False)` for an unverified address,
    `UserFactory(groups=["operator"])` / `["committee"]` for the global roles.
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        # Hashing is deliberately slow; the default password is hashed once per test run.
        if extracted:
            self.set_password(extracted)
        else:
            self.password = _default_password_hash()

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        if create and self.email:
            verified = True if extracted is None else bool(extracted)
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": verified, "primary": True}
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            _add_groups(self, extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def _add_groups(user, names) -> None:
    for name in names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])


class OperatorFactory(UserFactory):
    """Member of the global "operator" group (not a superuser)."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            _add_groups(self, ["operator", *(extracted or [])])


class CommitteeMemberFactory(UserFactory):
    """Member of the global "committee" group."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            _add_groups(self, ["committee", *(extracted or [])])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Beispiel Organisation {n}")
    slug = factory.Sequence(lambda n: f"beispiel-organisation-{n}")
    kind = Organisation.Kind.COMPANY
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org")
    email = factory.LazyAttribute(lambda o: f"kontakt@{o.slug}.example.org")
    city = "Musterstadt"
    is_demo = True


class MunicipalityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    kind = Organisation.Kind.MUNICIPALITY


class MembershipFactory(factory.django.DjangoModelFactory):
    """A verified provider-editor membership by default; pass role=/verified= to change."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.PROVIDER_EDITOR
    verified = True


def _publiccode(o) -> dict:
    return {
        "publiccodeYmlVersion": "0.4",
        "name": o.name,
        "url": o.url,
        "softwareVersion": "1.0.0",
        "releaseDate": "2024-01-15",
        "platforms": ["web"],
        "categories": ["it-development"],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "description": {
            "de": {
                "shortDescription": f"{o.name}: eine Beispiel-Lösung",
                "longDescription": "Eine fiktive Lösung für Tests. " * 10,
                "features": ["Beispiel"],
            },
            "en": {
                "shortDescription": f"{o.name}: an example solution",
                "longDescription": "A fictional solution for tests. " * 10,
                "features": ["Example"],
            },
        },
        "legal": {"license": "EUPL-1.2"},
        "maintenance": {"type": "internal", "contacts": [{"name": "Erika Mustermann"}]},
        "localisation": {"localisationReady": True, "availableLanguages": ["de", "en"]},
    }


class SolutionFactory(factory.django.DjangoModelFactory):
    """A solution row (ORM only; no SolutionVersion, no facets). Draft by default."""

    class Meta:
        model = Solution

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Beispiel-Lösung {n}")
    slug = factory.Sequence(lambda n: f"beispiel-loesung-{n}")
    url = factory.Sequence(lambda n: f"https://git.example.org/beispiel/loesung-{n}")
    publiccode = factory.LazyAttribute(_publiccode)
    publiccode_version = "0.4"
    software_version = "1.0.0"
    development_status = "stable"
    software_type = "standalone/web"
    license = "EUPL-1.2"
    license_open = True
    maintenance_type = "internal"
    listing_status = Solution.ListingStatus.DRAFT
    is_demo = True


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """An active token. The plaintext is available as `token.plaintext` (only on the created instance)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"token {n}")
    prefix = factory.LazyFunction(tokens.new_prefix)
    secret = factory.LazyFunction(tokens.new_secret)
    key_hash = factory.LazyAttribute(lambda o: tokens.hash_secret(o.secret))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        secret = kwargs.pop("secret")
        instance = super()._create(model_class, *args, **kwargs)
        instance.plaintext = tokens.format_token(instance.prefix, secret)
        return instance

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        secret = kwargs.pop("secret")
        instance = super()._build(model_class, *args, **kwargs)
        instance.plaintext = tokens.format_token(instance.prefix, secret)
        return instance
