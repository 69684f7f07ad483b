"""Writes of the web app."""

from django.db import transaction
from django.utils.translation import get_language

from .models import AccessibilityFeedback
from .tasks import forward_accessibility_feedback


@transaction.atomic
def submit_accessibility_feedback(
    *, name: str, email: str, page_url: str, message: str
) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.create(
        name=name, email=email, page_url=page_url, message=message, language=(get_language() or "")[:8]
    )
    # The worker must not look for the row before it is committed.
    transaction.on_commit(lambda: forward_accessibility_feedback.enqueue(feedback.pk))
    return feedback
