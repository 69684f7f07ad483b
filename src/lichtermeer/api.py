"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs).

Every error is a problem document (`application/problem+json`) with English and German messages;
lichtermeer.problems defines that shape and the exception handlers that turn ninja's and Django's own
errors into it, so bad input never gets an HTML page or a 5xx.
"""

import functools

from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from ninja import NinjaAPI, Router

from lichtermeer.accounts.api import router as accounts_router
from lichtermeer.assessment.api import router as assessment_router
from lichtermeer.dataregister.api import router as dataregister_router
from lichtermeer.interop.api import router as interop_router
from lichtermeer.municipalities.api import router as municipalities_router
from lichtermeer.problems import PROBLEM_MEDIA_TYPE, add_exception_handlers
from lichtermeer.procurement.api import router as procurement_router
from lichtermeer.requirements.api import router as requirements_router
from lichtermeer.solutions.api import router as solutions_router

DESCRIPTION = """\
Find, trust, procure and reuse smart-city solutions for German municipalities.

Reading needs no account. Writing (providers) needs a personal API token:
`Authorization: Bearer lm_…` (create one under *Account → API tokens*).
Errors are problem documents (`application/problem+json`) whose `errors` carry the position
(`line`, `column`) and the message in English (`message_en`) and German (`message_de`).
"""


class LichtermeerAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # ninja documents every body with the renderer's media type; errors are problem documents.
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content") or {}
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
        return schema


def negotiated_language(run):
    """German by default, English on request (Accept-Language or the language cookie).

    The site's LocaleMiddleware ties the language to the URL prefix, which API addresses do not have.
    """

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        # What a read returns depends on the language and on who asks (drafts), so caches must know.
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        return response

    return wrapper


api = LichtermeerAPI(
    title="Lichtermeer API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_extra={
        "info": {"license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"}},
        "tags": [
            {"name": "search", "description": "Full-text search with facets (the search page as JSON)."},
            {"name": "solutions", "description": "Solutions: read, export, and write for providers."},
            {"name": "organisations", "description": "Municipalities, companies and communities."},
            {"name": "publiccode", "description": "Check a publiccode.yml without saving it."},
            {"name": "accounts", "description": "The owner of an API token."},
            {"name": "catalogue", "description": "The catalogue of base requirements, its versions and its "
             "governance by the expert committee (proposals, comments, votes)."},
            {"name": "assessment", "description": "Admission of solutions: applications with their evidence, "
             "automated checks, the four-eyes review by the expert committee, the chair's decision, and the public "
             "assessment report and admission status of every solution."},
            {"name": "municipalities", "description": "Every German municipality (official directory), what it "
             "uses (inventory, reuse register), its urban data platforms, shared services and the Modellprojekte "
             "Smart Cities; inventory writes for verified municipal staff."},
            {"name": "data", "description": "The register of urban data: datasets harvested from municipal open-data "
             "portals with their DCAT-AP.de validation, metadata quality (MQA) and Musterdatenkatalog category; "
             "the harvest sources and runs; coverage and gaps per municipality."},
            {"name": "interop", "description": "The standards register (interoperability standards with versions, "
             "roles and URIs), compatibility between solutions and with a municipality's inventory, exit scores; "
             "register writes for the operator."},
            {"name": "procurement", "description": "Shortlists (Merklisten) and their side-by-side comparison, "
             "evaluations (Wertungen), and a stateless UfAB evaluation of posted offers."},
        ],
    },
)
api.add_decorator(negotiated_language, mode="view")
add_exception_handlers(api)
# Unknown addresses under /api/v1/ answer with a problem document too, not with Django's HTML page.
fallback_router = Router()


@fallback_router.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "/{path:rest}", include_in_schema=False
)
def unknown_address(request, rest: str):
    raise Http404


api.add_router("/", solutions_router)
api.add_router("/", accounts_router)
api.add_router("/", requirements_router)
api.add_router("/", municipalities_router)
api.add_router("/", assessment_router)
api.add_router("/", dataregister_router)
api.add_router("/", interop_router)
api.add_router("/", procurement_router)
api.add_router("/", fallback_router)
