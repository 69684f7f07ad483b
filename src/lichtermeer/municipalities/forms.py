"""Forms of the municipal pages. They check shape and size; the services decide what is allowed."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lichtermeer.solutions.models import Solution
from lichtermeer.textinput import strip_control

from . import vocab
from .models import InventoryEntry, Municipality, OperatingModel, UrbanDataPlatform

AGS_LIST_MAX = 100
_AGS_TOKEN = re.compile(r"[^\s,;]+")


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def parse_ags_list(text: str, *, exclude: Municipality | None = None) -> list[Municipality]:
    """Municipalities from AGS keys separated by spaces, commas, semicolons or lines (ValidationError if one
    is malformed or unknown)."""
    tokens = list(dict.fromkeys(_AGS_TOKEN.findall(text or "")))
    if len(tokens) > AGS_LIST_MAX:
        raise forms.ValidationError(_("At most %(max)d municipalities.") % {"max": AGS_LIST_MAX})
    malformed = [t for t in tokens if not re.fullmatch(r"[0-9]{8}", t)]
    if malformed:
        raise forms.ValidationError(
            _("An AGS has exactly eight digits: %(keys)s") % {"keys": ", ".join(malformed[:5])[:200]})
    found = {m.ags: m for m in Municipality.objects.filter(ags__in=tokens)}
    unknown = [t for t in tokens if t not in found]
    if unknown:
        raise forms.ValidationError(_("Unknown AGS: %(keys)s") % {"keys": ", ".join(unknown[:5])})
    return [found[t] for t in tokens if exclude is None or t != exclude.ags]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name, AGS or postcode"), required=False, max_length=100)
    land = forms.CharField(label=_("Land"), required=False, max_length=2)

    def clean_land(self) -> str:
        land = self.cleaned_data["land"]
        return land if re.fullmatch(r"[0-9]{2}", land or "") else ""


def public_solutions():
    return Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES).order_by("name")


class _SolutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.slug})"


class InventoryForm(forms.Form):
    """An entry of the inventory. `kind` decides between a listed solution and an unlisted one."""

    status = forms.ChoiceField(label=_("Status"), choices=InventoryEntry.Status.choices)
    since = forms.DateField(label=_("Since"), required=False, widget=_date())
    operating_model = forms.ChoiceField(label=_("Operating model"), choices=OperatingModel.choices)
    operator_name = forms.CharField(label=_("Operator"), required=False, max_length=200,
                                    help_text=_("Who runs it, e.g. a municipal IT service provider."))
    shared_with = forms.CharField(
        label=_("Shared with (AGS)"), required=False, max_length=2000, widget=_textarea(2),
        help_text=_("Official municipality keys (eight digits) of the municipalities sharing it, separated by "
                    "spaces or commas."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000, widget=_textarea(3))

    def __init__(self, *args, municipality: Municipality, kind: str = "listed", solutions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality, self.kind = municipality, kind
        fields = {}
        if kind == "listed":
            queryset = solutions if solutions is not None else public_solutions()
            fields["solution"] = _SolutionChoiceField(
                label=_("Solution"), queryset=queryset, to_field_name="slug", empty_label="–",
                help_text=_("Listed solutions (not drafts). Use the search above to narrow the list."),
            )
        elif kind == "unlisted":
            fields["unlisted_name"] = forms.CharField(label=_("Name of the solution"), max_length=200)
            fields["unlisted_url"] = forms.URLField(label=_("Web address"), required=False, max_length=200,
                                                    assume_scheme="https")
            fields["unlisted_vendor"] = forms.CharField(label=_("Vendor"), required=False, max_length=200)
        self.fields = {**fields, **self.fields}

    def clean_shared_with(self) -> list[Municipality]:
        return parse_ags_list(self.cleaned_data["shared_with"])

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("shared_with", None)
        for key in ("operator_name", "notes", "unlisted_name", "unlisted_vendor"):
            if key in data:
                data[key] = strip_control(data[key])
        return data

    @classmethod
    def initial_from(cls, entry: InventoryEntry) -> dict:
        return {
            "status": entry.status, "since": entry.since, "operating_model": entry.operating_model,
            "operator_name": entry.operator_name, "notes": entry.notes,
            "shared_with": " ".join(m.ags for m in entry.shared_with.all()),
            "unlisted_name": entry.unlisted_name, "unlisted_url": entry.unlisted_url,
            "unlisted_vendor": entry.unlisted_vendor,
            "solution": entry.solution.slug if entry.solution_id else None,
        }


class ContactForm(forms.Form):
    function = forms.CharField(label=_("Your function"), required=False, max_length=200,
                               help_text=_("For example: Smart City coordinator, head of IT."))
    show_publicly = forms.BooleanField(label=_("Show my name and function on the municipality page"),
                                       required=False)
    accepts_reuse_requests = forms.BooleanField(
        label=_("Forward reuse requests to me by e-mail"), required=False,
        help_text=_("Your address is never shown; you answer the requester directly if you wish."),
    )


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("Name of the platform"), max_length=200)
    url = forms.URLField(label=_("Web address"), required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(label=_("Description"), required=False, max_length=5000, widget=_textarea(4))
    components = forms.CharField(
        label=_("Components"), required=False, max_length=10_000, widget=_textarea(4),
        help_text=_("One per line, e.g. FIWARE Orion-LD, CKAN, Grafana (at most 50)."),
    )
    standards = forms.MultipleChoiceField(
        label=_("Standards supported"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(code, label) for code, label in vocab.PLATFORM_STANDARDS.items()],
    )
    hosting = forms.ChoiceField(label=_("Hosting"), choices=OperatingModel.choices)
    operator_name = forms.CharField(label=_("Operator"), required=False, max_length=200)
    co_use = forms.ChoiceField(label=_("Co-use by other municipalities"), choices=UrbanDataPlatform.CoUse.choices,
                               widget=forms.RadioSelect, initial=UrbanDataPlatform.CoUse.ON_REQUEST)

    def clean_components(self) -> list[str]:
        lines = [strip_control(line) for line in self.cleaned_data["components"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 50:
            raise forms.ValidationError(_("At most 50 components."))
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("A component name has at most 200 characters."))
        return list(dict.fromkeys(lines))

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("name", "description", "operator_name"):
            data[key] = strip_control(data[key])
        return data

    @classmethod
    def initial_from(cls, platform: UrbanDataPlatform) -> dict:
        return {
            "name": platform.name, "url": platform.url, "description": platform.description,
            "components": "\n".join(platform.components or []), "standards": list(platform.standards or []),
            "hosting": platform.hosting, "operator_name": platform.operator_name, "co_use": platform.co_use,
        }


def inventory_solutions(municipality: Municipality):
    """The listed solutions in the municipality's current inventory (for reports, reuse requests)."""
    ids = municipality.inventory.filter(removed_at__isnull=True, solution__isnull=False).values("solution_id")
    return Solution.objects.filter(pk__in=ids).order_by("name")


