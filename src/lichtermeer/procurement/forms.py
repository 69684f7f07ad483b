"""Forms of the procurement pages. They check shape and size; the services decide what is allowed.

The offers table (prices and points of every offer for every criterion) is one plain HTML form parsed by
`parse_offer_table`, which collects every problem with the offer and criterion it is about instead of stopping
at the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lichtermeer.solutions import vocab as solution_vocab

from . import evbit
from .models import NAME_MAX, NOTE_MAX, TEXT_MAX, Criterion, Evaluation, Offer
from .services import MAX_PRICE


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ShortlistForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX,
                           help_text=_("For example the procurement it prepares: “Parking sensors 2026”."))
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX, widget=_textarea())


class ItemNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX, widget=_textarea(2))


class EvaluationCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=NAME_MAX)
    reference = forms.CharField(label=_("Reference number (Vergabenummer)"), required=False, max_length=100)
    subject = forms.CharField(label=_("Subject of the procurement"), required=False, max_length=TEXT_MAX,
                              widget=_textarea(4),
                              help_text=_("What is to be procured, neutrally worded (no product names)."))
    method = forms.ChoiceField(label=_("Evaluation method (UfAB)"), choices=Evaluation.Method.choices,
                               initial=Evaluation.Method.SIMPLE, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(label=_("Contracting authority"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() <= 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].required = False


def _percent(label, help_text, minimum, maximum) -> forms.DecimalField:
    return forms.DecimalField(label=label, help_text=help_text, required=False, min_value=Decimal(minimum),
                              max_value=Decimal(maximum), max_digits=5, decimal_places=2, localize=True)


class SettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=NAME_MAX)
    reference = forms.CharField(label=_("Reference number (Vergabenummer)"), required=False, max_length=100)
    subject = forms.CharField(label=_("Subject of the procurement"), required=False, max_length=TEXT_MAX,
                              widget=_textarea(4))
    method = forms.ChoiceField(label=_("Evaluation method (UfAB)"), choices=Evaluation.Method.choices,
                               widget=forms.RadioSelect)
    band = _percent(_("Fluctuation band in percent (extended method)"),
                    _("Offers whose Z is at most this far below the best Z count as equal; at most 10 %."), "0.01",
                    "10")
    decision = forms.ChoiceField(label=_("Decision criterion (extended method)"), required=False,
                                 choices=[("", "–"), *Evaluation.Decision.choices])
    price_weight = _percent(_("Weight of the price in percent (weighted method)"),
                            _("Share of the price in the total; performance gets the rest."), "1", "99")
    price_formula = forms.ChoiceField(label=_("Price formula (weighted method)"), required=False, choices=[
        ("", "–"), ("ratio", _("Ratio: lowest price ÷ price")),
        ("linear", _("Linear: 0 points at twice the lowest price"))])
    tie_break = forms.ChoiceField(label=_("Tie-break (simple and weighted methods)"), required=False, choices=[
        ("", "–"), ("price", _("Lower price wins")), ("performance", _("Higher performance wins"))])
    evb_it = forms.ChoiceField(label=_("EVB-IT contract type"), required=False,
                               choices=[("", "–"), *evbit.CHOICES],
                               help_text=_("The tender documents name it and link to evb-it.gov.de."))
    standards = forms.MultipleChoiceField(label=_("Interface standards the service description requires"),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    operating_models = forms.MultipleChoiceField(label=_("Operating models that are acceptable"), required=False,
                                                 choices=list(solution_vocab.HOSTING_MODELS.items()),
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, standard_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standards"].choices = standard_choices

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == Evaluation.Method.EXTENDED:
            if data.get("band") in (None, ""):
                self.add_error("band", gettext("The extended method needs a published fluctuation band."))
            if not data.get("decision"):
                self.add_error("decision", gettext("The extended method needs a published decision criterion."))
        if method == Evaluation.Method.WEIGHTED and data.get("price_weight") in (None, ""):
            self.add_error("price_weight", gettext("The weighted method needs the weight of the price."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        method = data["method"]
        uses = {"simplified": (), "simple": ("tie_break",), "extended": ("band", "decision"),
                "weighted": ("price_weight", "price_formula", "tie_break")}[method]
        return {
            "title": data["title"], "reference": data["reference"], "subject": data["subject"], "method": method,
            "band": data["band"] / 100 if "band" in uses and data.get("band") is not None else None,
            "decision": data["decision"] if "decision" in uses else "",
            "price_weight": data["price_weight"] / 100 if "price_weight" in uses and data.get(
                "price_weight") is not None else None,
            "price_formula": (data["price_formula"] or "ratio") if "price_formula" in uses else "",
            "tie_break": data["tie_break"] if "tie_break" in uses else "",
            "evb_it": data["evb_it"],
            "standards": [standard_from_token(t) for t in data["standards"]],
            "operating_models": data["operating_models"],
        }


def standard_token(entry: dict) -> str:
    return "|".join([entry.get("standard", ""), entry.get("role", ""), entry.get("version", "")])


def standard_from_token(token: str) -> dict:
    standard, role, version = (token.split("|") + ["", "", ""])[:3]
    return {"standard": standard, "role": role, "version": version}


class CatalogueCriteriaForm(forms.Form):
    prefix = "catalogue"
    requirements = forms.MultipleChoiceField(label=_("Requirements of the catalogue"),
                                             widget=forms.CheckboxSelectMultiple)
    parent = forms.ChoiceField(label=_("Add to group"), required=False)

    def __init__(self, *args, requirements, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirements"].choices = [
            (r.code, f"{r.code} – {r.title_de if _lang_de() else r.title_en} ({r.obligation})") for r in requirements]
        self.fields["parent"].choices = [("", gettext("Top level"))] + [(str(g.pk), f"{g.code} {g.title}")
                                                                       for g in groups]


def _lang_de() -> bool:
    from django.utils.translation import get_language

    return not (get_language() or "de").startswith("en")


class CriterionForm(forms.Form):
    prefix = "own"
    kind = forms.ChoiceField(label=_("Kind"), choices=Criterion.Kind.choices, initial=Criterion.Kind.B)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Description"), required=False, max_length=TEXT_MAX, widget=_textarea(3))
    weight = forms.DecimalField(label=_("Weight"), required=False, min_value=0, max_value=100, max_digits=9,
                                decimal_places=3, localize=True,
                                help_text=_("B criteria and groups: the top level adds up to 100; the members of a "
                                            "group add up to the group's weight."))
    parent = forms.ChoiceField(label=_("Group"), required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", gettext("Top level"))] + [(str(g.pk), f"{g.code} {g.title}")
                                                                       for g in groups]

    def clean(self):
        data = super().clean()
        if data.get("kind") in ("B", "group") and data.get("weight") is None:
            self.add_error("weight", gettext("B criteria and groups need a weight."))
        return data


class OfferForm(forms.Form):
    prefix = "offer"
    bidder = forms.CharField(label=_("Bidder"), max_length=NAME_MAX)


# --- parsing the criteria weights and the offer table -----------------------------------------------------------


@dataclass
class FieldError:
    field: str  # the input's name, for the link to it
    message: str


_NUMBER = re.compile(r"^[0-9][0-9.,]*$")


def parse_decimal(text: str) -> Decimal | None:
    """A number as people type it: "1234.5", "1.234,50", "1 234,50 €". None for an empty field; ValueError for
    anything else."""
    text = (text or "").replace("\u00a0", "").replace(" ", "").replace("€", "").strip()
    if not text:
        return None
    negative = text.startswith("-")
    body = text[1:] if negative else text
    if len(body) > 30 or not _NUMBER.match(body):
        raise ValueError(text)
    if "," in body:
        body = body.replace(".", "").replace(",", ".", 1)
        if "," in body:
            raise ValueError(text)
    elif body.count(".") > 1:
        body = body.replace(".", "")  # 1.234.567 as thousands separators
    try:
        value = Decimal(body)
    except InvalidOperation:
        raise ValueError(text) from None
    return -value if negative else value


def parse_weights(post, criteria: list[Criterion]) -> tuple[dict[int, dict], list[FieldError]]:
    changes: dict[int, dict] = {}
    errors: list[FieldError] = []
    for criterion in criteria:
        values: dict = {}
        kind = post.get(f"kind-{criterion.pk}")
        if kind is not None and criterion.kind != Criterion.Kind.GROUP:
            if kind not in ("A", "B"):
                errors.append(FieldError(f"kind-{criterion.pk}", gettext("%(code)s: choose A or B.") % {
                    "code": criterion.code}))
            else:
                values["kind"] = kind
        raw = post.get(f"weight-{criterion.pk}")
        if raw is not None and (values.get("kind", criterion.kind) != Criterion.Kind.A):
            try:
                weight = parse_decimal(raw[:40])
            except ValueError:
                errors.append(FieldError(f"weight-{criterion.pk}", gettext(
                    "%(code)s “%(title)s”: the weight “%(value)s” is not a number.") % {
                    "code": criterion.code, "title": criterion.title, "value": raw[:20]}))
            else:
                if weight is not None and not (0 <= weight <= 100):
                    errors.append(FieldError(f"weight-{criterion.pk}", gettext(
                        "%(code)s “%(title)s”: the weight must lie between 0 and 100.") % {
                        "code": criterion.code, "title": criterion.title}))
                else:
                    values["weight"] = weight
        if values:
            changes[criterion.pk] = values
    return changes, errors


def parse_offer_table(post, offers: list[Offer], criteria: list[Criterion]):
    """({offer pk: price}, {(offer pk, criterion pk): value}, [FieldError]) from the offers table."""
    prices: dict[int, Decimal | None] = {}
    scores: dict[tuple[int, int], int | bool | None] = {}
    errors: list[FieldError] = []
    for offer in offers:
        name = f"price-{offer.pk}"
        if name in post:
            raw = post.get(name, "")
            try:
                price = parse_decimal(raw[:40])
            except ValueError:
                errors.append(FieldError(name, gettext("Price of “%(bidder)s”: “%(value)s” is not a number.") % {
                    "bidder": offer.bidder, "value": raw[:20]}))
            else:
                if price is not None and price < 0:
                    errors.append(FieldError(name, gettext("Price of “%(bidder)s”: a price cannot be negative.") % {
                        "bidder": offer.bidder}))
                elif price is not None and price > MAX_PRICE:
                    errors.append(FieldError(name, gettext("Price of “%(bidder)s”: too large.") % {
                        "bidder": offer.bidder}))
                else:
                    prices[offer.pk] = price.quantize(Decimal("0.01")) if price is not None else None
        for criterion in criteria:
            if criterion.kind == Criterion.Kind.GROUP:
                continue
            name = f"score-{offer.pk}-{criterion.pk}"
            if name not in post:
                continue
            raw = (post.get(name) or "").strip()[:40]
            where = {"bidder": offer.bidder, "code": criterion.code, "title": criterion.title, "value": raw[:20]}
            if criterion.kind == Criterion.Kind.A:
                if raw not in ("", "yes", "no"):
                    errors.append(FieldError(name, gettext("“%(bidder)s”, %(code)s “%(title)s”: choose met or not "
                                                           "met.") % where))
                    continue
                scores[(offer.pk, criterion.pk)] = {"": None, "yes": True, "no": False}[raw]
                continue
            if raw == "":
                scores[(offer.pk, criterion.pk)] = None
                continue
            if not re.fullmatch(r"[0-9]{1,2}", raw) or not 0 <= int(raw) <= 10:
                errors.append(FieldError(name, gettext("“%(bidder)s”, %(code)s “%(title)s”: “%(value)s” is not a "
                                                       "whole number of points from 0 to 10.") % where))
                continue
            scores[(offer.pk, criterion.pk)] = int(raw)
    return prices, scores, errors
