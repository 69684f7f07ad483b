"""Writes of the procurement app: shortlists, evaluations (criteria, offers, points), the Vergabevermerk and the
audit entries of generated tender documents.

Every service checks the rules (rules.py) itself, so pages and API refuse exactly the same things, and raises a
ProcurementError (status, code, reason in English and German) instead of saving half. Shortlists are private
working notes and are not audited; the decisions of a procurement are: recording an evaluation writes one
`procurement.evaluation_recorded` entry, generating a tender document one `procurement.tender_generated` entry.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from lichtermeer.accounts.models import Organisation
from lichtermeer.accounts.selectors import staff_organisations
from lichtermeer.audit import services as audit
from lichtermeer.refusals import Refusal
from lichtermeer.solutions.models import Solution

from . import evbit, spec
from .models import NAME_MAX, NOTE_MAX, TEXT_MAX, Criterion, Evaluation, Offer, Score, Shortlist, ShortlistItem

MAX_SHORTLISTS_PER_USER = 100
MAX_EVALUATIONS_PER_USER = 200
MAX_CRITERIA = 200
MAX_OFFERS = 50
MAX_PRICE = Decimal("999999999999.99")
MAX_WEIGHT = Decimal("100000")
CODE_MAX = 20

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class ProcurementError(Refusal):
    pass


def _forbidden(en: str, de: str) -> ProcurementError:
    return ProcurementError("forbidden", en, de, status=403)


def _require(actor, perm: str, obj, en: str, de: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise _forbidden(en, de)


def clean_line(value, *, field_en: str, field_de: str, limit: int = NAME_MAX, required: bool = True) -> str:
    """One line of user text: control characters removed, whitespace collapsed; refused when empty (if required)
    or longer than `limit`."""
    text = _SPACES.sub(" ", _CONTROL.sub("", str(value or ""))).strip()
    if required and not text:
        raise ProcurementError("empty", f"{field_en}: please enter a text.", f"{field_de}: Bitte geben Sie einen Text "
                               "ein.", status=400)
    if len(text) > limit:
        raise ProcurementError("too-long", f"{field_en}: at most {limit} characters ({len(text)} given).",
                               f"{field_de}: höchstens {limit} Zeichen ({len(text)} angegeben).", status=400)
    return text


def clean_text(value, *, field_en: str, field_de: str, limit: int = NOTE_MAX) -> str:
    text = _CONTROL.sub("", str(value or "").replace("\r\n", "\n")).strip()
    if len(text) > limit:
        raise ProcurementError("too-long", f"{field_en}: at most {limit} characters ({len(text)} given).",
                               f"{field_de}: höchstens {limit} Zeichen ({len(text)} angegeben).", status=400)
    return text


# --- shortlists ------------------------------------------------------------------------------------------------


def _organisation_for(actor, organisation: Organisation | None) -> Organisation | None:
    """The organisation a new shortlist names: the one given (the actor must be verified municipal staff of it),
    else the actor's only municipal organisation, else none."""
    mine = list(staff_organisations(actor)[:2])
    if organisation is not None:
        if not staff_organisations(actor).filter(pk=organisation.pk).exists():
            raise _forbidden("You are not verified staff of this organisation.",
                             "Sie sind keine bestätigte Beschäftigte oder kein bestätigter Beschäftigter dieser "
                             "Organisation.")
        return organisation
    return mine[0] if len(mine) == 1 else None


@transaction.atomic
def create_shortlist(*, actor, name: str, note: str = "", organisation: Organisation | None = None) -> Shortlist:
    _require(actor, "procurement.keep_shortlists", None,
             "Sign in with a confirmed e-mail address to keep shortlists.",
             "Melden Sie sich mit einer bestätigten E-Mail-Adresse an, um Merklisten zu führen.")
    name = clean_line(name, field_en="Name", field_de="Name")
    note = clean_text(note, field_en="Note", field_de="Notiz")
    if Shortlist.objects.filter(owner=actor).count() >= MAX_SHORTLISTS_PER_USER:
        raise ProcurementError("too-many-shortlists",
                               f"You already keep {MAX_SHORTLISTS_PER_USER} shortlists; delete one first.",
                               f"Sie führen bereits {MAX_SHORTLISTS_PER_USER} Merklisten; löschen Sie zuerst eine.")
    return Shortlist.objects.create(owner=actor, name=name, note=note,
                                    organisation=_organisation_for(actor, organisation))


