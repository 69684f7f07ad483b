"""JSON API of the catalogue of base requirements and of its governance (tag "catalogue").

The JSON twins of the catalogue's pages: the catalogue in force, its versions (also as the YAML or JSON
document), one requirement with its history, the difference between two versions, proposals with their
comments, tally and decision, the committee and its review list. Writes (comments, votes) need a token.
Handlers stay thin: reads go through selectors, writes through services; a GovernanceError becomes a
problem document with its status, its code and its message in English and German.
"""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Status

from lichtermeer.accounts.api_auth import OPTIONAL_TOKEN, caller, token_auth
from lichtermeer.problems import ApiProblem, error_item, problem_responses, refused

from . import selectors, services, views
from .errors import GovernanceError
from .models import CatalogueVersion, Decision, Proposal, RequirementRevision
from .schemas import (
    CatalogueDocument,
    CatalogueOut,
    CatalogueVersionDetail,
    CatalogueVersionList,
    CommentIn,
    CommentOut,
    CommitteeOut,
    DiffOut,
    DiffParams,
    ProposalDetail,
    ProposalList,
    ProposalNumber,
    ProposalParams,
    RequirementCode,
    RequirementDetail,
    RequirementParams,
    ReviewOut,
    VersionNumber,
    VersionParams,
    VoteIn,
    VoteOut,
)
from .templatetags.requirements_tags import (
    bump_label,
    category_label,
    display_name,
    evidence_label,
    obligation_label,
)

router = Router(tags=["catalogue"])


def _unknown_version(key: str, number: str) -> ApiProblem:
    return ApiProblem(
        404, "unknown-version",
        ("Unknown catalogue version", "Unbekannte Katalogversion"),
        (f"There is no published version {number}.", f"Es gibt keine veröffentlichte Version {number}."),
        [error_item(key, "unknown version", "unbekannte Version")],
    )


# --- serialisation -----------------------------------------------------------------------------------------


def version_summary(version: CatalogueVersion, current: CatalogueVersion | None) -> dict:
    document = version.document
    return {
        "version": version.version,
        "bump": version.bump,
        "bump_label": bump_label(version.bump),
        "title": document.get("title"),
        "published_at": version.published_at,
        "effective_from": version.effective_from,
        "transition_until": version.transition_until,
        "changelog": document.get("changelog"),
        "previous": version.previous.version if version.previous_id else None,
        "requirement_count": len(document.get("requirements") or []),
        "in_force": current is not None and current.pk == version.pk,
        "html_url": reverse("requirements:version", args=[version.version]),
        "api_url": reverse("api:get_catalogue_version", kwargs={"version": version.version}),
        "yaml_url": reverse("requirements:download_yaml", args=[version.version]),
        "json_url": reverse("requirements:download_json", args=[version.version]),
    }


def requirement_summary(revision: RequirementRevision) -> dict:
    return {
        "id": revision.code,
        "category": revision.category,
        "category_label": category_label(revision.category),
        "obligation": revision.obligation,
        "obligation_label": obligation_label(revision.obligation),
        "title": {"de": revision.title_de, "en": revision.title_en},
        "review_by": revision.review_by,
        "review_overdue": revision.review_by < timezone.localdate(),
        "html_url": reverse("requirements:requirement", args=[revision.code]),
        "api_url": reverse("api:get_requirement", kwargs={"code": revision.code}),
    }


def proposal_summary(proposal: Proposal) -> dict:
    return {
        "number": proposal.number,
        "kind": proposal.kind,
        "kind_label": proposal.get_kind_display(),
        "requirement": proposal.requirement_code,
        "title": proposal.title,
        "status": proposal.status,
        "status_label": proposal.get_status_display(),
        "tightens": proposal.tightens,
        "created_at": proposal.created_at,
        "comment_until": proposal.comment_until,
        "voting_opens_at": proposal.voting_opens_at,
        "voting_closes_at": proposal.voting_closes_at,
        "base_version": proposal.base_version.version,
        "published_in": proposal.published_in.version if proposal.published_in_id else None,
        "html_url": proposal.get_absolute_url(),
        "api_url": reverse("api:get_proposal", kwargs={"number": proposal.number}),
    }


