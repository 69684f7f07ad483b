"""Committee pages, proposals and comments never show a person's e-mail address."""

import pytest
from django.test import Client

from catalogue_support import committee, load_seed, new_requirement
from factories import UserFactory
from lichtermeer.accounts.names import public_name
from lichtermeer.requirements import services

pytestmark = pytest.mark.django_db


def test_it_prefers_the_full_name_and_drops_an_email_domain():
    assert public_name(UserFactory(username="erika@example.org", first_name="Erika", last_name="Muster")) == \
        "Erika Muster"
    assert public_name(UserFactory(username="jonas@example.org")) == "jonas"


def test_public_pages_do_not_show_email_addresses():
    load_seed()
    chair, members = committee(2)
    proposal = services.submit_proposal(actor=members[0], kind="add", requirement_code="LM-OS-09", title="t",
                                        reasoning="r", proposed=new_requirement("LM-OS-09", category="open-interfaces"))
    commenter = UserFactory(username="commenter@example.org", email="commenter@example.org")
    services.add_comment(actor=commenter, proposal=proposal, body="Ein öffentlicher Hinweis.")
    for url in ("/committee/", f"/requirements/proposals/{proposal.number}/", "/api/v1/catalogue/committee",
                f"/api/v1/catalogue/proposals/{proposal.number}"):
        body = Client().get(url).content.decode()
        assert "@example.org" not in body, url
        assert "commenter" in body or "committee" in url
