"""Writes of what municipalities record about themselves. Every inventory change goes to the audit log.

Each service checks the rules (rules.py) itself, so pages and API refuse exactly the same things.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lichtermeer.accounts.models import Organisation
from lichtermeer.audit import services as audit
from lichtermeer.refusals import Refusal

from . import vocab
from .models import Contact, ExperienceReport, Grouping, InventoryEntry, Municipality, ReuseRequest, UrbanDataPlatform


class MunicipalError(Refusal):
    pass


def _forbidden(en: str, de: str) -> MunicipalError:
    return MunicipalError("forbidden", en, de, status=403)


def _require(actor, perm: str, obj, en: str, de: str) -> None:
    if not actor.has_perm(perm, obj):
        raise _forbidden(en, de)


@transaction.atomic
def organisation_for(municipality: Municipality) -> Organisation:
    """The organisation through which staff act for the municipality (memberships attach to organisations)."""
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if locked.organisation_id is None:
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"gemeinde-{locked.ags}",
            defaults={"name": locked.name, "kind": Organisation.Kind.MUNICIPALITY, "postcode": locked.postcode},
        )
        locked.organisation = organisation
        locked.save(update_fields=["organisation"])
    municipality.organisation = locked.organisation  # the caller's instance sees it too
    return locked.organisation


# --- Inventory ---------------------------------------------------------------------------------------------------

INVENTORY_FIELDS = ("solution", "unlisted_name", "unlisted_url", "unlisted_vendor", "status", "since",
                    "operating_model", "operator_name", "notes")


def _snapshot(entry: InventoryEntry) -> dict:
    return {
        "solution": entry.solution.slug if entry.solution_id else None,
        "unlisted_name": entry.unlisted_name,
        "unlisted_url": entry.unlisted_url,
        "unlisted_vendor": entry.unlisted_vendor,
        "status": entry.status,
        "since": entry.since.isoformat() if entry.since else None,
        "operating_model": entry.operating_model,
        "operator_name": entry.operator_name,
        "shared_with": sorted(m.ags for m in entry.shared_with.all()) if entry.pk else [],
        "notes": entry.notes,
        "removed": entry.removed_at is not None,
    }


def _check_entry(values: dict, shared_with, municipality: Municipality) -> None:
    if values.get("solution") is None and not (values.get("unlisted_name") or "").strip():
        raise MunicipalError("missing-solution", "Choose a solution from the catalogue or name an unlisted one.",
                             "Wählen Sie eine Lösung aus dem Katalog oder nennen Sie eine nicht gelistete.",
                             status=400)
    if values.get("status") not in InventoryEntry.Status.values:
        raise MunicipalError("bad-status", "Unknown status.", "Unbekannter Status.", status=400)
    if values.get("operating_model") not in vocab.OPERATING_MODEL_CODES:
        raise MunicipalError("bad-operating-model", "Unknown operating model.", "Unbekanntes Betriebsmodell.",
                             status=400)
    since = values.get("since")
    if since is not None and since > timezone.localdate() + dt.timedelta(days=3 * 366):
        raise MunicipalError("bad-date", "The date lies too far in the future.",
                             "Das Datum liegt zu weit in der Zukunft.", status=400)
    if any(m.pk == municipality.pk for m in shared_with):
        raise MunicipalError("shared-with-self", "A municipality does not share a service with itself.",
                             "Eine Kommune teilt einen Dienst nicht mit sich selbst.", status=400)


@transaction.atomic
def add_inventory_entry(*, actor, municipality: Municipality, shared_with=(), **values) -> InventoryEntry:
    _require(actor, "municipalities.change_inventory", municipality,
             "Only verified staff of this municipality change its inventory.",
             "Nur bestätigte Beschäftigte dieser Kommune ändern ihre Bestandsaufnahme.")
    values = {k: values.get(k) for k in INVENTORY_FIELDS if k in values}
    for key in ("unlisted_name", "unlisted_url", "unlisted_vendor", "operator_name", "notes"):
        values[key] = (values.get(key) or "").strip()
    shared_with = list(shared_with)
    _check_entry(values, shared_with, municipality)
    if values.get("solution") is not None:
        values["unlisted_name"] = values["unlisted_url"] = values["unlisted_vendor"] = ""
    entry = InventoryEntry.objects.create(municipality=municipality, **values)
    entry.shared_with.set(shared_with)
    audit.record(action="inventory.added", actor=actor, obj=entry, after=_snapshot(entry),
                 data={"municipality": municipality.ags})
    return entry


@transaction.atomic
def update_inventory_entry(*, actor, entry: InventoryEntry, shared_with=None, **values) -> InventoryEntry:
    entry = InventoryEntry.objects.select_for_update().select_related("municipality").get(pk=entry.pk)
    _require(actor, "municipalities.change_inventory", entry.municipality,
             "Only verified staff of this municipality change its inventory.",
             "Nur bestätigte Beschäftigte dieser Kommune ändern ihre Bestandsaufnahme.")
    if entry.removed_at is not None:
        raise MunicipalError("removed", "This entry was removed.", "Dieser Eintrag wurde entfernt.")
    before = _snapshot(entry)
    merged = {k: getattr(entry, k) for k in INVENTORY_FIELDS}
    merged.update({k: v for k, v in values.items() if k in INVENTORY_FIELDS})
    for key in ("unlisted_name", "unlisted_url", "unlisted_vendor", "operator_name", "notes"):
        merged[key] = (merged.get(key) or "").strip()
    targets = list(shared_with) if shared_with is not None else list(entry.shared_with.all())
    _check_entry(merged, targets, entry.municipality)
    for key, value in merged.items():
        setattr(entry, key, value)
    entry.save()
    entry.shared_with.set(targets)
    after = _snapshot(entry)
    if after != before:
        audit.record(action="inventory.changed", actor=actor, obj=entry, before=before, after=after,
                     data={"municipality": entry.municipality.ags})
    return entry


@transaction.atomic
def remove_inventory_entry(*, actor, entry: InventoryEntry) -> InventoryEntry:
    entry = InventoryEntry.objects.select_for_update().select_related("municipality").get(pk=entry.pk)
    _require(actor, "municipalities.change_inventory", entry.municipality,
             "Only verified staff of this municipality change its inventory.",
             "Nur bestätigte Beschäftigte dieser Kommune ändern ihre Bestandsaufnahme.")
    if entry.removed_at is None:
        before = _snapshot(entry)
        entry.removed_at = timezone.now()
        entry.save(update_fields=["removed_at"])
        audit.record(action="inventory.removed", actor=actor, obj=entry, before=before, after=_snapshot(entry),
                     data={"municipality": entry.municipality.ags})
    return entry


# --- Contacts and reuse requests -----------------------------------------------------------------------------------


@transaction.atomic
def set_contact(*, actor, municipality: Municipality, function: str, show_publicly: bool,
                accepts_reuse_requests: bool) -> Contact | None:
    """The acting staff member's own consent to be shown and/or to receive reuse requests (both revocable)."""
    _require(actor, "municipalities.manage_contacts", municipality,
             "Only verified staff of this municipality act as its contact.",
             "Nur bestätigte Beschäftigte dieser Kommune sind ihre Ansprechpersonen.")
    contact = Contact.objects.filter(municipality=municipality, user=actor).first()
    if not show_publicly and not accepts_reuse_requests:
        if contact is not None:
            contact.delete()
            audit.record(action="contact.consent_revoked", actor=actor, obj=municipality)
        return None
    contact = contact or Contact(municipality=municipality, user=actor)
    contact.function = function.strip()[:200]
    contact.show_publicly, contact.accepts_reuse_requests = show_publicly, accepts_reuse_requests
    contact.consented_at = timezone.now()
    contact.save()
    audit.record(action="contact.consent_given", actor=actor, obj=municipality,
                 data={"show_publicly": show_publicly, "accepts_reuse_requests": accepts_reuse_requests})
    return contact


