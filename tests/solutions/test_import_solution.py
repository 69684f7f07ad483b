import subprocess

import pytest

from factories import OrganisationFactory
from lichtermeer.audit.models import AuditEntry
from lichtermeer.solutions import gitsource, services
from lichtermeer.solutions.models import Solution, SolutionFacet, SolutionVersion
from publiccode_samples import MINIMAL

pytestmark = pytest.mark.django_db


FACTS = {
    "domains": ["participation"],
    "hosting_models": ["on-premises", "saas"],
    "standards_provided": [{"standard": "oidc", "version": "1.0", "role": "client"}],
    "price_model": "free-open-source",
}


def test_it_creates_a_draft_with_a_first_version_and_facets():
    org = OrganisationFactory()
    outcome = services.import_solution(content=MINIMAL, organisation=org, facts=FACTS, source="test")
    solution = outcome.solution
    assert outcome.created and outcome.changed
    assert solution.listing_status == "draft"
    assert solution.name == "Medusa" and solution.license_open
    assert solution.versions.count() == 1
    facets = set(SolutionFacet.objects.filter(solution=solution).values_list("facet", "value"))
    assert {("domain", "participation"), ("hosting", "saas"), ("standard", "oidc"), ("license", "open")} <= facets
    assert AuditEntry.objects.filter(action="solution.created", object_id=str(solution.pk)).exists()


def test_it_does_not_version_an_unchanged_import():
    org = OrganisationFactory()
    services.import_solution(content=MINIMAL, organisation=org, facts=FACTS)
    again = services.import_solution(content=MINIMAL, organisation=org, facts=FACTS)
    assert not again.created and not again.changed
    assert SolutionVersion.objects.count() == 1


def test_it_versions_a_changed_import_and_keeps_the_history():
    org = OrganisationFactory()
    services.import_solution(content=MINIMAL, organisation=org, facts=FACTS)
    outcome = services.import_solution(content=MINIMAL.replace("Medusa", "Medusa Zwei"), organisation=org)
    assert outcome.version.number == 2
    assert [v.publiccode["name"] for v in outcome.solution.versions.all()] == ["Medusa Zwei", "Medusa"]
    assert outcome.solution.domains == ["participation"]  # facts not given are kept


def test_it_rejects_another_organisations_repository():
    services.import_solution(content=MINIMAL, organisation=OrganisationFactory())
    with pytest.raises(services.ImportRejected):
        services.import_solution(content=MINIMAL.replace("Medusa", "Hijack"), organisation=OrganisationFactory())
    assert Solution.objects.get().name == "Medusa"


@pytest.mark.parametrize(
    "content",
    [
        "name: [unclosed",
        MINIMAL.replace("developmentStatus: development", "developmentStatus: banana"),
        b"\xff\xfe not utf-8",
        MINIMAL + "name: duplicate\n",
    ],
)
def test_it_saves_nothing_for_invalid_input(content):
    org = OrganisationFactory()
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_solution(content=content, organisation=org)
    assert any(f.type == "error" for f in rejected.value.findings)
    assert not Solution.objects.exists() and not SolutionVersion.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_rejects_unknown_platform_facts_and_saves_nothing():
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_solution(
            content=MINIMAL, organisation=OrganisationFactory(), facts={"domains": ["moon"], "colour": "red"}
        )
    keys = {error.key for error in rejected.value.fact_errors}
    assert keys == {"domains[0]", "colour"}
    assert not Solution.objects.exists()


def test_export_then_import_is_lossless():
    org = OrganisationFactory()
    first = services.import_solution(content=MINIMAL, organisation=org).solution
    exported = services.export_publiccode(first)
    second = services.import_solution(content=exported, organisation=org)
    assert not second.changed
    assert second.solution.publiccode == first.publiccode


def test_it_changes_the_listing_status_with_an_audit_entry():
    solution = services.import_solution(content=MINIMAL, organisation=OrganisationFactory()).solution
    services.set_listing_status(solution=solution, status="submitted", reason="ready")
    solution.refresh_from_db()
    assert solution.listing_status == "submitted"
    assert AuditEntry.objects.filter(action="solution.status_changed").count() == 1
    with pytest.raises(ValueError):
        services.set_listing_status(solution=solution, status="bogus")


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_it_imports_the_committed_file_from_a_local_git_repository(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "publiccode.yml").write_text(MINIMAL, encoding="utf-8")
    _git(tmp_path, "add", "publiccode.yml")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "add")
    (tmp_path / "publiccode.yml").write_text("uncommitted: edit", encoding="utf-8")
    found = gitsource.read_publiccode(tmp_path)
    assert found.content.decode() == MINIMAL and len(found.commit) == 40


def test_it_explains_a_repository_without_publiccode(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "README").write_text("x")
    _git(tmp_path, "add", "README")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "add")
    with pytest.raises(gitsource.GitSourceError) as error:
        gitsource.read_publiccode(tmp_path)
    assert "publiccode.yml" in error.value.message_de
    with pytest.raises(gitsource.GitSourceError):
        gitsource.read_publiccode(tmp_path / "missing")
    with pytest.raises(gitsource.GitSourceError):
        gitsource.read_publiccode(tmp_path, ref="--upload-pack=evil")


@pytest.mark.parametrize(
    "hostile", ["javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1/admin", "http://intranet.local/x"]
)
def test_it_refuses_links_a_public_catalogue_must_not_render(hostile):
    content = MINIMAL.replace('url: "https://example.com/italia/medusa.git"', f'url: "{hostile}"')
    with pytest.raises(services.ImportRejected) as rejected:
        services.import_solution(content=content, organisation=OrganisationFactory())
    finding = next(f for f in rejected.value.findings if f.key == "url")
    assert finding.line == 3 and "nicht erlaubt" in finding.description_de
    assert not Solution.objects.exists()
