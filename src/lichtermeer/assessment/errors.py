"""Refusals of the assessment services, with the reason in English and German."""

from lichtermeer.refusals import Refusal


class AssessmentError(Refusal):
    """An assessment action is not allowed now or not for this person; `status` is the HTTP status to answer with."""


def forbidden(en: str, de: str) -> AssessmentError:
    return AssessmentError("forbidden", en, de, status=403)
