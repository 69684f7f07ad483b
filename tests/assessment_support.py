"""Helpers for tests of assessment and admission: a provider with a solution, evidence files, a committee."""

from pathlib import Path

from catalogue_support import committee, load_seed, seat  # noqa: F401 (re-exported)
from factories import MembershipFactory, SolutionFactory
from lichtermeer.engines.publiccode import dump

DATA = Path(__file__).resolve().parent / "assessment" / "data"


def provider_solution(**extra):
    """A draft solution and a verified provider editor of its organisation: (solution, editor)."""
    solution = SolutionFactory(**extra)
    editor = MembershipFactory(organisation=solution.organisation).user
    return solution, editor


def evidence(solution, *, sbom: str = "sbom-clean.cdx.json", securitytxt: str = "security.txt"
             ) -> list[tuple[str, str, bytes]]:
    files = [("publiccode", "publiccode.yml", dump(solution.publiccode).encode())]
    if sbom:
        files.append(("sbom", sbom, (DATA / sbom).read_bytes()))
    if securitytxt:
        files.append(("securitytxt", "security.txt", (DATA / securitytxt).read_bytes()))
    return files


def review_all(application, reviewers, verdict: str = "pass") -> None:
    from lichtermeer.assessment import selectors, services

    codes = list(selectors.open_requirements(application).values_list("code", flat=True))
    for reviewer in reviewers:
        services.submit_review(actor=reviewer, application=application,
                               judgements={code: (verdict, f"Nachweis zu {code} geprüft.") for code in codes})
