"""The committee page: members for everyone, review list and publication for the committee."""

import pytest

from factories import UserFactory
from lichtermeer.requirements import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(voting_proposal, committee):
    for user in committee.values():
        services.cast_vote(actor=user, proposal=voting_proposal, choice="yes")
    services.decide(actor=committee["chair"], proposal=voting_proposal, reasons="Einstimmig.")
    voting_proposal.refresh_from_db()
    return voting_proposal


def test_everyone_sees_the_members(client, catalogue, committee, former_member):
    content = client.get("/en/committee/").content.decode()
    assert content.index("Clara Chair") < content.index("Mia Member")
    assert "Hochschule Beispiel" in content and "Berät Anbieter X." in content
    assert "Former members" in content and "Fritz Former" in content
    assert "Requirements due for review" not in content
    assert "@example.org" not in content


def test_members_and_the_operator_see_the_review_list(signed_in, catalogue, member, operator):
    for user in (member, operator):
        content = signed_in(user).get("/en/committee/").content.decode()
        assert "Requirements due for review" in content
        assert "LM-DS-02" in content and "review was due on" in content
        assert "LM-BF-01" in content and "review by" in content
        assert "Publish a new version" not in content
    assert "Requirements due for review" not in signed_in(UserFactory()).get("/en/committee/").content.decode()


def test_the_chair_publishes_accepted_proposals(signed_in, accepted, chair):
    client = signed_in(chair)
    content = client.get("/en/committee/").content.decode()
    assert "Accepted, not yet published" in content and "Daten nur in Deutschland" in content
    assert "Publish a new version" in content
    response = client.post("/en/committee/publish/", {
        "changelog_de": "LM-DS-01 verschärft.", "changelog_en": "LM-DS-01 tightened.",
        "effective_from": "", "transition_until": "",
    })
    version = selectors.latest_version()
    assert version.version == "2.0.0" and version.bump == "major"
    assert response.status_code == 302 and response["Location"] == "/en/requirements/versions/2.0.0/"
    accepted.refresh_from_db()
    assert accepted.status == "published" and accepted.published_in == version
    content = client.get("/en/requirements/versions/").content.decode()
    assert "LM-DS-01 tightened." in content and "Major" in content
    content = client.get("/en/requirements/LM-DS-01/?version=2.0.0").content.decode()
    assert "Data stays in Germany." in content and "The requirement became stricter." in content


def test_publishing_is_for_the_chair(client, signed_in, accepted, member):
    data = {"changelog_de": "x", "changelog_en": "y"}
    response = client.post("/committee/publish/", data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = signed_in(member).post("/en/committee/publish/", data)
    assert response.status_code == 403
    assert "Only the chair of the committee publishes catalogue versions." in response.content.decode()
    assert selectors.latest_version().version == "1.0.0"


def test_publishing_checks_the_form_and_needs_accepted_proposals(signed_in, catalogue, chair):
    client = signed_in(chair)
    response = client.post("/en/committee/publish/", {"changelog_de": "", "changelog_en": "y"})
    assert response.status_code == 422
    response = client.post("/en/committee/publish/", {
        "changelog_de": "x", "changelog_en": "y", "effective_from": "2027-01-01", "transition_until": "2026-12-01"})
    assert response.status_code == 422
    assert "The transition period cannot end before the effective date." in response.content.decode()
    response = client.post("/en/committee/publish/", {"changelog_de": "x", "changelog_en": "y"})
    assert response.status_code == 409
    assert "There are no accepted proposals to publish." in response.content.decode()
