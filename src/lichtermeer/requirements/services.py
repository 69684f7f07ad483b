"""Writes of the catalogue and its governance. Every decision that matters goes to the audit log.

Each service checks the same rules (rules.py) the pages and the API show, so a refused action is refused
everywhere. Time is always the clock's (tests move it with time-machine), so the rules and the services agree.
"""

import dataclasses
import datetime as dt
import hashlib
import json
from fractions import Fraction

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from lichtermeer.accounts.names import public_name
from lichtermeer.audit import services as audit
from lichtermeer.engines import catalogue as engine

from . import selectors
from .errors import CatalogueRejected, GovernanceError, forbidden
from .models import (
    CatalogueVersion,
    Comment,
    CommitteeSeat,
    ConflictOfInterest,
    Decision,
    Proposal,
    RequirementRevision,
    Vote,
)
from .rules import is_chair, is_sitting_member
from .signals import catalogue_published


def _sha256(document: dict) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _semver(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def _save_version(*, document: dict, bump: str, actor, previous: CatalogueVersion | None, now) -> CatalogueVersion:
    major, minor, patch = _semver(document["version"])
    version = CatalogueVersion(
        version=document["version"],
        major=major,
        minor=minor,
        patch=patch,
        bump=bump,
        document=document,
        document_sha256=_sha256(document),
        published_at=now,
        effective_from=dt.date.fromisoformat(document.get("effective_from") or timezone.localdate(now).isoformat()),
        transition_until=(
            dt.date.fromisoformat(document["transition_until"]) if document.get("transition_until") else None
        ),
        published_by=actor if actor is not None and actor.is_authenticated else None,
        previous=previous,
    )
    version.save()
    RequirementRevision.objects.bulk_create(
        RequirementRevision(
            catalogue_version=version,
            code=requirement["id"],
            category=requirement["category"],
            obligation=requirement["obligation"],
            title_de=requirement["title"]["de"],
            title_en=requirement["title"]["en"],
            review_by=dt.date.fromisoformat(requirement["review_by"]),
            data=requirement,
        )
        for requirement in document["requirements"]
    )
    return version


def _announce(version: CatalogueVersion) -> None:
    # After the commit, so listeners (re-assessment) never see a version that was rolled back, and exactly once.
    transaction.on_commit(lambda: catalogue_published.send(sender=CatalogueVersion, version=version))


# --- Catalogue versions ------------------------------------------------------------------------------------------


@transaction.atomic
def import_catalogue(
    *, content: bytes | str, path: str | None = None, actor=None, now=None
) -> tuple[CatalogueVersion, bool]:
    """Load a catalogue file as a published version (the seed catalogue, or a version from another instance).

    Idempotent: the same file again changes nothing. A different file under an existing version number is
    refused (published versions are immutable), and so is a version lower than the newest one.
    Returns (version, created).
    """
    result = engine.load(content, path=path)
    if not result.valid:
        raise CatalogueRejected(result.findings)
    document = result.document
    existing = CatalogueVersion.objects.filter(version=document["version"]).first()
    if existing is not None:
        if existing.document_sha256 == _sha256(document):
            return existing, False
        raise GovernanceError(
            "version-exists",
            f"Version {document['version']} is already published with different content; published versions "
            "are immutable, publish a new version instead.",
            f"Version {document['version']} ist bereits mit anderem Inhalt veröffentlicht; veröffentlichte "
            "Versionen sind unveränderlich, veröffentlichen Sie stattdessen eine neue Version.",
        )
    latest = selectors.latest_version()
    if latest is not None and _semver(document["version"]) < (latest.major, latest.minor, latest.patch):
        raise GovernanceError(
            "version-too-low",
            f"Version {document['version']} is lower than the newest published version {latest.version}.",
            f"Version {document['version']} ist niedriger als die neueste veröffentlichte Version {latest.version}.",
        )
    now = now or timezone.now()
    bump = engine.diff(latest.document, document).bump if latest else CatalogueVersion.Bump.INITIAL
    version = _save_version(
        document=document, bump=bump or CatalogueVersion.Bump.PATCH, actor=actor, previous=latest, now=now
    )
    audit.record(
        action="catalogue.version_imported",
        actor=actor,
        obj=version,
        after={"version": version.version, "sha256": version.document_sha256},
        data={"path": path or "", "requirements": len(document["requirements"])},
    )
    _announce(version)
    return version, True


def _apply(latest, changes, *, bump, effective_from, transition_until, changelog, now) -> dict:
    return engine.apply(
        latest.document,
        changes,
        version=engine.next_version(latest.version, bump),
        published=timezone.localdate(now).isoformat(),
        effective_from=effective_from.isoformat(),
        transition_until=transition_until.isoformat() if transition_until else None,
        changelog=changelog,
    )


@transaction.atomic
def publish_version(
    *,
    actor,
    changelog: dict | None = None,
    effective_from: dt.date | None = None,
    transition_until: dt.date | None = None,
) -> CatalogueVersion:
    """Publish every accepted, not yet published proposal as the next catalogue version.

    The version number follows from the changes (engine.diff: major when a MUSS requirement is added or
    tightened). The transition period defaults to CATALOGUE_TRANSITION_DAYS for major and minor versions.
    """
    now = timezone.now()
    if not actor.has_perm("requirements.publish_version"):
        raise forbidden("Only the chair of the committee publishes catalogue versions.",
                        "Nur der Vorsitz des Gremiums veröffentlicht Katalogversionen.")
    accepted = list(selectors.accepted_unpublished().select_for_update())
    if not accepted:
        raise GovernanceError("nothing-to-publish", "There are no accepted proposals to publish.",
                              "Es gibt keine angenommenen Vorschläge, die veröffentlicht werden könnten.")
    latest = CatalogueVersion.objects.select_for_update().first()
    changes = [
        engine.Change(kind=p.kind, requirement_id=p.requirement_code, requirement=p.proposed, tightens=p.tightens)
        for p in accepted
    ]
    tightened = {p.requirement_code for p in accepted if p.tightens}
    # Versions take effect in the order of their numbers: a new one never before its predecessor.
    effective_from = effective_from or max(timezone.localdate(now), latest.effective_from)
    if effective_from < latest.effective_from:
        raise GovernanceError(
            "effective-too-early",
            f"The new version cannot take effect before version {latest.version} ({latest.effective_from}).",
            f"Die neue Version kann nicht vor Version {latest.version} ({latest.effective_from}) in Kraft treten.",
            status=400,
        )
    # A first pass only to learn the kind of change; the version number follows from it.
    try:
        draft = _apply(latest, changes, bump="major", effective_from=effective_from, transition_until=None,
                       changelog=changelog, now=now)
    except engine.CatalogueError as error:
        raise CatalogueRejected(error.findings) from error
    bump = engine.diff(latest.document, draft, tightened=tightened).bump or "patch"
    if transition_until is None and bump in ("major", "minor"):
        transition_until = effective_from + dt.timedelta(days=settings.CATALOGUE_TRANSITION_DAYS)
    if transition_until is not None and transition_until < effective_from:
        raise GovernanceError("bad-transition", "The transition period cannot end before the effective date.",
                              "Die Übergangsfrist kann nicht vor dem Inkrafttreten enden.", status=400)
    try:
        document = _apply(latest, changes, bump=bump, effective_from=effective_from,
                          transition_until=transition_until, changelog=changelog, now=now)
    except engine.CatalogueError as error:
        raise CatalogueRejected(error.findings) from error
    version = _save_version(document=document, bump=bump, actor=actor, previous=latest, now=now)
    for proposal in accepted:
        before = proposal.status
        proposal.status, proposal.published_in = Proposal.Status.PUBLISHED, version
        proposal.save(update_fields=["status", "published_in"])
        audit.record(action="proposal.published", actor=actor, obj=proposal, before={"status": before},
                     after={"status": proposal.status, "version": version.version})
    audit.record(
        action="catalogue.version_published",
        actor=actor,
        obj=version,
        before={"version": latest.version},
        after={"version": version.version, "sha256": version.document_sha256, "bump": bump},
        data={"proposals": [p.number for p in accepted], "effective_from": effective_from.isoformat(),
              "transition_until": transition_until.isoformat() if transition_until else None},
    )
    _announce(version)
    return version


# --- Committee ---------------------------------------------------------------------------------------------------


def _seat_snapshot(seat: CommitteeSeat) -> dict:
    return {"user": seat.user_id, "role": seat.role, "affiliation": seat.affiliation,
            "declared_interests": seat.declared_interests, "term_start": seat.term_start.isoformat(),
            "term_end": seat.term_end.isoformat(),
            "ended_early_on": seat.ended_early_on.isoformat() if seat.ended_early_on else None}


@transaction.atomic
def appoint_member(
    *,
    actor,
    user,
    role: str = CommitteeSeat.Role.MEMBER,
    affiliation: str,
    declared_interests: str = "",
    term_start: dt.date,
    term_end: dt.date,
) -> CommitteeSeat:
    if not actor.has_perm("requirements.manage_committee"):
        raise forbidden("Only the operator appoints committee members.",
                        "Nur der Betreiber beruft Mitglieder des Gremiums.")
    if term_end <= term_start:
        raise GovernanceError("bad-term", "A term must end after it starts.",
                              "Eine Amtszeit muss nach ihrem Beginn enden.", status=400)
    overlapping = CommitteeSeat.objects.select_for_update().filter(term_start__lte=term_end, term_end__gte=term_start)
    if any(s.user_id == user.pk and s.last_day >= term_start for s in overlapping):
        raise GovernanceError("seat-overlaps", "This person already holds a seat in that period.",
                              "Diese Person hat in diesem Zeitraum bereits einen Sitz.")
    if role == CommitteeSeat.Role.CHAIR and any(
        s.role == CommitteeSeat.Role.CHAIR and s.last_day >= term_start for s in overlapping
    ):
        raise GovernanceError("chair-taken", "The committee already has a chair in that period.",
                              "Das Gremium hat in diesem Zeitraum bereits einen Vorsitz.")
    seat = CommitteeSeat.objects.create(user=user, role=role, affiliation=affiliation,
                                        declared_interests=declared_interests, term_start=term_start,
                                        term_end=term_end)
    _sync_group(user)
    audit.record(action="committee.member_appointed", actor=actor, obj=seat, after=_seat_snapshot(seat))
    return seat


@transaction.atomic
def end_term(*, actor, seat: CommitteeSeat, on: dt.date, reason: str) -> CommitteeSeat:
    if not actor.has_perm("requirements.manage_committee"):
        raise forbidden("Only the operator ends terms of office.", "Nur der Betreiber beendet Amtszeiten.")
    seat = CommitteeSeat.objects.select_for_update().get(pk=seat.pk)
    if not seat.term_start <= on <= seat.last_day:
        raise GovernanceError("bad-term", "The day lies outside the term.", "Der Tag liegt außerhalb der Amtszeit.",
                              status=400)
    before = _seat_snapshot(seat)
    seat.ended_early_on = on
    seat.save(update_fields=["ended_early_on"])
    _sync_group(seat.user)
    audit.record(action="committee.term_ended", actor=actor, obj=seat, before=before, after=_seat_snapshot(seat),
                 data={"reason": reason})
    return seat


@transaction.atomic
def update_declared_interests(*, actor, seat: CommitteeSeat, declared_interests: str) -> CommitteeSeat:
    if actor.pk != seat.user_id and not actor.has_perm("requirements.manage_committee"):
        raise forbidden("Members declare their own interests.", "Mitglieder erklären ihre Interessen selbst.")
    before = _seat_snapshot(seat)
    seat.declared_interests = declared_interests
    seat.save(update_fields=["declared_interests"])
    audit.record(action="committee.interests_declared", actor=actor, obj=seat, before=before,
                 after=_seat_snapshot(seat))
    return seat


def _sync_group(user) -> None:
    """The "committee" group follows the seats, for menus and the admin; rights come from the seat itself."""
    from django.contrib.auth.models import Group

    from lichtermeer.accounts import roles

    group, _ = Group.objects.get_or_create(name=roles.COMMITTEE)
    today = timezone.localdate()
    if any(seat.sits_on(today) for seat in CommitteeSeat.objects.filter(user=user)):
        user.groups.add(group)
    else:
        user.groups.remove(group)
    roles.forget_cached_roles(user)


# --- Proposals ---------------------------------------------------------------------------------------------------


def _validated_requirement(kind: str, code: str, proposed: dict | None, base: CatalogueVersion) -> dict | None:
    existing = {r["id"] for r in base.document["requirements"]}
    ever = set(RequirementRevision.objects.values_list("code", flat=True).distinct())
    if kind == Proposal.Kind.RETIRE:
        if code not in existing:
            raise GovernanceError("unknown-requirement", f"{code} is not in the catalogue.",
                                  f"{code} ist nicht im Katalog.", status=400)
        return None
    if not isinstance(proposed, dict):
        raise GovernanceError("missing-requirement", "The proposal needs the full text of the requirement.",
                              "Der Vorschlag braucht den vollständigen Text der Anforderung.", status=400)
    proposed = {**proposed, "id": code}
    if kind == Proposal.Kind.ADD and code in ever:
        raise GovernanceError("id-taken", f"{code} is or was in use; ids are never reused.",
                              f"{code} ist oder war bereits vergeben; Kennungen werden nie wiederverwendet.",
                              status=400)
    if kind == Proposal.Kind.CHANGE and code not in existing:
        raise GovernanceError("unknown-requirement", f"{code} is not in the catalogue.",
                              f"{code} ist nicht im Katalog.", status=400)
    # Findings about the proposed requirement alone are keyed relative to it ("statement.de"), so forms can
    # show them next to their fields; then the whole resulting catalogue must be valid too.
    alone = {"format": engine.FORMAT, "id": base.document["id"], "version": base.version,
             "title": base.document["title"], "requirements": [proposed]}
    findings = engine.validate(alone)
    if findings:
        raise CatalogueRejected([dataclasses.replace(f, key=f.key.removeprefix("requirements[0].")) for f in findings])
    if kind == Proposal.Kind.CHANGE:
        current = next(r for r in base.document["requirements"] if r["id"] == code)
        unchanged = {**base.document, "requirements": [current]}
        if engine.diff(unchanged, {**unchanged, "requirements": [proposed]}).bump is None:
            raise GovernanceError("no-change", f"The proposed text of {code} is the same as the current one.",
                                  f"Der vorgeschlagene Text von {code} stimmt mit dem geltenden überein.",
                                  status=400)
    change = engine.Change(kind=kind, requirement_id=code, requirement=proposed)
    try:
        today = timezone.localdate().isoformat()
        engine.apply(base.document, [change], version=engine.next_version(base.version, "major"), published=today,
                     effective_from=today, transition_until=None, changelog=None)
    except engine.CatalogueError as error:
        raise CatalogueRejected(error.findings) from error
    return proposed


@transaction.atomic
def submit_proposal(
    *,
    actor,
    kind: str,
    requirement_code: str,
    title: str,
    reasoning: str,
    proposed: dict | None = None,
    tightens: bool = False,
) -> Proposal:
    """Open a change proposal for public comment (COMMITTEE_COMMENT_DAYS, default three weeks)."""
    now = timezone.now()
    if not is_sitting_member(actor):
        raise forbidden("Only sitting committee members submit proposals.",
                        "Nur amtierende Mitglieder des Gremiums reichen Vorschläge ein.")
    if kind not in Proposal.Kind.values:
        raise GovernanceError("bad-kind", f"Unknown kind of proposal {kind!r}.", f"Unbekannte Vorschlagsart {kind!r}.",
                              status=400)
    if not title.strip() or not reasoning.strip():
        raise GovernanceError("missing-text", "Title and reasoning are required.",
                              "Titel und Begründung sind erforderlich.", status=400)
    base = CatalogueVersion.objects.first()
    if base is None:
        raise GovernanceError("no-catalogue", "There is no catalogue yet.", "Es gibt noch keinen Katalog.")
    clash = Proposal.objects.filter(
        requirement_code=requirement_code,
        status__in=[Proposal.Status.COMMENTING, Proposal.Status.VOTING, Proposal.Status.ACCEPTED],
    ).first()
    if clash is not None:
        raise GovernanceError(
            "open-proposal-exists",
            f"Proposal #{clash.number} on {requirement_code} is still open or awaits publication.",
            f"Vorschlag #{clash.number} zu {requirement_code} ist noch offen oder wartet auf Veröffentlichung.",
        )
    proposed = _validated_requirement(kind, requirement_code, proposed, base)
    number = (Proposal.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
    proposal = Proposal.objects.create(
        number=number, kind=kind, requirement_code=requirement_code, title=title.strip(),
        reasoning=reasoning.strip(), proposed=proposed, tightens=tightens, base_version=base, author=actor,
        created_at=now, comment_until=now + dt.timedelta(days=settings.COMMITTEE_COMMENT_DAYS),
    )
    audit.record(action="proposal.submitted", actor=actor, obj=proposal,
                 after={"number": number, "kind": kind, "requirement": requirement_code, "proposed": proposed,
                        "tightens": tightens, "comment_until": proposal.comment_until.isoformat()})
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def withdraw_proposal(*, actor, proposal: Proposal, reason: str) -> Proposal:
    proposal = _locked(proposal)
    if not actor.has_perm("requirements.withdraw_proposal", proposal):
        raise forbidden("Only its author or the chair withdraws a proposal, during the comment period.",
                        "Nur die einreichende Person oder der Vorsitz zieht einen Vorschlag zurück, "
                        "solange die Kommentierungsfrist läuft.")
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    audit.record(action="proposal.withdrawn", actor=actor, obj=proposal, before={"status": "commenting"},
                 after={"status": proposal.status}, data={"reason": reason})
    return proposal


@transaction.atomic
def add_comment(*, actor, proposal: Proposal, body: str) -> Comment:
    now = timezone.now()
    body = body.strip()
    if not body:
        raise GovernanceError("empty-comment", "The comment is empty.", "Der Kommentar ist leer.", status=400)
    if len(body) > 5000:
        raise GovernanceError("comment-too-long", "A comment has at most 5,000 characters.",
                              "Ein Kommentar hat höchstens 5.000 Zeichen.", status=400)
    proposal = _locked(proposal)
    if not proposal.in_comment_period(now):
        raise GovernanceError("comment-period-closed", "The comment period of this proposal is over.",
                              "Die Kommentierungsfrist dieses Vorschlags ist abgelaufen.")
    if not actor.has_perm("requirements.add_comment", proposal):
        raise forbidden("Commenting needs an account with a verified e-mail address.",
                        "Zum Kommentieren ist ein Konto mit bestätigter E-Mail-Adresse nötig.")
    comment = Comment.objects.create(proposal=proposal, author=actor, author_label=public_name(actor), body=body,
                                     created_at=now)
    return comment


@transaction.atomic
def hide_comment(*, actor, comment: Comment, reason: str) -> Comment:
    if not actor.has_perm("requirements.hide_comment"):
        raise forbidden("Only the operator moderates comments.", "Nur der Betreiber moderiert Kommentare.")
    if not reason.strip():
        raise GovernanceError("missing-reason", "Give a reason for hiding the comment.",
                              "Geben Sie einen Grund für das Ausblenden an.", status=400)
    comment.hidden_reason = reason.strip()[:300]
    comment.save(update_fields=["hidden_reason"])
    audit.record(action="proposal.comment_hidden", actor=actor, obj=comment, before={"body": comment.body},
                 data={"reason": comment.hidden_reason, "proposal": comment.proposal.number})
    return comment


@transaction.atomic
def declare_conflict(*, actor, proposal: Proposal, reason: str, member=None) -> ConflictOfInterest:
    """A member declares a conflict of interest on a proposal (or the chair records one for a member)."""
    now = timezone.now()
    member = member or actor
    proposal = _locked(proposal)
    if not reason.strip():
        raise GovernanceError("missing-reason", "Describe the conflict of interest.",
                              "Beschreiben Sie den Interessenkonflikt.", status=400)
    if proposal.status not in (Proposal.Status.COMMENTING, Proposal.Status.VOTING):
        raise GovernanceError("decided", "The proposal is already decided.", "Über den Vorschlag ist entschieden.")
    if member.pk == actor.pk:
        if not is_sitting_member(actor):
            raise forbidden("Only committee members declare conflicts.",
                            "Nur Mitglieder des Gremiums erklären Interessenkonflikte.")
    elif not actor.has_perm("requirements.record_conflict", proposal):
        raise forbidden("Only the chair records a conflict for another member.",
                        "Nur der Vorsitz hält einen Interessenkonflikt für ein anderes Mitglied fest.")
    if Vote.objects.filter(proposal=proposal, voter=member).exists():
        raise GovernanceError("already-voted", "A conflict must be declared before voting.",
                              "Ein Interessenkonflikt muss vor der Stimmabgabe erklärt werden.")
    if ConflictOfInterest.objects.filter(proposal=proposal, member=member).exists():
        raise GovernanceError("conflict-exists", "A conflict of interest is already recorded for this proposal.",
                              "Für diesen Vorschlag ist bereits ein Interessenkonflikt festgehalten.")
    conflict = ConflictOfInterest.objects.create(proposal=proposal, member=member, reason=reason.strip()[:500],
                                                 recorded_by=actor, recorded_at=now)
    audit.record(action="proposal.conflict_declared", actor=actor, obj=proposal,
                 data={"member": member.pk, "reason": conflict.reason})
    return conflict


@transaction.atomic
def open_voting(*, actor, proposal: Proposal) -> Proposal:
    now = timezone.now()
    proposal = _locked(proposal)
    if not is_chair(actor):
        raise forbidden("Only the chair opens a vote.", "Nur der Vorsitz eröffnet eine Abstimmung.")
    if proposal.status != Proposal.Status.COMMENTING:
        raise GovernanceError("not-commenting", "Only a proposal in its comment phase can go to the vote.",
                              "Nur ein Vorschlag in der Kommentierungsphase kann zur Abstimmung gestellt werden.")
    if now <= proposal.comment_until:
        raise GovernanceError("comment-period-running", "The comment period has not ended yet.",
                              "Die Kommentierungsfrist läuft noch.")
    proposal.status = Proposal.Status.VOTING
    proposal.voting_opens_at = now
    proposal.voting_closes_at = now + dt.timedelta(days=settings.COMMITTEE_VOTING_DAYS)
    # The rules in force when voting opens apply to this vote, even if the settings change meanwhile.
    proposal.quorum = str(Fraction(settings.COMMITTEE_QUORUM))
    proposal.majority = str(Fraction(settings.COMMITTEE_MAJORITY))
    proposal.save(update_fields=["status", "voting_opens_at", "voting_closes_at", "quorum", "majority"])
    audit.record(action="proposal.voting_opened", actor=actor, obj=proposal, before={"status": "commenting"},
                 after={"status": "voting", "closes": proposal.voting_closes_at.isoformat(),
                        "quorum": proposal.quorum, "majority": proposal.majority})
    return proposal


@transaction.atomic
def cast_vote(*, actor, proposal: Proposal, choice: str, reason: str = "") -> Vote:
    now = timezone.now()
    if choice not in Vote.Choice.values:
        raise GovernanceError("bad-choice", "A vote is yes, no or abstain.",
                              "Eine Stimme ist ja, nein oder Enthaltung.", status=400)
    # Lock the proposal: votes on one proposal are serialised, so none is counted twice or after the decision.
    proposal = _locked(proposal)
    if not is_sitting_member(actor):
        raise forbidden("Only sitting committee members vote.", "Nur amtierende Mitglieder des Gremiums stimmen ab.")
    if not proposal.voting_is_open(now):
        raise GovernanceError("voting-closed", "Voting on this proposal is not open.",
                              "Die Abstimmung über diesen Vorschlag ist nicht geöffnet.")
    if proposal.conflicts.filter(member=actor).exists():
        raise forbidden("You declared a conflict of interest on this proposal and cannot vote on it.",
                        "Sie haben zu diesem Vorschlag einen Interessenkonflikt erklärt und können nicht abstimmen.")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(proposal=proposal, voter=actor, choice=choice, reason=reason.strip()[:1000],
                                       cast_at=now)
    except IntegrityError:
        raise GovernanceError("already-voted", "You have already voted on this proposal.",
                              "Sie haben über diesen Vorschlag bereits abgestimmt.") from None
    audit.record(action="proposal.vote_cast", actor=actor, obj=proposal,
                 data={"vote": vote.pk, "choice": choice, "reason": vote.reason})
    return vote


@transaction.atomic
def decide(*, actor, proposal: Proposal, reasons: str) -> Decision:
    """Record the outcome the votes give (quorum and majority as fixed when voting opened), with reasons."""
    now = timezone.now()
    proposal = _locked(proposal)
    if not is_chair(actor):
        raise forbidden("Only the chair records decisions.", "Nur der Vorsitz hält Entscheidungen fest.")
    if proposal.status != Proposal.Status.VOTING:
        raise GovernanceError("not-voting", "The proposal is not in the voting phase.",
                              "Der Vorschlag ist nicht in der Abstimmungsphase.")
    if now <= proposal.voting_closes_at and not selectors.all_eligible_have_voted(proposal):
        raise GovernanceError("voting-running", "Voting is still open and not every eligible member has voted.",
                              "Die Abstimmung läuft noch und nicht alle stimmberechtigten Mitglieder haben abgestimmt.")
    if not reasons.strip():
        raise GovernanceError("missing-reasons", "A decision needs reasons.",
                              "Eine Entscheidung braucht eine Begründung.", status=400)
    counts = selectors.tally(proposal)
    outcome = Decision.Outcome.ACCEPTED if counts["accepted"] else Decision.Outcome.REJECTED
    decision = Decision.objects.create(
        proposal=proposal, outcome=outcome, yes=counts["yes"], no=counts["no"], abstain=counts["abstain"],
        eligible=counts["eligible"], quorum_met=counts["quorum_met"], majority_met=counts["majority_met"],
        reasons=reasons.strip(), decided_by=actor, decided_at=now,
    )
    proposal.status = Proposal.Status.ACCEPTED if counts["accepted"] else Proposal.Status.REJECTED
    if proposal.voting_closes_at > now:
        proposal.voting_closes_at = now
    proposal.save(update_fields=["status", "voting_closes_at"])
    audit.record(action="proposal.decided", actor=actor, obj=proposal, before={"status": "voting"},
                 after={"status": proposal.status, **{k: counts[k] for k in ("yes", "no", "abstain", "eligible")},
                        "quorum_met": counts["quorum_met"], "majority_met": counts["majority_met"]},
                 data={"reasons": decision.reasons})
    return decision