def _seat(seat) -> dict:
    return {
        "name": display_name(seat.user),
        "role": seat.role,
        "role_label": seat.get_role_display(),
        "affiliation": seat.affiliation,
        "declared_interests": seat.declared_interests,
        "term_start": seat.term_start,
        "term_end": seat.term_end,
        "ended_early_on": seat.ended_early_on,
    }


# --- catalogue ------------------------------------------------------------------------------------------


@router.get(
    "/catalogue",
    response={200: CatalogueOut, **problem_responses(401, 404)},
    operation_id="getCatalogue",
    summary="Get the catalogue in force",
    description="The version of the catalogue of base requirements in force today, with its requirements, "
    "and the next version if one is published but not yet in force.",
    url_name="get_catalogue",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_catalogue(request):
    caller(request)
    current = selectors.current_version()
    if current is None:
        raise ApiProblem(
            404, "no-catalogue",
            ("No catalogue in force", "Kein Katalog in Kraft"),
            ("No version of the catalogue is in force yet; see /catalogue/versions.",
             "Noch keine Version des Katalogs ist in Kraft; siehe /catalogue/versions."),
        )
    upcoming = selectors.upcoming_version()
    return {
        "version": version_summary(current, current),
        "upcoming": version_summary(upcoming, current) if upcoming else None,
        "requirements": [requirement_summary(r) for r in current.requirements.all()],
    }


@router.get(
    "/catalogue/versions",
    response={200: CatalogueVersionList, **problem_responses(401)},
    operation_id="listCatalogueVersions",
    summary="List the versions of the catalogue",
    description="Every published version, newest first, with its kind of change, dates and changelog.",
    url_name="list_catalogue_versions",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_catalogue_versions(request):
    caller(request)
    current = selectors.current_version()
    return {"items": [version_summary(v, current) for v in selectors.versions().select_related("previous")]}


@router.get(
    "/catalogue/versions/{version}",
    response={200: CatalogueVersionDetail | CatalogueDocument, **problem_responses(401, 404, 422)},
    operation_id="getCatalogueVersion",
    summary="Get a version of the catalogue",
    description="A published version with its requirements. With `format=yaml` or `format=json` the catalogue "
    "document itself (format lichtermeer-catalogue/1), as the download on the version's page.",
    url_name="get_catalogue_version",
    openapi_extra={
        **OPTIONAL_TOKEN,
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/yaml": {"schema": {"$ref": "#/components/schemas/CatalogueDocument"}},
                },
            }
        },
    },
)
def get_catalogue_version(request, version: VersionNumber, params: Query[VersionParams]):
    caller(request)
    found = selectors.get_version(version)
    if found is None:
        raise Http404
    if params.format:
        return views.catalogue_file(found, params.format, disposition="inline")
    current = selectors.current_version()
    return {
        **version_summary(found, current),
        "description": found.document.get("description"),
        "requirements": [requirement_summary(r) for r in found.requirements.all()],
    }


