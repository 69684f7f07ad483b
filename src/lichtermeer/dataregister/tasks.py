"""Background work of the register: harvest runs (django-tasks; run by `db_worker`)."""

from django.utils import timezone
from django_tasks import task

from . import services
from .models import HarvestRun, Source


@task()
def harvest_run(run_id: int) -> str:
    """Idempotent: a run that is not queued any more (already done or running elsewhere) is left alone."""
    claimed = HarvestRun.objects.filter(pk=run_id, status=HarvestRun.Status.QUEUED).update(
        status=HarvestRun.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return "skipped"
    run = HarvestRun.objects.select_related("source").get(pk=run_id)
    return services.harvest_source(run=run).status


def enqueue_due(now=None) -> list[int]:
    """A run for every enabled source whose schedule is due and that has no run queued or running."""
    now = now or timezone.now()
    started = []
    for source in Source.objects.filter(enabled=True):
        services.release_stale_runs(source=source, now=now)
        busy = source.runs.filter(status__in=[HarvestRun.Status.QUEUED, HarvestRun.Status.RUNNING]).exists()
        if source.due(now) and not busy:
            run = services.start_run(source=source)
            harvest_run.enqueue(run.pk)
            started.append(run.pk)
    return started
