"""Pages of the governance: submitting proposals, comments, conflicts, votes, decisions, withdrawal.

Each action is a POST to its own address: allowed roles are redirected back with a message, others get the
page with the reason and the refusal's status (403, 409, ...), anonymous visitors the sign-in page.
"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from factories import UserFactory
from lichtermeer.requirements import services
from lichtermeer.requirements.models import Comment, ConflictOfInterest, Decision, Proposal, Vote

pytestmark = pytest.mark.django_db

NEW = "/requirements/proposals/new/"


def new_requirement(**changes) -> dict:
    data = {
        "kind": "add",
        "requirement_code": "LM-TK-01",
        "title": "KI-Transparenz",
        "reasoning": "Kommunen müssen wissen, wo KI entscheidet.",
        "category": "transparency-ai",
        "obligation": "SOLL",
        "title_de": "Einsatz von KI offenlegen",
        "title_en": "Disclose the use of AI",
        "statement_de": "Die Lösung legt offen, wo sie KI einsetzt.",
        "statement_en": "The solution discloses where it uses AI.",
        "rationale_de": "Transparenz schafft Vertrauen.",
        "rationale_en": "Transparency builds trust.",
        "software_types": ["standalone/web"],
        "evidence": ["documentation", "declaration"],
        "checks": "",
        "references": "KI-Verordnung | Art. 50 | https://eur-lex.europa.eu/eli/reg/2024/1689/oj\nDIN | SPEC 92001",
        "review_by": "2028-06-30",
    }
    data.update(changes)
    return data


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- list and submission ------------------------------------------------------------------------------------


def test_the_list_separates_open_and_closed_proposals(client, proposal):
    content = client.get("/en/requirements/proposals/").content.decode()
    assert "#1" in content and "Daten nur in Deutschland" in content
    assert "Open for comments" in content and "Comments until" in content
    assert "New proposal" not in content


def test_members_see_the_new_proposal_button(signed_in, proposal, member):
    assert "New proposal" in signed_in(member).get("/en/requirements/proposals/").content.decode()


def test_submitting_needs_a_sitting_member(client, signed_in, catalogue, former_member):
    response = client.get(NEW)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert signed_in(UserFactory()).get(NEW).status_code == 403
    assert signed_in(former_member).post(NEW, new_requirement()).status_code == 403
    assert not Proposal.objects.exists()


def test_a_member_submits_a_new_requirement(signed_in, catalogue, member):
    client = signed_in(member)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, new_requirement())
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == "/requirements/proposals/1/"
    assert proposal.kind == "add" and proposal.author == member
    assert proposal.proposed["applies_to"] == {"software_types": ["standalone/web"]}
    assert proposal.proposed["references"][0] == {
        "source": "KI-Verordnung", "ref": "Art. 50", "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"}
    assert proposal.proposed["references"][1] == {"source": "DIN", "ref": "SPEC 92001"}
    assert message_texts(response)


def test_a_change_is_prefilled_from_the_current_text(signed_in, catalogue, member):
    content = signed_in(member).get("/en" + NEW, {"code": "LM-DS-01"}).content.decode()
    assert 'value="Data within the EU"' in content
    assert "Statement on Data within the EU." in content
    assert 'value="change" class="kern-form-check__radio" id="id_kind_1" required checked' in content


def test_engine_findings_appear_at_their_fields(signed_in, catalogue, member):
    data = new_requirement(checks="Kein Prüf-Id!", references="Quelle | Ref | http://unsicher.example.org")
    response = signed_in(member).post("/en" + NEW, data)
    assert response.status_code == 422
    form = response.context["form"]
    assert "checks" in form.errors and "references" in form.errors
    assert not Proposal.objects.exists()


def test_the_form_requires_the_requirement_text_for_add_and_change(signed_in, catalogue, member):
    response = signed_in(member).post("/en" + NEW, new_requirement(statement_en="", evidence=[]))
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"statement_en", "evidence"}
    response = signed_in(member).post("/en" + NEW, {**new_requirement(requirement_code="LM-ZZ-1")})
    assert "requirement_code" in response.context["form"].errors


def test_a_refusal_of_the_service_is_shown_with_its_status(signed_in, catalogue, member):
    response = signed_in(member).post("/en" + NEW, new_requirement(requirement_code="LM-DS-01"))
    assert response.status_code == 400
    assert "LM-DS-01 is or was in use; ids are never reused." in response.content.decode()
    response = signed_in(member).post(NEW, new_requirement(requirement_code="LM-DS-01"))
    assert "Kennungen werden nie wiederverwendet" in response.content.decode()


def test_a_member_proposes_to_retire_a_requirement(signed_in, catalogue, member):
    response = signed_in(member).post(NEW, {"kind": "retire", "requirement_code": "LM-BF-01", "title": "Streichen",
                                            "reasoning": "Überholt."})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.kind == "retire" and proposal.proposed is None
    content = signed_in(member).get("/en/requirements/proposals/1/").content.decode()
    assert "Requirement to be retired" in content and "Accessible operation" in content


# --- the proposal page --------------------------------------------------------------------------------------


def test_the_proposal_page_compares_proposed_and_current_text(client, proposal):
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Kürzere Wege." in content
    assert '<del class="lm-pre">Statement on Data within the EU.</del>' in content
    assert '<ins class="lm-pre">Data stays in Germany.</ins>' in content
    assert "Sign in to comment" in content
    assert "Mia Member" in content
    assert "not opened yet" in content


def test_unknown_proposals_are_not_found(client, catalogue):
    assert client.get("/requirements/proposals/9/").status_code == 404
    assert client.post("/requirements/proposals/9/comment/", {"body": "x"}).status_code == 404


def test_actions_need_post(client, proposal):
    for action in ("comment", "conflict", "vote", "open-voting", "decide", "withdraw"):
        assert client.get(f"/requirements/proposals/1/{action}/").status_code == 405


# --- comments -----------------------------------------------------------------------------------------------


def test_anonymous_comments_go_to_the_sign_in(client, proposal):
    response = client.post("/requirements/proposals/1/comment/", {"body": "Hallo"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/requirements/proposals/1/")
    assert not Comment.objects.exists()


def test_a_verified_user_comments(signed_in, proposal):
    client = signed_in(UserFactory(first_name="Erika", last_name="Muster"))
    response = client.post("/en/requirements/proposals/1/comment/", {"body": "Gute Idee."})
    assert response.status_code == 302 and response["Location"] == "/en/requirements/proposals/1/#comments"
    assert message_texts(response) == ["Your comment has been published."]
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Gute Idee." in content and "Erika Muster" in content


def test_an_unverified_user_may_not_comment(signed_in, proposal):
    client = signed_in(UserFactory(email_verified=False))
    assert "Write a comment" not in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post("/requirements/proposals/1/comment/", {"body": "Hallo"})
    assert response.status_code == 403
    assert "bestätigter E-Mail-Adresse" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(signed_in, proposal):
    response = signed_in(UserFactory()).post("/en/requirements/proposals/1/comment/", {"body": "  "})
    assert response.status_code == 422
    assert "Please check your input." in response.content.decode()


def test_no_comments_after_the_comment_period(signed_in, proposal, time_machine):
    time_machine.move_to(proposal.comment_until + dt.timedelta(minutes=1), tick=False)
    client = signed_in(UserFactory())  # after the time travel: sessions expire after two weeks
    assert "The comment period is over." in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post("/en/requirements/proposals/1/comment/", {"body": "Zu spät"})
    assert response.status_code == 409
    assert "The comment period of this proposal is over." in response.content.decode()


def test_the_operator_hides_a_comment(signed_in, proposal, operator):
    comment = services.add_comment(actor=UserFactory(), proposal=proposal, body="Werbung für Produkt X")
    url = f"/en/requirements/proposals/1/comments/{comment.pk}/hide/"
    assert signed_in(UserFactory()).post(url, {"reason": "Werbung"}).status_code == 403
    client = signed_in(operator)
    assert "Hide this comment" in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post(url, {"reason": "Werbung"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_reason == "Werbung"
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Hidden by the operator: Werbung" in content and "Produkt X" not in content


def test_hiding_needs_a_reason_and_an_existing_comment(signed_in, proposal, operator):
    comment = services.add_comment(actor=UserFactory(), proposal=proposal, body="Text")
    client = signed_in(operator)
    assert client.post(f"/requirements/proposals/1/comments/{comment.pk}/hide/", {"reason": ""}).status_code == 422
    assert client.post("/requirements/proposals/1/comments/999/hide/", {"reason": "x"}).status_code == 404


# --- conflicts, voting, decision ----------------------------------------------------------------------------


def test_a_member_declares_a_conflict(signed_in, proposal, member):
    client = signed_in(member)
    assert "Declare a conflict of interest" in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post("/en/requirements/proposals/1/conflict/", {"reason": "Berate Anbieter X"})
    assert response.status_code == 302 and response["Location"].endswith("#committee")
    assert ConflictOfInterest.objects.get().member == member
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "You declared a conflict of interest: Berate Anbieter X" in content


def test_only_members_declare_conflicts(signed_in, proposal):
    response = signed_in(UserFactory()).post("/en/requirements/proposals/1/conflict/", {"reason": "x"})
    assert response.status_code == 403
    assert "Only committee members declare conflicts." in response.content.decode()


def test_the_chair_opens_voting_after_the_comment_period(signed_in, proposal, chair, member, time_machine):
    client = signed_in(chair)
    assert "Open voting" not in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post("/en/requirements/proposals/1/open-voting/")
    assert response.status_code == 409
    assert "The comment period has not ended yet." in response.content.decode()
    time_machine.move_to(proposal.comment_until + dt.timedelta(hours=1), tick=False)
    assert signed_in(member).post("/requirements/proposals/1/open-voting/").status_code == 403
    client = signed_in(chair)
    assert "Open voting" in client.get("/en/requirements/proposals/1/").content.decode()
    response = client.post("/en/requirements/proposals/1/open-voting/")
    assert response.status_code == 302
    assert Proposal.objects.get().status == "voting"
    assert message_texts(response)[0].startswith("Voting is open until")


def test_members_vote_once(signed_in, voting_proposal, member):
    client = signed_in(member)
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Cast vote" in content and "Members entitled to vote" in content
    response = client.post("/en/requirements/proposals/1/vote/", {"choice": "yes", "reason": "Passt."})
    assert response.status_code == 302
    assert Vote.objects.get().choice == "yes"
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Cast vote" not in content and "You voted “Yes”" in content
    response = client.post("/en/requirements/proposals/1/vote/", {"choice": "no"})
    assert response.status_code == 409
    assert "You have already voted on this proposal." in response.content.decode()
    assert Vote.objects.count() == 1


def test_outsiders_and_conflicted_members_do_not_vote(signed_in, voting_proposal, member, other_member):
    response = signed_in(UserFactory()).post("/requirements/proposals/1/vote/", {"choice": "yes"})
    assert response.status_code == 403
    services.declare_conflict(actor=other_member, proposal=voting_proposal, reason="Befangen")
    client = signed_in(other_member)
    assert "Cast vote" not in client.get("/en/requirements/proposals/1/").content.decode()
    assert client.post("/requirements/proposals/1/vote/", {"choice": "yes"}).status_code == 403
    assert client.post("/requirements/proposals/1/vote/", {"choice": "vielleicht"}).status_code == 422
    assert not Vote.objects.exists()


def test_the_chair_records_the_decision(signed_in, voting_proposal, committee):
    for user in committee.values():
        services.cast_vote(actor=user, proposal=voting_proposal, choice="yes")
    assert signed_in(committee["member"]).post("/requirements/proposals/1/decide/", {"reasons": "x"}).status_code == 403
    client = signed_in(committee["chair"])
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Record the decision" in content and "By the votes, the proposal is accepted." in content
    assert client.post("/requirements/proposals/1/decide/", {"reasons": ""}).status_code == 422
    response = client.post("/en/requirements/proposals/1/decide/", {"reasons": "Einstimmig."})
    assert response.status_code == 302 and response["Location"].endswith("#decision")
    decision = Decision.objects.get()
    assert decision.outcome == "accepted" and decision.yes == 3
    content = client.get("/en/requirements/proposals/1/").content.decode()
    assert "Decision: Accepted" in content and "Einstimmig." in content


def test_deciding_too_early_is_refused(signed_in, voting_proposal, chair):
    response = signed_in(chair).post("/en/requirements/proposals/1/decide/", {"reasons": "Eilig."})
    assert response.status_code == 409
    assert "Voting is still open" in response.content.decode()


def test_the_author_withdraws_during_the_comment_period(signed_in, proposal, member, other_member):
    assert signed_in(other_member).post("/requirements/proposals/1/withdraw/", {"reason": "x"}).status_code == 403
    response = signed_in(member).post("/requirements/proposals/1/withdraw/", {"reason": "Erledigt."})
    assert response.status_code == 302
    assert Proposal.objects.get().status == "withdrawn"