@transaction.atomic
def send_reuse_request(*, actor, municipality: Municipality, message: str, solution=None) -> ReuseRequest:
    """Forward a question to the municipality's consenting contacts by e-mail, with the requester as reply-to.

    The requester never sees the contacts' addresses; requests are limited per person per hour and per day.
    """
    _require(actor, "municipalities.send_reuse_request", municipality,
             "Sending a reuse request needs an account with a verified e-mail address.",
             "Für eine Anfrage zur Nachnutzung ist ein Konto mit bestätigter E-Mail-Adresse nötig.")
    message = message.strip()
    if not 10 <= len(message) <= 3000:
        raise MunicipalError("bad-message", "The message needs 10 to 3,000 characters.",
                             "Die Nachricht braucht 10 bis 3.000 Zeichen.", status=400)
    now = timezone.now()
    recent = ReuseRequest.objects.filter(requester=actor)
    if (recent.filter(created_at__gte=now - dt.timedelta(hours=1)).count() >= settings.REUSE_REQUESTS_PER_HOUR
            or recent.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= settings.REUSE_REQUESTS_PER_DAY):
        raise MunicipalError("rate-limited", "You have sent too many requests; please try again later.",
                             "Sie haben zu viele Anfragen gesendet; bitte versuchen Sie es später erneut.",
                             status=429)
    contacts = list(municipality.contacts.filter(accepts_reuse_requests=True).select_related("user"))
    if not contacts:
        raise MunicipalError("no-contact", "This municipality has no contact for reuse requests yet.",
                             "Diese Kommune hat noch keine Ansprechperson für Anfragen zur Nachnutzung.")
    request = ReuseRequest.objects.create(municipality=municipality, solution=solution, requester=actor,
                                          message=message, created_at=now, delivered_to=len(contacts))
    from .tasks import deliver_reuse_request

    transaction.on_commit(lambda: deliver_reuse_request.enqueue(request.pk))
    audit.record(action="reuse_request.sent", actor=actor, obj=request,
                 data={"municipality": municipality.ags, "solution": solution.slug if solution else None,
                       "recipients": len(contacts)})
    return request


