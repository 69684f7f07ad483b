"""Bearer-token authentication for the JSON API: `Authorization: Bearer lm_<prefix>_<secret>`."""

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
