"""Background work of the municipalities app: delivering reuse requests to the consenting contacts."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from .models import ReuseRequest


@task()
def deliver_reuse_request(request_id: int) -> int:
    """One e-mail per consenting contact (so no one sees another's address), reply-to the requester.
    Idempotent: a retried task sends nothing twice."""
    request = (ReuseRequest.objects.select_related("municipality", "solution", "requester")
               .filter(pk=request_id, delivered_at__isnull=True).first())
    if request is None:
        return 0
    recipients = [c.user.email for c in request.municipality.contacts.filter(accepts_reuse_requests=True)
                  .select_related("user") if c.user.email]
    subject = f"[Lichtermeer] Anfrage zur Nachnutzung / reuse request: {request.municipality.name}"
    about = f"Lösung / solution: {request.solution.name}\n" if request.solution_id else ""
    body = (
        f"{about}Von / from: {request.requester.get_full_name() or request.requester.get_username()}\n"
        f"Antworten Sie direkt auf diese E-Mail. / Reply to this e-mail to answer.\n\n{request.message}\n"
    )
    for address in recipients:
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address],
                     reply_to=[request.requester.email]).send(fail_silently=False)
    ReuseRequest.objects.filter(pk=request.pk).update(delivered_at=timezone.now(), delivered_to=len(recipients))
    return len(recipients)