class ReportForm(forms.Form):
    solution = _SolutionChoiceField(label=_("Solution"), queryset=Solution.objects.none(), to_field_name="slug",
                                    empty_label="–")
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, widget=forms.RadioSelect,
        choices=[(1, _("1 – poor")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 – very good"))],
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Report"), max_length=10_000, widget=_textarea(8),
                           help_text=_("What worked, what did not, what would you do differently? The operator "
                                       "checks the report before it is published."))

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].queryset = inventory_solutions(municipality)


class SharedServiceForm(forms.Form):
    name = forms.CharField(label=_("Name of the shared service"), max_length=200)
    solution = _SolutionChoiceField(label=_("Solution"), queryset=Solution.objects.none(), to_field_name="slug",
                                    required=False, empty_label="–")
    members = forms.CharField(
        label=_("Participating municipalities (AGS)"), max_length=2000, widget=_textarea(3),
        help_text=_("Official municipality keys (eight digits), separated by spaces or commas. Your "
                    "municipality takes part as operator."),
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=5000, widget=_textarea(4))

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["solution"].queryset = public_solutions()

    def clean_members(self) -> list[Municipality]:
        return parse_ags_list(self.cleaned_data["members"], exclude=self.municipality)


class ReuseRequestForm(forms.Form):
    solution = _SolutionChoiceField(label=_("About which solution?"), queryset=Solution.objects.none(),
                                    to_field_name="slug", required=False, empty_label=_("General question"))
    message = forms.CharField(
        label=_("Your question"), min_length=10, max_length=3000, widget=_textarea(6),
        help_text=_("We forward it by e-mail to the municipality's contacts; they answer you directly. Your name "
                    "and e-mail address are passed on, theirs stay hidden."),
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["solution"].queryset = inventory_solutions(municipality)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", _("Publish")), ("reject", _("Reject"))],
                                 widget=forms.RadioSelect, label=_("Decision"))
    note = forms.CharField(label=_("Reason (required when rejecting)"), required=False, max_length=500)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Give a reason for rejecting the report."))
        return cleaned


class PlatformFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), required=False, max_length=100)
    standard = forms.ChoiceField(label=_("Standard"), required=False,
                                 choices=lambda: [("", _("All standards")), *vocab.PLATFORM_STANDARDS.items()])
    co_use = forms.ChoiceField(label=_("Co-use"), required=False,
                               choices=lambda: [("", _("Any")), *UrbanDataPlatform.CoUse.choices])
    land = forms.CharField(label=_("Land"), required=False, max_length=2)

    def clean_land(self) -> str:
        land = self.cleaned_data["land"]
        return land if re.fullmatch(r"[0-9]{2}", land or "") else ""

    def filters(self) -> dict:
        if not self.is_valid():
            return {"standard": "", "co_use": "", "land": "", "query": ""}
        data = self.cleaned_data
        return {"standard": data["standard"], "co_use": data["co_use"], "land": data["land"],
                "query": " ".join(data["q"].split())}