def _locked(shortlist: Shortlist) -> Shortlist:
    return Shortlist.objects.select_for_update().get(pk=shortlist.pk)


def _may_change(actor, shortlist: Shortlist) -> None:
    _require(actor, "procurement.change_shortlist", shortlist, "Only the owner changes a shortlist.",
             "Nur die Person, der die Merkliste gehört, kann sie ändern.")


@transaction.atomic
def update_shortlist(*, actor, shortlist: Shortlist, name: str | None = None, note: str | None = None) -> Shortlist:
    shortlist = _locked(shortlist)
    _may_change(actor, shortlist)
    if name is not None:
        shortlist.name = clean_line(name, field_en="Name", field_de="Name")
    if note is not None:
        shortlist.note = clean_text(note, field_en="Note", field_de="Notiz")
    shortlist.save()
    return shortlist


@transaction.atomic
def delete_shortlist(*, actor, shortlist: Shortlist) -> None:
    shortlist = _locked(shortlist)
    _may_change(actor, shortlist)
    shortlist.delete()  # evaluations keep their criteria and offers (their shortlist becomes empty)


@transaction.atomic
def add_item(*, actor, shortlist: Shortlist, solution: Solution, note: str = "") -> ShortlistItem:
    shortlist = _locked(shortlist)
    _may_change(actor, shortlist)
    if not solution.is_public:
        raise ProcurementError("unknown-solution", "Only listed solutions can be put on a shortlist.",
                               "Nur gelistete Lösungen können auf eine Merkliste.", status=400)
    note = clean_text(note, field_en="Note", field_de="Notiz")
    if shortlist.items.filter(solution=solution).exists():
        raise ProcurementError("already-listed", f"“{solution.name}” is already on the shortlist “{shortlist.name}”.",
                               f"„{solution.name}“ steht bereits auf der Merkliste „{shortlist.name}“.")
    limit = settings.SHORTLIST_MAX_ITEMS
    if shortlist.items.count() >= limit:
        raise ProcurementError("shortlist-full", f"A shortlist holds at most {limit} solutions.",
                               f"Eine Merkliste fasst höchstens {limit} Lösungen.")
    try:
        with transaction.atomic():
            item = ShortlistItem.objects.create(shortlist=shortlist, solution=solution, note=note)
    except IntegrityError:
        raise ProcurementError("already-listed", "The solution is already on the shortlist.",
                               "Die Lösung steht bereits auf der Merkliste.") from None
    shortlist.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def add_to_new_shortlist(*, actor, name: str, solution: Solution) -> ShortlistItem:
    shortlist = create_shortlist(actor=actor, name=name)
    return add_item(actor=actor, shortlist=shortlist, solution=solution)


@transaction.atomic
def remove_item(*, actor, item: ShortlistItem) -> None:
    shortlist = _locked(item.shortlist)
    _may_change(actor, shortlist)
    ShortlistItem.objects.filter(pk=item.pk, shortlist=shortlist).delete()
    shortlist.save(update_fields=["updated_at"])


@transaction.atomic
def set_item_note(*, actor, item: ShortlistItem, note: str) -> ShortlistItem:
    shortlist = _locked(item.shortlist)
    _may_change(actor, shortlist)
    item.note = clean_text(note, field_en="Note", field_de="Notiz")
    item.save(update_fields=["note"])
    shortlist.save(update_fields=["updated_at"])
    return item


# --- evaluations: create, settings, copy ------------------------------------------------------------------------


