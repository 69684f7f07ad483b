"""Refusals of the governance services, with the reason in English and German."""

from django.utils import translation


class GovernanceError(Exception):
    """A governance action is not allowed now or not for this person. `status` is the HTTP status to answer with."""

    def __init__(self, code: str, en: str, de: str, *, status: int = 409):
        super().__init__(en)
        self.code, self.en, self.de, self.status = code, en, de, status

    @property
    def message(self) -> str:
        return self.de if (translation.get_language() or "de").startswith("de") else self.en


class CatalogueRejected(Exception):
    """A catalogue file or a proposed requirement is invalid; `findings` (engine Findings) say where. Nothing saved."""

    def __init__(self, findings: list):
        self.findings = findings
        super().__init__(f"{len(findings)} problems in the catalogue")


def forbidden(en: str, de: str) -> GovernanceError:
    return GovernanceError("forbidden", en, de, status=403)
