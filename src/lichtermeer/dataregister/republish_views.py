"""The register's DCAT-AP.de 3.0 catalogue over HTTP: `/daten/dcat/katalog.ttl|.rdf|.jsonld?page=N`, and
`/daten/dcat/katalog` choosing the syntax by the Accept header (303 to the address of that syntax).

Public and read-only, for harvesters (GovData, data.europa.eu, other portals): no session, no CSRF, readable
from other origins. A page that does not exist is a 404, not an empty catalogue.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from . import republish

MAX_PAGE_DIGITS = 9  # ?page= with more digits cannot exist; refused before int() is asked to parse it


def _page(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_PAGE_DIGITS:
        raise Http404("page")
    return int(raw)


@require_safe
def catalogue(request: HttpRequest, extension: str) -> HttpResponse:
    if extension not in republish.SYNTAXES:
        raise Http404("syntax")
    try:
        body = republish.catalogue_page(_page(request), extension)
    except republish.PageNotFound as missing:
        raise Http404("page") from missing
    response = HttpResponse(body, content_type=f"{republish.SYNTAXES[extension][1]}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def negotiate(request: HttpRequest) -> HttpResponse:
    offered = {media: extension for extension, (_syntax, media) in republish.SYNTAXES.items()}
    preferred = request.get_preferred_type(list(offered)) or "text/turtle"
    query = request.META.get("QUERY_STRING", "")
    target = f"{request.path}.{offered[preferred]}" + (f"?{query}" if query else "")
    response = HttpResponseRedirect(target, status=303)
    response["Vary"] = "Accept"
    return response
