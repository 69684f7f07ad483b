"""Problem documents: how every error of the JSON API looks (RFC 9457 style, `application/problem+json`).

A problem's `errors` carry a position and the message in English and German, so clients can show either.
Handlers raise ApiProblem; add_exception_handlers() teaches a NinjaAPI to render it and to turn ninja's and
Django's own errors (bad JSON, oversized bodies, failed validation, missing token, unknown address) into the
same shape, so bad input never gets an HTML page or a 5xx.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from lichtermeer.refusals import Refusal

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:lichtermeer:problem:"


# --- shapes ----------------------------------------------------------------------------------------


class ErrorItem(Schema):
    """One finding: where it is and what is wrong, in English and German."""

    key: str = Field(
        description="Dotted path into the publiccode.yml document or the request ('' = whole input)."
    )
    line: int | None = Field(None, description="1-based line in the submitted text, when known.")
    column: int | None = Field(None, description="1-based column in the submitted text, when known.")
    type: str = Field("error", description="error, warning or info.")
    message_en: str
    message_de: str


class Problem(Schema):
    """An error response (RFC 9457 problem details, extended by `errors`)."""

    type: str = Field(description="A URN naming the kind of problem.")
    title: str = Field(description="Short summary in the language of the request (German by default).")
    status: int
    detail: str = Field(description="Explanation in the language of the request (German by default).")
    errors: list[ErrorItem] = Field(description="What is wrong and where; may be empty.")


def problem_responses(*statuses: int) -> dict:
    """For an operation's `response=`: these statuses answer with a problem document."""
    return dict.fromkeys(statuses, Problem)


def in_language(en: str, de: str) -> str:
    return en if (get_language() or "de").startswith("en") else de


class ApiProblem(Exception):
    """Raise in a handler to answer with a problem document; the API's exception handler renders it."""

    def __init__(
        self,
        status: int,
        code: str,
        title: tuple[str, str],
        detail: tuple[str, str],
        errors: list[dict] | None = None,
    ):
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors or []
        super().__init__(f"{status} {code}: {detail[0]}")

    def body(self) -> dict:
        return {
            "type": PROBLEM_TYPE_PREFIX + self.code,
            "title": in_language(*self.title),
            "status": self.status,
            "detail": in_language(*self.detail),
            "errors": self.errors,
        }


_REFUSAL_TITLES = {
    400: ("Invalid request", "Ungültige Anfrage"),
    403: ("Forbidden", "Keine Berechtigung"),
    404: ("Not found", "Nicht gefunden"),
    409: ("Not possible now", "Derzeit nicht möglich"),
    429: ("Too many requests", "Zu viele Anfragen"),
}


def refused(error: Refusal) -> ApiProblem:
    """The problem document for a service's refusal (its status, code and reason in both languages)."""
    title = _REFUSAL_TITLES.get(error.status, _REFUSAL_TITLES[409])
    return ApiProblem(error.status, error.code, title, (error.en, error.de), [error_item("", error.en, error.de)])


def error_item(
    key: str, message_en: str, message_de: str, *, line: int | None = None, column: int | None = None,
    type: str = "error",  # noqa: A002 - the field is called type in the published format
) -> dict:
    return {"key": key, "line": line, "column": column, "type": type, "message_en": message_en,
            "message_de": message_de}


def problem_response(status: int, body: dict) -> HttpResponse:
    try:
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # Echoed input may hold lone surrogates; escaped JSON stays valid.
        content = json.dumps(body).encode("ascii")
    return HttpResponse(content, status=status, content_type=f"{PROBLEM_MEDIA_TYPE}; charset=utf-8")


def _problem(
    status: int, code: str, title: tuple[str, str], detail: tuple[str, str], errors=None
) -> HttpResponse:
    return problem_response(status, ApiProblem(status, code, title, detail, errors).body())


# --- ninja validation errors (422) -----------------------------------------------------------------

# German for the pydantic error types a client can trigger; anything else keeps the English text.
_PYDANTIC_DE = {
    "missing": "Pflichtangabe fehlt",
    "extra_forbidden": "unbekanntes Feld; nicht erlaubt",
    "string_type": "muss Text sein",
    "string_too_long": "Text ist zu lang",
    "string_too_short": "Text ist zu kurz",
    "string_pattern_mismatch": "Text hat nicht das erwartete Format",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "bool_type": "muss wahr oder falsch sein",
    "bool_parsing": "muss wahr oder falsch sein",
    "list_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt (Zuordnung) sein",
    "model_type": "muss ein Objekt (Zuordnung) sein",
    "model_attributes_type": "muss ein Objekt (Zuordnung) sein",
    "too_long": "enthält zu viele Einträge",
    "too_short": "enthält zu wenige Einträge",
    "literal_error": "ist keiner der erlaubten Werte",
    "enum": "ist keiner der erlaubten Werte",
    "greater_than_equal": "ist zu klein",
    "greater_than": "ist zu klein",
    "less_than_equal": "ist zu groß",
    "less_than": "ist zu groß",
    "json_invalid": "ist kein gültiges JSON",
    "json_type": "ist kein gültiges JSON",
    "none_required": "muss leer (null) sein",
    "string_unicode": "ist kein gültiger Unicode-Text",
}