def _evaluation_organisation(actor, shortlist: Shortlist, organisation: Organisation | None) -> Organisation:
    mine = staff_organisations(actor)
    if organisation is not None:
        if not mine.filter(pk=organisation.pk).exists():
            raise _forbidden("You are not verified municipal staff of this organisation.",
                             "Sie sind nicht als Beschäftigte oder Beschäftigter dieser Organisation bestätigt.")
        return organisation
    if shortlist.organisation_id and mine.filter(pk=shortlist.organisation_id).exists():
        return shortlist.organisation
    first = mine.order_by("name").first()
    if first is None:
        raise _forbidden("Only verified municipal staff create evaluations.",
                         "Nur bestätigte Beschäftigte einer Kommune legen Wertungen an.")
    return first


def standards_of(solutions: list[Solution]) -> list[dict]:
    """The interface standards the shortlisted solutions provide, each once (the most frequent version)."""
    seen: dict[tuple[str, str], dict[str, int]] = {}
    for solution in solutions:
        for declared in solution.standards_provided or []:
            if not isinstance(declared, dict) or not declared.get("standard"):
                continue
            key = (str(declared["standard"])[:64], str(declared.get("role") or "")[:20])
            versions = seen.setdefault(key, {})
            version = str(declared.get("version") or "")[:40]
            versions[version] = versions.get(version, 0) + 1
    return [{"standard": standard, "role": role, "version": max(versions, key=lambda v: (versions[v], v))}
            for (standard, role), versions in sorted(seen.items())]


def _hosting_of(solutions: list[Solution]) -> list[str]:
    found: list[str] = []
    for solution in solutions:
        for model in solution.hosting_models or []:
            if isinstance(model, str) and model not in found:
                found.append(model[:40])
    return found


@transaction.atomic
def create_evaluation(*, actor, shortlist: Shortlist, title: str, organisation: Organisation | None = None,
                      reference: str = "", subject: str = "", method: str = Evaluation.Method.SIMPLE) -> Evaluation:
    """A draft evaluation of the shortlist: one offer per shortlisted solution (the bidder is its provider)."""
    _require(actor, "procurement.create_evaluation", shortlist,
             "Only verified municipal staff create evaluations, from their own shortlists.",
             "Nur bestätigte Beschäftigte einer Kommune legen Wertungen an, aus ihren eigenen Merklisten.")
    title = clean_line(title, field_en="Title", field_de="Titel")
    reference = clean_line(reference, field_en="Reference number", field_de="Vergabenummer", limit=100,
                           required=False)
    subject = clean_text(subject, field_en="Subject", field_de="Gegenstand", limit=TEXT_MAX)
    if method not in Evaluation.Method.values:
        raise ProcurementError("bad-method", "Unknown method.", "Unbekannte Methode.", status=400)
    if Evaluation.objects.filter(owner=actor).count() >= MAX_EVALUATIONS_PER_USER:
        raise ProcurementError("too-many-evaluations",
                               f"You already have {MAX_EVALUATIONS_PER_USER} evaluations.",
                               f"Sie haben bereits {MAX_EVALUATIONS_PER_USER} Wertungen.")
    organisation = _evaluation_organisation(actor, shortlist, organisation)
    items = list(shortlist.items.select_related("solution__organisation").order_by("added_at", "id"))
    solutions = [item.solution for item in items]
    evaluation = Evaluation.objects.create(
        shortlist=shortlist, owner=actor, organisation=organisation, title=title, reference=reference,
        subject=subject, method=method, standards=standards_of(solutions), operating_models=_hosting_of(solutions),
        **default_parameters(method),
    )
    Offer.objects.bulk_create([
        Offer(evaluation=evaluation, bidder=solution.organisation.name[:NAME_MAX], solution=solution, position=index)
        for index, solution in enumerate(solutions[:MAX_OFFERS])
    ])
    return evaluation


def default_parameters(method: str) -> dict:
    """The parameters a method uses, with the defaults the settings form proposes."""
    values = {"band": None, "decision": "", "price_weight": None, "price_formula": "", "tie_break": ""}
    if method == Evaluation.Method.EXTENDED:
        values.update(band=Decimal("0.05"), decision=Evaluation.Decision.PERFORMANCE)
    if method == Evaluation.Method.WEIGHTED:
        values.update(price_weight=Decimal("0.3"), price_formula="ratio")
    return values