# --- Experience reports --------------------------------------------------------------------------------------------


@transaction.atomic
def submit_report(*, actor, municipality: Municipality, solution, rating: int, title: str, body: str
                  ) -> ExperienceReport:
    _require(actor, "municipalities.submit_report", municipality,
             "Only verified staff of this municipality report its experience.",
             "Nur bestätigte Beschäftigte dieser Kommune berichten über ihre Erfahrungen.")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise MunicipalError("bad-rating", "The rating is a whole number from 1 to 5.",
                             "Die Bewertung ist eine ganze Zahl von 1 bis 5.", status=400)
    if not title.strip() or not body.strip():
        raise MunicipalError("missing-text", "Title and report are required.", "Titel und Bericht sind erforderlich.",
                             status=400)
    report = ExperienceReport.objects.create(municipality=municipality, solution=solution, author=actor,
                                             rating=rating, title=title.strip()[:200], body=body.strip()[:10000])
    audit.record(action="report.submitted", actor=actor, obj=report,
                 data={"municipality": municipality.ags, "solution": solution.slug, "rating": rating})
    return report


@transaction.atomic
def moderate_report(*, actor, report: ExperienceReport, publish: bool, note: str = "") -> ExperienceReport:
    _require(actor, "municipalities.moderate_report", report, "Only the operator moderates experience reports.",
             "Nur der Betrieb der Plattform moderiert Erfahrungsberichte.")
    report = ExperienceReport.objects.select_for_update().get(pk=report.pk)
    if not publish and not note.strip():
        raise MunicipalError("missing-reason", "Give a reason for rejecting the report.",
                             "Geben Sie einen Grund für die Ablehnung an.", status=400)
    before = report.status
    report.status = ExperienceReport.Status.PUBLISHED if publish else ExperienceReport.Status.REJECTED
    report.moderation_note, report.moderated_at = note.strip()[:500], timezone.now()
    report.save(update_fields=["status", "moderation_note", "moderated_at"])
    audit.record(action="report.moderated", actor=actor, obj=report, before={"status": before},
                 after={"status": report.status}, data={"note": report.moderation_note})
    return report


# --- Urban data platforms and shared services ---------------------------------------------------------------------

PLATFORM_FIELDS = ("name", "url", "description", "components", "standards", "hosting", "operator_name", "co_use",
                   "solution")


