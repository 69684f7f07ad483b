"""Every register permission × role, allowed or denied (the table is the specification), and the pages and the
API enforcing the same rules: what a role may not do is refused everywhere, and nothing changes."""

import pytest
from django.contrib.auth.models import AnonymousUser

from factories import MembershipFactory
from lichtermeer.dataregister.models import HarvestRun, Source

from .support import CATEGORIES

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "unverified_member", "other_member", "operator")
MATRIX = [
    ("dataregister.add_source", None, {"member", "other_member", "operator"}),
    ("dataregister.change_source", "source", {"member", "operator"}),
    ("dataregister.harvest_source", "source", {"member", "operator"}),
    ("dataregister.confirm_category", "dataset", {"member", "operator"}),
]


@pytest.fixture
def users(member, other_member, operator, organisation):
    return {
        "anonymous": AnonymousUser(),
        "member": member,
        "unverified_member": MembershipFactory(organisation=organisation, verified=False).user,
        "other_member": other_member,
        "operator": operator,
    }


def test_the_matrix_covers_every_register_permission():
    import rules

    declared = {name for name in rules.permissions.permissions if name.startswith("dataregister.")}
    assert declared == {perm for perm, _, _ in MATRIX}


@pytest.mark.parametrize(("perm", "obj", "allowed"), MATRIX, ids=[p for p, _, _ in MATRIX])
def test_permission_matrix(users, source, dataset, perm, obj, allowed):
    target = {None: None, "source": source, "dataset": dataset}[obj]
    granted = {role for role in ROLES if users[role].has_perm(perm, target)}
    assert granted == allowed


# --- the same rules on the pages ---------------------------------------------------------------------------


def _page_actions(client, source, dataset, organisation):
    return {
        "harvest": client.post(f"/daten/quellen/{source.slug}/abrufen/"),
        "confirm": client.post(f"/daten/datensaetze/{dataset.pk}/kategorie/", {"uri": CATEGORIES["haushalt"][0]}),
        "add": client.post("/daten/neue-quelle/", {"name": "Neu", "kind": "dcat", "url": "https://n.example.org/c.rdf",
                                                   "organisation": organisation.pk, "schedule_hours": "24"}),
    }


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", {"harvest": 302, "confirm": 302, "add": 302}),  # to the sign-in page
    ("unverified_member", {"harvest": 403, "confirm": 403, "add": 403}),
    ("other_member", {"harvest": 403, "confirm": 403, "add": 422}),  # may add sources, not for this organisation
    ("member", {"harvest": 302, "confirm": 302, "add": 302}),
    ("operator", {"harvest": 302, "confirm": 302, "add": 302}),
])
def test_pages_enforce_the_rules(client, users, source, dataset, organisation, enqueued, role, expected):
    if role != "anonymous":
        client.force_login(users[role])
    responses = _page_actions(client, source, dataset, organisation)
    assert {name: r.status_code for name, r in responses.items()} == expected
    if role == "anonymous":
        assert all("/accounts/login/" in r["Location"] for r in responses.values())
    allowed = expected["harvest"] == 302 and role != "anonymous"
    assert HarvestRun.objects.filter(source=source).exists() is allowed
    assert len(enqueued) == (1 if allowed else 0)
    dataset.refresh_from_db()
    assert (dataset.mdk_source == "confirmed") is allowed
    assert Source.objects.filter(name="Neu").exists() is allowed


def test_the_add_form_offers_only_the_users_organisations(client, users, organisation, other_member):
    client.force_login(other_member)
    page = client.get("/daten/neue-quelle/").content.decode()
    assert f'<option value="{organisation.pk}"' not in page
    client.force_login(users["operator"])
    assert f'<option value="{organisation.pk}"' in client.get("/daten/neue-quelle/").content.decode()


def test_anonymous_users_are_sent_to_sign_in_for_the_add_form(client, db):
    response = client.get("/daten/neue-quelle/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the same rules in the API -----------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "harvest", "confirm"), [
    ("unverified_member", 403, 403),
    ("other_member", 403, 403),
    ("member", 202, 200),
    ("operator", 202, 200),
])
def test_the_api_enforces_the_rules(api_as, users, source, dataset, enqueued, role, harvest, confirm):
    client = api_as(users[role])
    started = client.post(f"/api/v1/sources/{source.slug}/harvest", HTTP_AUTHORIZATION=f"Bearer {client.token}")
    confirmed = client.post_json(f"/api/v1/datasets/{dataset.pk}/category", {"uri": CATEGORIES["haushalt"][0]})
    assert (started.status_code, confirmed.status_code) == (harvest, confirm)
    assert len(enqueued) == (1 if harvest == 202 else 0)