def _draft(actor, evaluation: Evaluation, perm: str = "procurement.change_evaluation") -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_recorded:
        raise ProcurementError("recorded", "This evaluation is recorded (Vergabevermerk) and can no longer be "
                               "changed. Make a copy to work on.",
                               "Diese Wertung ist festgehalten (Vergabevermerk) und kann nicht mehr geändert "
                               "werden. Legen Sie eine Kopie an, um weiterzuarbeiten.")
    _require(actor, perm, evaluation, "Only the owner changes an evaluation, as verified staff of its organisation.",
             "Nur die Person, der die Wertung gehört, ändert sie, als bestätigte Beschäftigte der Organisation.")
    return evaluation


def _stale(evaluation: Evaluation) -> None:
    """A change makes an earlier result invalid: it is shown again only after evaluating again."""
    if evaluation.result:
        evaluation.result = {}
        evaluation.evaluated_at = None
    evaluation.save()


SETTINGS_FIELDS = ("title", "reference", "subject", "method", "band", "decision", "price_weight", "price_formula",
                   "tie_break", "evb_it", "standards", "operating_models")


@transaction.atomic
def update_settings(*, actor, evaluation: Evaluation, **values) -> Evaluation:
    evaluation = _draft(actor, evaluation)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ProcurementError("unknown-field", f"Unknown fields: {', '.join(sorted(unknown))[:200]}.",
                               f"Unbekannte Felder: {', '.join(sorted(unknown))[:200]}.", status=400)
    if "title" in values:
        evaluation.title = clean_line(values["title"], field_en="Title", field_de="Titel")
    if "reference" in values:
        evaluation.reference = clean_line(values["reference"], field_en="Reference number", field_de="Vergabenummer",
                                          limit=100, required=False)
    if "subject" in values:
        evaluation.subject = clean_text(values["subject"], field_en="Subject", field_de="Gegenstand", limit=TEXT_MAX)
    if "method" in values:
        if values["method"] not in Evaluation.Method.values:
            raise ProcurementError("bad-method", "Unknown method.", "Unbekannte Methode.", status=400)
        evaluation.method = values["method"]
    for name in ("band", "price_weight"):
        if name in values:
            number = values[name]
            if number is not None and not (Decimal(0) <= Decimal(number) <= Decimal(1)):
                raise ProcurementError("bad-parameter", f"{name}: a share between 0 and 1.",
                                       f"{name}: ein Anteil zwischen 0 und 1.", status=400)
            setattr(evaluation, name, Decimal(number).quantize(Decimal("0.001")) if number is not None else None)
    for name, allowed in (("decision", {"", *Evaluation.Decision.values}),
                          ("price_formula", {"", *spec.PRICE_FORMULAS}), ("tie_break", {"", *spec.TIE_BREAKS}),
                          ("evb_it", {"", *evbit.BY_CODE})):
        if name in values:
            if (values[name] or "") not in allowed:
                raise ProcurementError("bad-parameter", f"{name}: unknown value.", f"{name}: unbekannter Wert.",
                                       status=400)
            setattr(evaluation, name, values[name] or "")
    if "standards" in values:
        evaluation.standards = _clean_standards(values["standards"])
    if "operating_models" in values:
        models = values["operating_models"] or []
        if not isinstance(models, list) or len(models) > 20 or not all(isinstance(m, str) for m in models):
            raise ProcurementError("bad-parameter", "operating_models: a list of at most 20 codes.",
                                   "operating_models: eine Liste von höchstens 20 Kürzeln.", status=400)
        evaluation.operating_models = [m[:40] for m in dict.fromkeys(models)]
    _stale(evaluation)
    return evaluation


def _clean_standards(standards) -> list[dict]:
    if not isinstance(standards, list) or len(standards) > 100:
        raise ProcurementError("bad-parameter", "standards: a list of at most 100 entries.",
                               "standards: eine Liste von höchstens 100 Einträgen.", status=400)
    cleaned = []
    for index, entry in enumerate(standards):
        if not isinstance(entry, dict) or not isinstance(entry.get("standard"), str) or not entry["standard"]:
            raise ProcurementError("bad-parameter", f"standards[{index}]: needs a standard id.",
                                   f"standards[{index}]: braucht die Kennung eines Standards.", status=400)
        cleaned.append({"standard": entry["standard"][:64], "role": str(entry.get("role") or "")[:20],
                        "version": str(entry.get("version") or "")[:40]})
    return cleaned


