"""Bearer-token authentication for the JSON API: `Authorization: Bearer lm_<prefix>_<secret>`."""

from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .services import authenticate_token


class ApiTokenAuth(HttpBearer):
    """`auth=ApiTokenAuth()` on a router or operation; `request.auth` and `request.user` become the user."""

    def authenticate(self, request, token: str):
        user = authenticate_token(token)
        if user is None:
            return None
        # Views and rules use request.user; an API call has no session, so set it from the token.
        request.user = user
        return user


token_auth = ApiTokenAuth()

# OpenAPI security of reads that work anonymously but show more to a token's user (drafts, own records).
OPTIONAL_TOKEN = {"security": [{"ApiTokenAuth": []}, {}]}


def caller(request):
    """The user behind a read request: the token's user if a token is sent (a bad one is refused), else the
    session's."""
    if getattr(request, "auth", None) is not None:
        return request.auth
    if request.headers.get("Authorization"):
        user = token_auth(request)
        if user is None:
            raise AuthenticationError()
        return user
    return request.user