def _key(loc: tuple) -> str:
    # ninja prefixes the source (query, path, body) and, for bodies, the handler's parameter name.
    parts = list(loc[1:])
    if loc and loc[0] == "body" and parts and parts[0] == "payload":
        parts = parts[1:]
    key = ""
    for part in parts:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _validation_error(request, exc: ValidationError) -> HttpResponse:
    if exc.errors and all(tuple(error.get("loc", ()))[:1] == ("path",) for error in exc.errors):
        # A slug that cannot exist names nothing: that is "not found", not a malformed request.
        return _not_found(request, exc)
    errors = []
    for error in exc.errors:
        kind = str(error.get("type", ""))
        message = str(error.get("msg", "invalid value"))
        german = _PYDANTIC_DE.get(kind, f"ungültiger Wert ({message})")
        expected = (error.get("ctx") or {}).get("expected")
        if expected and kind in ("literal_error", "enum"):
            german += f"; erlaubt: {expected}"
        errors.append(error_item(_key(tuple(error.get("loc", ()))), message, german))
    return _problem(
        422, "invalid-request",
        ("Invalid request", "Ungültige Anfrage"),
        ("Some parameters or fields are missing or have the wrong type.",
         "Einige Parameter oder Felder fehlen oder haben den falschen Typ."),
        errors,
    )


# --- ninja and Django HTTP errors ------------------------------------------------------------------

_STATUS_TEXT = {
    400: (("Bad request", "Fehlerhafte Anfrage"),
          ("The request could not be read.", "Die Anfrage konnte nicht gelesen werden.")),
    401: (("Authentication required", "Anmeldung erforderlich"),
          ("Send a valid API token: 'Authorization: Bearer lm_…'.",
           "Senden Sie ein gültiges API-Token: 'Authorization: Bearer lm_…'.")),
    403: (("Forbidden", "Keine Berechtigung"),
          ("You may not do this.", "Das dürfen Sie nicht.")),
    404: (("Not found", "Nicht gefunden"),
          ("There is nothing here, or you may not see it.",
           "Hier gibt es nichts, oder Sie dürfen es nicht sehen.")),
    405: (("Method not allowed", "Methode nicht erlaubt"),
          ("This address does not support the HTTP method.",
           "Diese Adresse unterstützt die HTTP-Methode nicht.")),
    429: (("Too many requests", "Zu viele Anfragen"),
          ("Please wait a moment and try again.", "Bitte warten Sie kurz und versuchen Sie es erneut.")),
}


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def too_large_response() -> HttpResponse:
    return _problem(
        413, "too-large",
        ("Request too large", "Anfrage zu groß"),
        ("The request body is larger than the server accepts (publiccode.yml: at most 1 MiB).",
         "Der Inhalt der Anfrage ist größer, als der Server annimmt (publiccode.yml: höchstens 1 MiB)."),
        [error_item("", "request body too large", "Inhalt der Anfrage zu groß")],
    )


def _unreadable_body(request, cause: Exception) -> HttpResponse:
    if isinstance(cause, json.JSONDecodeError):
        errors = [error_item("", f"invalid JSON: {cause.msg}", f"ungültiges JSON: {cause.msg}",
                             line=cause.lineno, column=cause.colno)]
    elif isinstance(cause, UnicodeDecodeError):
        line, column = _position(cause.object, cause.start)
        errors = [error_item("", "the body is not valid UTF-8", "der Inhalt ist kein gültiges UTF-8",
                             line=line, column=column)]
    else:
        errors = [error_item("", "the body is not a JSON object", "der Inhalt ist kein JSON-Objekt")]
    return _problem(
        400, "unreadable-body",
        ("Unreadable request body", "Unlesbarer Inhalt der Anfrage"),
        ("The request body must be UTF-8 encoded JSON.",
         "Der Inhalt der Anfrage muss UTF-8-kodiertes JSON sein."),
        errors,
    )


def _http_error(request, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, RequestDataTooBig):
        return too_large_response()
    if exc.status_code == 400 and cause is not None:
        return _unreadable_body(request, cause)
    title, detail = _STATUS_TEXT.get(exc.status_code, ((str(exc), str(exc)), (str(exc), str(exc))))
    return _problem(exc.status_code, f"http-{exc.status_code}", title, detail)


def _not_found(request, exc) -> HttpResponse:
    title, detail = _STATUS_TEXT[404]
    return _problem(404, "not-found", title, detail)


def _api_problem(request, exc: ApiProblem) -> HttpResponse:
    return problem_response(exc.status, exc.body())


def add_exception_handlers(api: NinjaAPI) -> None:
    """Answer ApiProblem, failed validation, HTTP errors, 404 and oversized bodies with problem documents."""
    api.add_exception_handler(ApiProblem, _api_problem)
    api.add_exception_handler(ValidationError, _validation_error)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(RequestDataTooBig, lambda request, exc: too_large_response())