@transaction.atomic
def copy_evaluation(*, actor, evaluation: Evaluation) -> Evaluation:
    """A new draft with the same settings, criteria, offers and points, owned by the actor."""
    _require(actor, "procurement.copy_evaluation", evaluation,
             "Only verified staff of the evaluation's organisation copy it.",
             "Nur bestätigte Beschäftigte der Organisation der Wertung können sie kopieren.")
    if Evaluation.objects.filter(owner=actor).count() >= MAX_EVALUATIONS_PER_USER:
        raise ProcurementError("too-many-evaluations", f"You already have {MAX_EVALUATIONS_PER_USER} evaluations.",
                               f"Sie haben bereits {MAX_EVALUATIONS_PER_USER} Wertungen.")
    source = Evaluation.objects.get(pk=evaluation.pk)
    copy = Evaluation.objects.get(pk=evaluation.pk)
    copy.pk = None
    copy.owner = actor
    copy.title = f"Kopie von {source.title}"[:NAME_MAX]
    copy.status = Evaluation.Status.DRAFT
    copy.result, copy.evaluated_at, copy.recorded_at = {}, None, None
    copy.copied_from = source
    copy.created_at = timezone.now()
    if copy.shortlist_id and not Shortlist.objects.filter(pk=copy.shortlist_id, owner=actor).exists():
        copy.shortlist = None  # someone else's shortlist stays private
    copy.save()
    mapping: dict[int, Criterion] = {}
    for criterion in _tree_order(source):
        old_pk = criterion.pk
        criterion.pk = None
        criterion.evaluation = copy
        criterion.parent = mapping.get(criterion.parent_id) if criterion.parent_id else None
        criterion.save()
        mapping[old_pk] = criterion
    offers: dict[int, Offer] = {}
    for offer in source.offers.all():
        old_pk = offer.pk
        offer.pk = None
        offer.evaluation = copy
        offer.save()
        offers[old_pk] = offer
    Score.objects.bulk_create([
        Score(offer=offers[s.offer_id], criterion=mapping[s.criterion_id], points=s.points, passed=s.passed)
        for s in Score.objects.filter(offer__evaluation=source)
    ])
    return copy


def _tree_order(evaluation: Evaluation) -> list[Criterion]:
    """The criteria with every group before its members."""
    criteria = list(evaluation.criteria.order_by("position", "id"))
    children: dict[int | None, list[Criterion]] = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    ordered: list[Criterion] = []

    def walk(parent_id):
        for criterion in children.get(parent_id, []):
            ordered.append(criterion)
            walk(criterion.pk)

    walk(None)
    return ordered


# --- criteria ----------------------------------------------------------------------------------------------------


def _next_code(evaluation: Evaluation, kind: str) -> str:
    prefix = {"A": "A", "B": "B", "group": "G"}[kind]
    used = set(evaluation.criteria.values_list("code", flat=True))
    number = 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def _check_room(evaluation: Evaluation, adding: int) -> None:
    if evaluation.criteria.count() + adding > MAX_CRITERIA:
        raise ProcurementError("too-many-criteria", f"An evaluation has at most {MAX_CRITERIA} criteria.",
                               f"Eine Wertung hat höchstens {MAX_CRITERIA} Kriterien.")


def _check_parent(evaluation: Evaluation, parent: Criterion | None) -> None:
    if parent is not None and (parent.evaluation_id != evaluation.pk or parent.kind != Criterion.Kind.GROUP):
        raise ProcurementError("bad-group", "The chosen group does not belong to this evaluation.",
                               "Die gewählte Gruppe gehört nicht zu dieser Wertung.", status=400)


