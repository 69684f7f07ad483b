"""The JSON API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from lichtermeer.solutions.api import router as solutions_router

api = NinjaAPI(
    title="Lichtermeer API",
    version="1.0.0",
    description="Find, trust, procure and reuse smart-city solutions for German municipalities.",
    urls_namespace="api",
)
api.add_router("/", solutions_router)