@router.get(
    "/catalogue/requirements/{code}",
    response={200: RequirementDetail, **problem_responses(401, 404, 422)},
    operation_id="getRequirement",
    summary="Get a requirement with its history",
    description="The full requirement as in the version in force (or in `version`), what changed in each "
    "version, and the change proposals concerning it.",
    url_name="get_requirement",
    by_alias=True,
    openapi_extra=OPTIONAL_TOKEN,
)
def get_requirement(request, code: RequirementCode, params: Query[RequirementParams]):
    caller(request)
    revision = views.select_revision(code, params.version or "")
    data = revision.data
    timeline = views.history(code)
    current = selectors.current_version()
    applies_to = data.get("applies_to") or {}
    retired_in = next((e["version"].version for e in timeline if e["event"] == "retired"), None)
    return {
        **requirement_summary(revision),
        "version": revision.catalogue_version.version,
        "in_force": current is not None and revision.catalogue_version_id == current.pk,
        "retired_in": retired_in,
        "statement": data["statement"],
        "rationale": data["rationale"],
        "applies_to": {
            "software_types": applies_to.get("software_types") or [],
            "operating_models": applies_to.get("operating_models") or [],
        },
        "evidence": [{"kind": kind, "label": evidence_label(kind)} for kind in data.get("evidence") or []],
        "checks": data.get("checks") or [],
        "decided_by_reviewers": not data.get("checks"),
        "references": data.get("references") or [],
        "history": [
            {
                "version": entry["version"].version,
                "published_at": entry["version"].published_at,
                "effective_from": entry["version"].effective_from,
                "event": entry["event"],
                "change": entry["change"],
            }
            for entry in timeline
        ],
        "proposals": [proposal_summary(p) for p in selectors.proposals().filter(requirement_code=code)],
    }


@router.get(
    "/catalogue/diff",
    response={200: DiffOut, **problem_responses(401, 404, 422)},
    operation_id="diffCatalogueVersions",
    summary="Compare two versions of the catalogue",
    description="Added, retired and changed requirements (each changed field before and after), changed "
    "catalogue details, and the kind of version change this amounts to. Without parameters: the newest "
    "version against the one before.",
    url_name="diff_catalogue_versions",
    by_alias=True,
    openapi_extra=OPTIONAL_TOKEN,
)
def diff_catalogue_versions(request, params: Query[DiffParams]):
    caller(request)
    newest = list(selectors.versions().defer("document")[:2])
    if not newest:
        raise ApiProblem(404, "no-catalogue", ("No catalogue", "Kein Katalog"),
                         ("No version of the catalogue has been published yet.",
                          "Es ist noch keine Version des Katalogs veröffentlicht."))
    chosen = {
        "from": params.from_version or newest[-1].version,
        "to": params.to_version or newest[0].version,
    }
    found = {}
    for key, number in chosen.items():
        found[key] = selectors.get_version(number)
        if found[key] is None:
            raise _unknown_version(key, number)
    return selectors.diff(found["from"], found["to"]).to_dict()


# --- proposals ------------------------------------------------------------------------------------------