def _check_weight(weight) -> Decimal | None:
    if weight is None or weight == "":
        return None
    try:
        weight = Decimal(str(weight))
    except ArithmeticError:
        raise ProcurementError("bad-weight", "The weight must be a number.", "Das Gewicht muss eine Zahl sein.",
                               status=400) from None
    if not weight.is_finite() or weight < 0 or weight > MAX_WEIGHT:
        raise ProcurementError("bad-weight", f"The weight must lie between 0 and {MAX_WEIGHT}.",
                               f"Das Gewicht muss zwischen 0 und {MAX_WEIGHT} liegen.", status=400)
    return weight.quantize(Decimal("0.001"))


DEFAULT_WEIGHTS = {"SOLL": Decimal(10), "KANN": Decimal(5)}


@transaction.atomic
def add_catalogue_criteria(*, actor, evaluation: Evaluation, requirements: list, parent: Criterion | None = None,
                           weights: dict[str, Decimal] | None = None) -> list[Criterion]:
    """Criteria from requirements of a published catalogue version (RequirementRevision rows): a MUSS
    requirement becomes an A criterion, SOLL and KANN become B criteria with a proposed weight. A requirement
    already in the evaluation is skipped."""
    evaluation = _draft(actor, evaluation)
    _check_parent(evaluation, parent)
    present = set(evaluation.criteria.exclude(requirement_id="").values_list("requirement_id", flat=True))
    fresh = [r for r in requirements if r.code not in present]
    _check_room(evaluation, len(fresh))
    weights = weights or DEFAULT_WEIGHTS
    created = []
    position = _next_position(evaluation.criteria)
    for revision in fresh:
        kind = Criterion.Kind.A if revision.obligation == "MUSS" else Criterion.Kind.B
        data = revision.data or {}
        sources = spec.requirement_sources(data)
        criterion = Criterion.objects.create(
            evaluation=evaluation, parent=parent, kind=kind, code=_next_code(evaluation, kind),
            title=(revision.title_de or revision.code)[:300],
            text=((data.get("statement") or {}).get("de") or "")[:TEXT_MAX],
            weight=None if kind == Criterion.Kind.A else weights.get(revision.obligation, Decimal(5)),
            requirement_id=revision.code, catalogue_version=revision.catalogue_version.version,
            obligation=revision.obligation, source=sources["text"][:TEXT_MAX], source_url=sources["url"][:500],
            position=position,
        )
        position += 1
        created.append(criterion)
    if created:
        _stale(evaluation)
    return created


@transaction.atomic
def add_criterion(*, actor, evaluation: Evaluation, kind: str, title: str, text: str = "", weight=None,
                  parent: Criterion | None = None) -> Criterion:
    """An own criterion (or a group) of the contracting authority."""
    evaluation = _draft(actor, evaluation)
    if kind not in Criterion.Kind.values:
        raise ProcurementError("bad-kind", "Unknown kind of criterion.", "Unbekannte Art von Kriterium.", status=400)
    _check_parent(evaluation, parent)
    _check_room(evaluation, 1)
    if parent is not None and _depth(parent) >= 4:
        raise ProcurementError("too-deep", "Groups nest at most four levels deep.",
                               "Gruppen lassen sich höchstens vier Ebenen tief schachteln.", status=400)
    criterion = Criterion.objects.create(
        evaluation=evaluation, parent=parent, kind=kind, code=_next_code(evaluation, kind),
        title=clean_line(title, field_en="Title", field_de="Titel", limit=300),
        text=clean_text(text, field_en="Description", field_de="Beschreibung", limit=TEXT_MAX),
        weight=None if kind == Criterion.Kind.A else _check_weight(weight),
        position=_next_position(evaluation.criteria),
    )
    _stale(evaluation)
    return criterion


def _depth(criterion: Criterion) -> int:
    depth, seen = 1, {criterion.pk}
    while criterion.parent_id:
        criterion = Criterion.objects.get(pk=criterion.parent_id)
        if criterion.pk in seen:
            break
        seen.add(criterion.pk)
        depth += 1
    return depth


