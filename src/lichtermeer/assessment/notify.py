"""E-mails to providers and reviewers (German first, English below), sent by background tasks."""

from django.conf import settings
from django.core.mail import EmailMessage

from lichtermeer.accounts.models import Membership


def provider_addresses(solution) -> list[str]:
    return sorted({m.user.email for m in Membership.objects.filter(
        organisation=solution.organisation_id, role=Membership.Role.PROVIDER_EDITOR, verified=True,
        user__is_active=True).select_related("user") if m.user.email})


def link(application) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("de"):
        return f"{settings.SITE_ROOT.rstrip('/')}{reverse('assessment:application', args=[application.pk])}"


def send(addresses: list[str], subject_de: str, subject_en: str, body_de: str, body_en: str) -> int:
    subject = f"[Lichtermeer] {subject_de} / {subject_en}"
    body = f"{body_de}\n\n---\n\n{body_en}\n"
    for address in addresses:  # one message each: recipients do not see each other
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                     to=[address]).send(fail_silently=False)
    return len(addresses)
