"""Reactions to other apps' events."""

from django.dispatch import receiver

from lichtermeer.requirements.signals import catalogue_published


@receiver(catalogue_published)
def reassess_on_publication(sender, version, **kwargs) -> None:
    """A version effective at once is re-assessed now; a later one by the daily lifecycle run."""
    from .tasks import reassess_if_effective

    reassess_if_effective.enqueue(version.pk)