@router.get(
    "/catalogue/proposals",
    response={200: ProposalList, **problem_responses(401, 422)},
    operation_id="listProposals",
    summary="List change proposals",
    description="Proposals to add, change or retire a requirement, newest first.",
    url_name="list_proposals",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_proposals(request, params: Query[ProposalParams]):
    caller(request)
    return {"items": [proposal_summary(p) for p in selectors.proposals(status=params.status or "")]}


def _proposal(number: int) -> Proposal:
    proposal = selectors.proposals().filter(number=number).first()
    if proposal is None:
        raise Http404
    return proposal


def _comment(comment) -> dict:
    hidden = bool(comment.hidden_reason)
    return {
        "id": comment.pk,
        "author": comment.author_label,
        "created_at": comment.created_at,
        "hidden": hidden,
        "hidden_reason": comment.hidden_reason,
        "body": None if hidden else comment.body,
    }


@router.get(
    "/catalogue/proposals/{number}",
    response={200: ProposalDetail, **problem_responses(401, 404, 422)},
    operation_id="getProposal",
    summary="Get a change proposal",
    description="The proposal with its reasoning, the proposed and the current text, the public comments "
    "(hidden ones without their text), the tally once voting has opened, and the decision.",
    url_name="get_proposal",
    by_alias=True,
    openapi_extra=OPTIONAL_TOKEN,
)
def get_proposal(request, number: ProposalNumber):
    caller(request)
    proposal = _proposal(number)
    base = proposal.base_version.requirements.filter(code=proposal.requirement_code).first()
    current = base.data if base is not None else None
    decision = Decision.objects.filter(proposal=proposal).first()
    return {
        **proposal_summary(proposal),
        "reasoning": proposal.reasoning,
        "author": display_name(proposal.author),
        "proposed": proposal.proposed,
        "current": current,
        "change": views.compare(current, proposal.proposed, tightened=proposal.tightens)
        if proposal.kind == Proposal.Kind.CHANGE
        else None,
        "comments": [_comment(c) for c in proposal.comments.all()],
        "conflicts": [{"member": display_name(c.member)} for c in proposal.conflicts.select_related("member")],
        "tally": selectors.tally(proposal) if proposal.voting_opens_at else None,
        "decision": decision,
    }


@router.post(
    "/catalogue/proposals/{number}/comments",
    auth=token_auth,
    response={201: CommentOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="addProposalComment",
    summary="Comment on a proposal",
    description="Publishes a comment with your name, during the proposal's comment period. Needs an account "
    "with a verified e-mail address.",
    url_name="add_proposal_comment",
)
def add_proposal_comment(request, number: ProposalNumber, payload: CommentIn):
    proposal = _proposal(number)
    try:
        comment = services.add_comment(actor=request.auth, proposal=proposal, body=payload.body)
    except GovernanceError as error:
        raise refused(error) from None
    return Status(201, _comment(comment))


@router.post(
    "/catalogue/proposals/{number}/votes",
    auth=token_auth,
    response={201: VoteOut, **problem_responses(400, 401, 403, 404, 409, 422)},
    operation_id="castProposalVote",
    summary="Vote on a proposal (committee)",
    description="Casts your vote (yes, no or abstain) while voting is open. Only sitting committee members "
    "without a declared conflict of interest vote, each once.",
    url_name="cast_proposal_vote",
)
def cast_proposal_vote(request, number: ProposalNumber, payload: VoteIn):
    proposal = _proposal(number)
    try:
        vote = services.cast_vote(actor=request.auth, proposal=proposal, choice=payload.choice, reason=payload.reason)
    except GovernanceError as error:
        raise refused(error) from None
    return Status(201, {"proposal": proposal.number, "choice": vote.choice, "reason": vote.reason,
                        "cast_at": vote.cast_at})


# --- committee ------------------------------------------------------------------------------------------


@router.get(
    "/catalogue/committee",
    response={200: CommitteeOut, **problem_responses(401)},
    operation_id="getCommittee",
    summary="Get the expert committee",
    description="Sitting and former members with role, affiliation, declared interests and term.",
    url_name="get_committee",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_committee(request):
    caller(request)
    seats = selectors.committee()
    former = sorted(seats["former"], key=lambda s: s.last_day, reverse=True)
    return {"sitting": [_seat(s) for s in views.chair_first(seats["sitting"])], "former": [_seat(s) for s in former]}


@router.get(
    "/catalogue/review",
    response={200: ReviewOut, **problem_responses(401, 403)},
    operation_id="getReviewList",
    summary="Requirements due for review (committee)",
    description="Requirements of the newest version whose review date has passed, and those due soon. "
    "For sitting committee members and the operator.",
    url_name="get_review_list",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_review_list(request):
    user = caller(request)
    if not user.has_perm("requirements.view_committee_workspace"):
        raise ApiProblem(
            403, "committee-only",
            ("Forbidden", "Keine Berechtigung"),
            ("The review list is for sitting committee members and the operator.",
             "Die Liste der fälligen Überprüfungen ist für amtierende Mitglieder des Gremiums und den Betreiber."),
        )
    latest = selectors.latest_version()
    review = selectors.review_list()
    return {
        "version": latest.version if latest else None,
        "overdue": [requirement_summary(r) for r in review["overdue"]],
        "due_soon": [requirement_summary(r) for r in review["due_soon"]],
    }
