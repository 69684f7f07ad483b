"""JSON API of the accounts app: who the token belongs to and where it may write."""

from ninja import Router, Schema

from lichtermeer.problems import Problem
from lichtermeer.solutions.schemas import OrganisationSummary

from .api_auth import ApiTokenAuth
from .rules import is_operator
from .selectors import editable_organisations

router = Router()


class CurrentUser(Schema):
    username: str
    is_operator: bool
    editable_organisations: list[OrganisationSummary]


@router.get(
    "/me",
    auth=ApiTokenAuth(),
    response={200: CurrentUser, 401: Problem},
    operation_id="getCurrentUser",
    summary="Who am I",
    description="The owner of the API token and the organisations it may add and change solutions for.",
    tags=["accounts"],
    url_name="get_current_user",
)
def get_current_user(request):
    from lichtermeer.solutions.api import organisation_summary

    user = request.auth
    return {
        "username": user.get_username(),
        "is_operator": bool(is_operator(user)),
        "editable_organisations": [
            organisation_summary(o) for o in editable_organisations(user).order_by("name", "pk")
        ],
    }