@transaction.atomic
def update_criteria(*, actor, evaluation: Evaluation, changes: dict[int, dict]) -> None:
    """Several criteria at once: {criterion pk: {"weight": …, "kind": "A"|"B", "title": …}}. All or nothing."""
    evaluation = _draft(actor, evaluation)
    criteria = {c.pk: c for c in evaluation.criteria.all()}
    for pk, values in changes.items():
        criterion = criteria.get(pk)
        if criterion is None:
            raise ProcurementError("unknown-criterion", "A criterion does not belong to this evaluation.",
                                   "Ein Kriterium gehört nicht zu dieser Wertung.", status=400)
        if "kind" in values and values["kind"] != criterion.kind:
            if criterion.kind == Criterion.Kind.GROUP or values["kind"] not in ("A", "B"):
                raise ProcurementError("bad-kind", f"{criterion.code}: a group stays a group; criteria are A or B.",
                                       f"{criterion.code}: Eine Gruppe bleibt eine Gruppe; Kriterien sind A oder B.",
                                       status=400)
            criterion.kind = values["kind"]
            criterion.scores.update(points=None, passed=None)
        if "title" in values:
            criterion.title = clean_line(values["title"], field_en=f"{criterion.code} title",
                                         field_de=f"{criterion.code} Titel", limit=300)
        if "weight" in values:
            criterion.weight = _check_weight(values["weight"])
        if criterion.kind == Criterion.Kind.A:
            criterion.weight = None
        criterion.save()
    _stale(evaluation)


@transaction.atomic
def remove_criterion(*, actor, evaluation: Evaluation, criterion: Criterion) -> None:
    evaluation = _draft(actor, evaluation)
    if criterion.evaluation_id != evaluation.pk:
        raise ProcurementError("unknown-criterion", "The criterion does not belong to this evaluation.",
                               "Das Kriterium gehört nicht zu dieser Wertung.", status=404)
    criterion.delete()  # a group takes its members with it
    _stale(evaluation)


# --- offers and points ------------------------------------------------------------------------------------------


@transaction.atomic
def add_offer(*, actor, evaluation: Evaluation, bidder: str, price=None) -> Offer:
    evaluation = _draft(actor, evaluation)
    if evaluation.offers.count() >= MAX_OFFERS:
        raise ProcurementError("too-many-offers", f"An evaluation has at most {MAX_OFFERS} offers.",
                               f"Eine Wertung hat höchstens {MAX_OFFERS} Angebote.")
    offer = Offer.objects.create(evaluation=evaluation, bidder=clean_line(bidder, field_en="Bidder",
                                                                          field_de="Bieter"),
                                 price=_check_price(price, "Price", "Preis"),
                                 position=_next_position(evaluation.offers))
    _stale(evaluation)
    return offer


@transaction.atomic
def remove_offer(*, actor, evaluation: Evaluation, offer: Offer) -> None:
    evaluation = _draft(actor, evaluation)
    if offer.evaluation_id != evaluation.pk:
        raise ProcurementError("unknown-offer", "The offer does not belong to this evaluation.",
                               "Das Angebot gehört nicht zu dieser Wertung.", status=404)
    offer.delete()
    _stale(evaluation)


def _check_price(price, en: str, de: str) -> Decimal | None:
    if price is None or price == "":
        return None
    try:
        price = Decimal(str(price))
    except ArithmeticError:
        raise ProcurementError("bad-price", f"{en}: not a number.", f"{de}: keine Zahl.", status=400) from None
    if not price.is_finite() or price < 0 or price > MAX_PRICE:
        raise ProcurementError("bad-price", f"{en}: between 0 and {MAX_PRICE}.",
                               f"{de}: zwischen 0 und {MAX_PRICE}.", status=400)
    return price.quantize(Decimal("0.01"))


