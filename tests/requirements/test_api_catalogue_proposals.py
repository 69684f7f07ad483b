"""JSON API of the governance: proposals with comments, tally and decision; comments and votes with a token."""

import datetime as dt

import pytest

from factories import UserFactory
from lichtermeer.requirements import services
from lichtermeer.requirements.models import Comment, Vote

pytestmark = pytest.mark.django_db


def test_proposals_are_listed_and_filtered(api, proposal):
    body = api.get("/api/v1/catalogue/proposals").json()
    assert [p["number"] for p in body["items"]] == [1]
    item = body["items"][0]
    assert item["status"] == "commenting" and item["kind"] == "change" and item["requirement"] == "LM-DS-01"
    assert item["html_url"] == "/requirements/proposals/1/"
    assert item["api_url"] == "/api/v1/catalogue/proposals/1"
    assert api.get("/api/v1/catalogue/proposals", {"status": "voting"}).json()["items"] == []


def test_an_unknown_status_is_invalid(api, proposal, assert_problem):
    assert_problem(api.get("/api/v1/catalogue/proposals", {"status": "vielleicht"}), 422)


def test_a_proposal_with_its_change_and_comments(api, proposal, operator):
    services.add_comment(actor=UserFactory(first_name="Erika", last_name="Muster"), proposal=proposal, body="Gut.")
    hidden = services.add_comment(actor=UserFactory(), proposal=proposal, body="Werbung")
    services.hide_comment(actor=operator, comment=hidden, reason="Werbung")
    body = api.get("/api/v1/catalogue/proposals/1").json()
    assert body["reasoning"] == "Kürzere Wege." and body["author"] == "Mia Member" and body["tightens"] is True
    assert body["proposed"]["statement"]["en"] == "Data stays in Germany."
    assert body["current"]["statement"]["en"] == "Statement on Data within the EU."
    assert {"field": "statement.en", "from": "Statement on Data within the EU.", "to": "Data stays in Germany."} in (
        body["change"]["fields"]
    )
    assert body["comments"][0] == {**body["comments"][0], "author": "Erika Muster", "body": "Gut.", "hidden": False}
    assert body["comments"][1]["hidden"] is True and body["comments"][1]["body"] is None
    assert body["comments"][1]["hidden_reason"] == "Werbung"
    assert body["tally"] is None and body["decision"] is None


def test_the_tally_and_the_decision(api, voting_proposal, committee):
    services.declare_conflict(actor=committee["other_member"], proposal=voting_proposal, reason="Befangen")
    services.cast_vote(actor=committee["member"], proposal=voting_proposal, choice="yes")
    body = api.get("/api/v1/catalogue/proposals/1").json()
    assert body["status"] == "voting" and body["voting_closes_at"]
    assert body["tally"] == {"yes": 1, "no": 0, "abstain": 0, "cast": 1, "eligible": 2, "quorum": "1/2",
                             "majority": "1/2", "quorum_met": True, "majority_met": True, "accepted": True}
    assert body["conflicts"] == [{"member": "Max Mitglied"}]
    services.cast_vote(actor=committee["chair"], proposal=voting_proposal, choice="abstain")
    services.decide(actor=committee["chair"], proposal=voting_proposal, reasons="Angenommen.")
    decision = api.get("/api/v1/catalogue/proposals/1").json()["decision"]
    assert decision["outcome"] == "accepted" and decision["yes"] == 1 and decision["abstain"] == 1
    assert decision["reasons"] == "Angenommen."


def test_unknown_proposals_are_problems(api, proposal, assert_problem):
    assert_problem(api.get("/api/v1/catalogue/proposals/99"), 404)
    assert_problem(api.get("/api/v1/catalogue/proposals/0"), 404)


# --- writes -------------------------------------------------------------------------------------------------


def test_comments_need_a_token(api, proposal, assert_problem):
    assert_problem(api.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "Hallo"}), 401)


def test_a_user_comments_with_a_token(api_as, proposal):
    client = api_as(UserFactory(first_name="Erika", last_name="Muster"))
    response = client.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "Gute Idee."})
    assert response.status_code == 201
    body = response.json()
    assert body["author"] == "Erika Muster" and body["body"] == "Gute Idee." and body["hidden"] is False
    assert Comment.objects.get().body == "Gute Idee."


def test_comment_refusals_are_problems_in_both_languages(api_as, proposal, time_machine, assert_problem):
    unverified = api_as(UserFactory(email_verified=False))
    body = assert_problem(unverified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "Hallo"}), 403)
    assert body["type"] == "urn:lichtermeer:problem:forbidden"
    assert body["detail"] == "Zum Kommentieren ist ein Konto mit bestätigter E-Mail-Adresse nötig."
    assert body["errors"][0]["message_en"] == "Commenting needs an account with a verified e-mail address."
    verified = api_as(UserFactory())
    assert_problem(verified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": ""}), 422)
    assert_problem(verified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "x" * 5001}), 422)
    assert_problem(verified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "x", "extra": 1}), 422)
    body = assert_problem(verified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "   "}), 400)
    assert body["type"] == "urn:lichtermeer:problem:empty-comment"
    time_machine.move_to(proposal.comment_until + dt.timedelta(minutes=1), tick=False)
    body = assert_problem(verified.post_json("/api/v1/catalogue/proposals/1/comments", {"body": "Zu spät"},
                                             HTTP_ACCEPT_LANGUAGE="en"), 409)
    assert body["type"] == "urn:lichtermeer:problem:comment-period-closed"
    assert body["detail"] == "The comment period of this proposal is over."
    assert not Comment.objects.exists()


def test_members_vote_with_a_token(api_as, voting_proposal, member):
    client = api_as(member)
    response = client.post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "no", "reason": "Zu streng."})
    assert response.status_code == 201
    assert response.json()["choice"] == "no" and response.json()["proposal"] == 1
    assert Vote.objects.get().reason == "Zu streng."


def test_vote_refusals_are_problems(api, api_as, voting_proposal, member, other_member, assert_problem):
    assert_problem(api.post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "yes"}), 401)
    body = assert_problem(api_as(UserFactory()).post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "yes"}),
                          403)
    assert body["errors"][0]["message_de"] == "Nur amtierende Mitglieder des Gremiums stimmen ab."
    assert_problem(api_as(member).post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "vielleicht"}), 422)
    client = api_as(member)
    assert client.post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "yes"}).status_code == 201
    body = assert_problem(client.post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "no"}), 409)
    assert body["type"] == "urn:lichtermeer:problem:already-voted"
    services.declare_conflict(actor=other_member, proposal=voting_proposal, reason="Befangen")
    assert_problem(api_as(other_member).post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "yes"}), 403)
    assert_problem(api_as(member).post_json("/api/v1/catalogue/proposals/77/votes", {"choice": "yes"}), 404)
    assert Vote.objects.count() == 1


def test_no_votes_before_voting_opens(api_as, proposal, member, assert_problem):
    body = assert_problem(api_as(member).post_json("/api/v1/catalogue/proposals/1/votes", {"choice": "yes"}), 409)
    assert body["type"] == "urn:lichtermeer:problem:voting-closed"
