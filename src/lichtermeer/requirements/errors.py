"""Refusals of the governance services, with the reason in English and German."""

from lichtermeer.refusals import Refusal


class GovernanceError(Refusal):
    """A governance action is not allowed now or not for this person. `status` is the HTTP status to answer with."""


class CatalogueRejected(Exception):
    """A catalogue file or a proposed requirement is invalid; `findings` (engine Findings) say where. Nothing saved."""

    def __init__(self, findings: list):
        self.findings = findings
        super().__init__(f"{len(findings)} problems in the catalogue")


def forbidden(en: str, de: str) -> GovernanceError:
    return GovernanceError("forbidden", en, de, status=403)