@transaction.atomic
def save_offers(*, actor, evaluation: Evaluation, prices: dict[int, Decimal | None],
                scores: dict[tuple[int, int], int | bool | None]) -> None:
    """Prices ({offer pk: price or None}) and points ({(offer pk, criterion pk): 0–10 for B, True/False for A,
    None for "not yet"}). All or nothing; values were checked by the form, the service checks them again."""
    evaluation = _draft(actor, evaluation)
    offers = {o.pk: o for o in evaluation.offers.all()}
    criteria = {c.pk: c for c in evaluation.criteria.all()}
    for offer_pk, price in prices.items():
        offer = offers.get(offer_pk)
        if offer is None:
            raise ProcurementError("unknown-offer", "An offer does not belong to this evaluation.",
                                   "Ein Angebot gehört nicht zu dieser Wertung.", status=400)
        offer.price = _check_price(price, f"Price of “{offer.bidder}”", f"Preis von „{offer.bidder}“")
        offer.save(update_fields=["price"])
    existing = {(s.offer_id, s.criterion_id): s for s in Score.objects.filter(offer__evaluation=evaluation)}
    for (offer_pk, criterion_pk), value in scores.items():
        offer, criterion = offers.get(offer_pk), criteria.get(criterion_pk)
        if offer is None or criterion is None or criterion.kind == Criterion.Kind.GROUP:
            raise ProcurementError("unknown-score", "Points refer to an offer or criterion of another evaluation.",
                                   "Punkte beziehen sich auf ein Angebot oder Kriterium einer anderen Wertung.",
                                   status=400)
        points, passed = None, None
        if criterion.kind == Criterion.Kind.A:
            if value is not None and not isinstance(value, bool):
                raise ProcurementError("bad-points", f"{criterion.code}, “{offer.bidder}”: met or not met.",
                                       f"{criterion.code}, „{offer.bidder}“: erfüllt oder nicht erfüllt.", status=400)
            passed = value
        else:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10):
                raise ProcurementError("bad-points", f"{criterion.code}, “{offer.bidder}”: points from 0 to 10.",
                                       f"{criterion.code}, „{offer.bidder}“: Punkte von 0 bis 10.", status=400)
            points = value
        score = existing.get((offer_pk, criterion_pk))
        if score is None:
            Score.objects.create(offer=offer, criterion=criterion, points=points, passed=passed)
        elif (score.points, score.passed) != (points, passed):
            score.points, score.passed = points, passed
            score.save(update_fields=["points", "passed"])
    _stale(evaluation)


# --- evaluate, record ------------------------------------------------------------------------------------------


@transaction.atomic
def evaluate(*, actor, evaluation: Evaluation) -> spec.Outcome:
    """Run the UfAB engine on the evaluation. With problems nothing is stored and the outcome lists them (mapped to
    criteria and offers); without, the result is stored on the evaluation."""
    evaluation = _draft(actor, evaluation)
    outcome = spec.run(evaluation)
    if outcome.problems:
        _stale(evaluation)
        return outcome
    evaluation.result = outcome.record
    evaluation.evaluated_at = timezone.now()
    evaluation.save(update_fields=["result", "evaluated_at", "updated_at"])
    return outcome


@transaction.atomic
def record(*, actor, evaluation: Evaluation) -> Evaluation:
    """The Vergabevermerk: evaluate once more, write ONE audit entry with everything a later reader needs (spec,
    result, method explanation, catalogue versions, criteria with their sources, actor, time) and freeze the
    evaluation."""
    evaluation = _draft(actor, evaluation, "procurement.record_evaluation")
    outcome = spec.run(evaluation)
    if outcome.problems:
        raise ProcurementError("invalid", "The evaluation has problems; evaluate it and fix them first.",
                               "Die Wertung hat Mängel; bewerten Sie sie und beheben Sie diese zuerst.", status=409)
    now = timezone.now()
    evaluation.result = outcome.record
    evaluation.evaluated_at = now
    evaluation.status = Evaluation.Status.RECORDED
    evaluation.recorded_at = now
    evaluation.save()
    audit.record(action="procurement.evaluation_recorded", actor=actor, obj=evaluation,
                 data=spec.vermerk(evaluation, outcome, actor=actor, at=now))
    return evaluation


def tender_generated(*, actor, evaluation: Evaluation, kind: str, fmt: str, sha256: str, size: int) -> None:
    audit.record(action="procurement.tender_generated", actor=actor, obj=evaluation,
                 data={"kind": kind, "format": fmt, "sha256": sha256, "bytes": size,
                       "evaluation": evaluation.pk, "status": evaluation.status,
                       "reference": evaluation.reference})