def _platform_snapshot(platform: UrbanDataPlatform) -> dict:
    return {k: (getattr(platform, k).slug if k == "solution" and platform.solution_id else getattr(platform, k))
            if k != "solution" or platform.solution_id else None for k in PLATFORM_FIELDS}


def _check_platform(values: dict) -> None:
    if not (values.get("name") or "").strip():
        raise MunicipalError("missing-name", "The platform needs a name.", "Die Plattform braucht einen Namen.",
                             status=400)
    unknown = [s for s in values.get("standards") or [] if s not in vocab.PLATFORM_STANDARDS]
    if unknown:
        raise MunicipalError("unknown-standard", f"Unknown standards: {', '.join(unknown)}.",
                             f"Unbekannte Standards: {', '.join(unknown)}.", status=400)
    components = values.get("components") or []
    if not isinstance(components, list) or len(components) > 50 or any(
        not isinstance(c, str) or not c.strip() or len(c) > 200 for c in components
    ):
        raise MunicipalError("bad-components", "Components are up to 50 names of at most 200 characters.",
                             "Komponenten sind bis zu 50 Namen mit höchstens 200 Zeichen.", status=400)
    if values.get("hosting") not in vocab.OPERATING_MODEL_CODES:
        raise MunicipalError("bad-hosting", "Unknown hosting model.", "Unbekanntes Betriebsmodell.", status=400)
    if values.get("co_use") not in UrbanDataPlatform.CoUse.values:
        raise MunicipalError("bad-co-use", "Unknown co-use setting.", "Unbekannte Angabe zur Mitnutzung.", status=400)


@transaction.atomic
def save_platform(*, actor, municipality: Municipality, platform: UrbanDataPlatform | None = None,
                  **values) -> UrbanDataPlatform:
    _require(actor, "municipalities.change_platform", municipality,
             "Only verified staff of this municipality describe its urban data platforms.",
             "Nur bestätigte Beschäftigte dieser Kommune beschreiben ihre urbanen Datenplattformen.")
    if platform is not None and platform.municipality_id != municipality.pk:
        raise _forbidden("The platform belongs to another municipality.",
                         "Die Plattform gehört zu einer anderen Kommune.")
    before = _platform_snapshot(platform) if platform else None
    merged = {k: getattr(platform, k) for k in PLATFORM_FIELDS} if platform else {}
    merged.update({k: v for k, v in values.items() if k in PLATFORM_FIELDS})
    merged.setdefault("co_use", UrbanDataPlatform.CoUse.ON_REQUEST)
    merged["standards"] = sorted(set(merged.get("standards") or []))
    merged["components"] = [c.strip() for c in merged.get("components") or [] if isinstance(c, str)]
    _check_platform(merged)
    platform = platform or UrbanDataPlatform(municipality=municipality)
    for key, value in merged.items():
        setattr(platform, key, value)
    platform.save()
    audit.record(action="platform.saved", actor=actor, obj=platform, before=before, after=_platform_snapshot(platform),
                 data={"municipality": municipality.ags})
    return platform


@transaction.atomic
def create_shared_service(*, actor, operator: Municipality, name: str, members, solution=None,
                          description: str = "") -> Grouping:
    _require(actor, "municipalities.manage_shared_service", operator,
             "Only verified staff of the operating municipality record a shared service.",
             "Nur bestätigte Beschäftigte der betreibenden Kommune erfassen einen gemeinsamen Dienst.")
    if not name.strip():
        raise MunicipalError("missing-name", "The shared service needs a name.",
                             "Der gemeinsame Dienst braucht einen Namen.", status=400)
    base = slugify(f"{name}-{operator.ags}")[:110] or operator.ags
    slug, n = base, 1
    while Grouping.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    grouping = Grouping.objects.create(slug=slug, kind=Grouping.Kind.SHARED_SERVICE, name=name.strip()[:200],
                                       description=description.strip()[:5000], operator=operator, solution=solution)
    grouping.members.set({operator, *members})
    audit.record(action="shared_service.created", actor=actor, obj=grouping,
                 after={"name": grouping.name, "operator": operator.ags,
                        "members": sorted(m.ags for m in grouping.members.all())})
    return grouping
