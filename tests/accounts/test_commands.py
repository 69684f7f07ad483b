import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from lichtermeer.accounts.demo import DEMO_PASSWORD
from lichtermeer.accounts.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_create_operator_makes_a_staff_operator_who_is_not_superuser(monkeypatch):
    monkeypatch.setenv("LICHTERMEER_OPERATOR_PASSWORD", "ein-sicheres-passwort-42")
    run("create_operator", "Betrieb@Example.org")
    user = get_user_model().objects.get(email="betrieb@example.org")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("ein-sicheres-passwort-42")
    assert user.groups.filter(name="operator").exists()
    assert EmailAddress.objects.get(user=user).verified
    assert user.has_perm("accounts.verify_membership")


def test_create_operator_updates_an_existing_account(monkeypatch):
    monkeypatch.setenv("LICHTERMEER_OPERATOR_PASSWORD", "ein-sicheres-passwort-42")
    run("create_operator", "betrieb@example.org")
    monkeypatch.setenv("LICHTERMEER_OPERATOR_PASSWORD", "ein-anderes-passwort-43")
    run("create_operator", "betrieb@example.org")
    assert get_user_model().objects.get(email="betrieb@example.org").check_password("ein-anderes-passwort-43")


def test_create_operator_rejects_a_weak_password_and_bad_email(monkeypatch):
    monkeypatch.setenv("LICHTERMEER_OPERATOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        run("create_operator", "betrieb@example.org")
    with pytest.raises(CommandError):
        run("create_operator", "not-an-email")
    assert not get_user_model().objects.exists()


def test_create_operator_needs_a_password_when_not_interactive(monkeypatch):
    monkeypatch.delenv("LICHTERMEER_OPERATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        run("create_operator", "betrieb@example.org")


def test_demo_accounts_are_idempotent_and_have_their_roles():
    run("demo_accounts")
    run("demo_accounts")
    users = get_user_model().objects.filter(email__endswith="@demo.invalid")
    assert users.count() == 4
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    assert EmailAddress.objects.filter(user__in=users, verified=True).count() == 4
    company = Organisation.objects.get(slug="beispiel-smart-solutions")
    assert company.is_demo and company.kind == "company"
    editor = users.get(email="editor@demo.invalid")
    assert editor.has_perm("accounts.change_organisation", company)
    assert Membership.objects.get(user__email="staff@demo.invalid").verified
    assert users.get(email="committee@demo.invalid").groups.filter(name="committee").exists()
    assert users.get(email="operator@demo.invalid").has_perm("solutions.set_listing_status")


def test_demo_accounts_take_the_organisation_slug():
    run("demo_accounts", "datenwerk-demo")
    org = Organisation.objects.get(slug="datenwerk-demo")
    assert Membership.objects.get(user__email="editor@demo.invalid").organisation == org
