import pytest

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "searchSolutions", "listSolutions", "getSolution", "listSolutionVersions", "exportPubliccode",
    "listOrganisations", "getOrganisation", "validatePubliccode", "createSolution", "updateSolution",
    "getCurrentUser",
    "getCatalogue", "listCatalogueVersions", "getCatalogueVersion", "getRequirement", "diffCatalogueVersions",
    "listProposals", "getProposal", "addProposalComment", "castProposalVote", "getCommittee", "getReviewList",
    "listMunicipalities", "getMunicipality", "listUrbanDataPlatforms", "getSolutionUsage", "listModelProjects",
    "addInventoryEntry", "updateInventoryEntry", "removeInventoryEntry",
    "listLaender", "getLand", "getKreis", "getGrouping",
    "getAssessmentReport", "getAdmission", "getApplication", "applyForAdmission", "submitReview", "resolveDispute",
    "decideApplication", "withdrawApplication",
    "listDatasets", "getDataset", "confirmDatasetCategory", "listHarvestSources", "getHarvestSource",
    "createHarvestSource", "startHarvestRun", "getDataCoverage", "getCoverageMatrix",
    "listStandards", "getStandard", "createStandard", "changeStandard", "retireStandard", "listAdapters",
    "createAdapter", "changeAdapter", "removeAdapter", "getSolutionCompatibility", "getSolutionExitScore",
    "getMunicipalCompatibility",
    "listShortlists", "createShortlist", "getShortlist", "updateShortlist", "deleteShortlist", "addShortlistItem",
    "removeShortlistItem", "compareShortlist", "evaluateUfab", "getEvaluation",
}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_it_publishes_openapi_3_1_with_named_operations(document):
    assert document["openapi"].startswith("3.1")
    found = {operation["operationId"] for _path, _method, operation in operations(document)}
    assert found == OPERATIONS
    for _path, _method, operation in operations(document):
        assert operation["summary"] and operation["tags"]


def test_it_documents_every_error_as_a_problem(document):
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert list(response["content"]) == ["application/problem+json"], (path, method, status)


def test_it_requires_a_token_for_writes_only(document):
    security = {op["operationId"]: op.get("security") for _p, _m, op in operations(document)}
    assert security["createSolution"] == [{"ApiTokenAuth": []}]
    assert security["getSolution"] == [{"ApiTokenAuth": []}, {}]
    assert security["validatePubliccode"] is None
    assert document["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"


def test_it_serves_interactive_docs(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_it_answers_unknown_api_addresses_with_a_problem(client):
    response = client.get("/api/v1/gibt/es/nicht")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_it_publishes_a_document_that_validates_as_openapi_3_1(document):
    from openapi_spec_validator import OpenAPIV31SpecValidator

    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in OpenAPIV31SpecValidator(document).iter_errors()]
    assert problems == []


def test_it_names_every_schema_component_once():
    # ninja names components after the class; two apps' schemas with one name would silently share one definition.
    from ninja import Schema

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    import lichtermeer.api  # noqa: F401 - imports every router's schemas

    names: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("lichtermeer."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
