"""Background work of the assessment app (django-tasks; run by `db_worker`). Every task is idempotent."""

from django.utils import timezone
from django_tasks import task

from lichtermeer.accounts.names import public_name

from . import lifecycle, notify, services
from .models import Admission, Application, Assignment


@task()
def run_checks(application_id: int) -> str:
    application = services.run_checks(application_id=application_id)
    return application.status if application is not None else "skipped"


@task()
def reassess_if_effective(version_id: int) -> dict:
    """After a publication: the lifecycle run re-assesses once the newest version is in force (now or later)."""
    return lifecycle.run_daily()


@task()
def notify_reviewers(assignment_ids: list[int]) -> int:
    sent = 0
    for assignment in Assignment.objects.filter(pk__in=assignment_ids, released_at__isnull=True).select_related(
            "application__solution", "reviewer"):
        if not assignment.reviewer.email:
            continue
        solution = assignment.application.solution
        link = notify.link(assignment.application)
        sent += notify.send(
            [assignment.reviewer.email], "Neue Prüfung", "New review",
            f"Hallo {public_name(assignment.reviewer)},\n\nSie sind als Prüferin oder Prüfer für den Antrag "
            f"#{assignment.application.pk} ({solution.name}) eingeteilt. Bitte prüfen Sie die offenen Anforderungen: "
            f"{link}",
            f"Hello {public_name(assignment.reviewer)},\n\nyou are assigned to review application "
            f"#{assignment.application.pk} ({solution.name}). Please judge the open requirements: {link}")
    return sent


@task()
def notify_decision(application_id: int) -> int:
    application = Application.objects.select_related("solution").filter(pk=application_id).first()
    if application is None or application.is_open:
        return 0
    label = {"admitted": ("zugelassen", "admitted"), "returned": ("zur Überarbeitung zurückgegeben",
             "returned for changes"), "rejected": ("abgelehnt", "rejected")}.get(application.status)
    if label is None:
        return 0
    return notify.send(
        notify.provider_addresses(application.solution), "Entscheidung über Ihren Antrag",
        "Decision on your application",
        f"Ihr Antrag #{application.pk} für {application.solution.name} wurde {label[0]}.\n\nBegründung:\n"
        f"{application.decision_reason}",
        f"Your application #{application.pk} for {application.solution.name} was {label[1]}.\n\nReasons:\n"
        f"{application.decision_reason}")


@task()
def notify_reassessment(application_ids: list[int]) -> int:
    sent = 0
    for application in Application.objects.filter(pk__in=application_ids).select_related("solution",
                                                                                           "catalogue_version"):
        admission = application.solution.admissions.filter(status=Admission.Status.GRACE).first()
        until = admission.grace_until.isoformat() if admission and admission.grace_until else "?"
        version = application.catalogue_version.version
        sent += notify.send(
            notify.provider_addresses(application.solution), "Neubewertung nach Katalogänderung",
            "Re-assessment after a catalogue change",
            f"{application.solution.name} wurde gegen Version {version} des Katalogs neu bewertet und erfüllt ihn "
            f"derzeit nicht vollständig. Die Zulassung bleibt bis zum Ende der Übergangsfrist am {until} gültig. "
            f"Details: Antrag #{application.pk}.",
            f"{application.solution.name} was re-assessed against version {version} of the catalogue and does not "
            f"fully meet it at present. The admission stays valid until the transition period ends on {until}. "
            f"Details: application #{application.pk}.")
    return sent


@task()
def send_expiry_reminders(admission_ids: list[int]) -> int:
    sent = 0
    for admission in Admission.objects.filter(pk__in=admission_ids).select_related("solution"):
        days = (admission.valid_until - timezone.localdate()).days
        sent += notify.send(
            notify.provider_addresses(admission.solution), "Zulassung läuft bald ab", "Admission expires soon",
            f"Die Zulassung von {admission.solution.name} endet am {admission.valid_until.isoformat()} (in {days} "
            f"Tagen). Stellen Sie rechtzeitig einen neuen Antrag.",
            f"The admission of {admission.solution.name} ends on {admission.valid_until.isoformat()} (in {days} "
            f"days). Please apply again in time.")
    return sent
