"""Background work of the web app: passing accessibility feedback on to the operator."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from .models import AccessibilityFeedback


@task()
def forward_accessibility_feedback(feedback_id: int) -> bool:
    """E-mail one feedback report to OPERATOR_EMAIL; idempotent, so a retried task sends nothing twice."""
    feedback = AccessibilityFeedback.objects.filter(pk=feedback_id, forwarded_at__isnull=True).first()
    if feedback is None:
        return False
    body = "\n".join(
        [
            f"Seite / page: {feedback.page_url or '-'}",
            f"Name: {feedback.name or '-'}",
            f"E-Mail: {feedback.email or '-'}",
            f"Sprache / language: {feedback.language or '-'}",
            f"Eingang / received: {feedback.created_at.isoformat()}",
            "",
            feedback.message,
        ]
    )
    send_mail(
        subject=f"[Lichtermeer] Barrierefreiheit: Rückmeldung #{feedback.pk}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.OPERATOR_EMAIL],
        fail_silently=False,
    )
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(forwarded_at=timezone.now())
    return True
