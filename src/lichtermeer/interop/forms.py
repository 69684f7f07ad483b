"""Forms of the operator's register pages. They check shape and size; the services validate the entry against
the whole register (the engine's rules) and say what is wrong where."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lichtermeer.engines.interop import CATEGORIES, KINDS, RULES
from lichtermeer.textinput import strip_control
from lichtermeer.web.labels import value_label

from .labels import CATEGORY_LABELS, KIND_LABELS, ROLE_PAIRS, RULE_LABELS
from .models import Standard

MAX_LINES = 100


def _lines(value: str) -> list[str]:
    return [line.strip() for line in strip_control(value).splitlines() if line.strip()]


class StandardForm(forms.Form):
    id = forms.CharField(label=_("Register id"), max_length=64,
                         help_text=_("Lower-case letters, digits and single hyphens, e.g. ogc-api-features. It names "
                                     "the standard in every declaration and in its address; it cannot be changed."))
    name = forms.CharField(label=_("Name"), max_length=120)
    uri = forms.URLField(label=_("Official specification (address)"), max_length=500, assume_scheme="https")
    category = forms.ChoiceField(label=_("Category"), choices=[(c, CATEGORY_LABELS[c]) for c in CATEGORIES])
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, KIND_LABELS[k]) for k in KINDS])
    maintainer = forms.CharField(label=_("Maintainer"), max_length=120, required=False,
                                 help_text=_("The body that publishes the standard, e.g. ETSI, OGC, KoSIT."))
    versions = forms.CharField(label=_("Versions"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                               max_length=5000, help_text=_("One version per line, e.g. 1.6.1."))
    compatibility = forms.ChoiceField(label=_("Version compatibility"), widget=forms.RadioSelect,
                                      choices=[(r, RULE_LABELS[r]) for r in RULES], initial="exact")
    groups = forms.CharField(label=_("Version groups"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=5000,
                             help_text=_("Only for “versions in the same group”: one group per line, its versions "
                                         "separated by commas, e.g. 1.0, 1.1."))
    roles = forms.MultipleChoiceField(label=_("Role pairs that connect"), widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Providing role first: a server connects with a client."))
    description_de = forms.CharField(label=_("Description (German)"), widget=forms.Textarea(attrs={"rows": 3}),
                                     max_length=500)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}),
                                     max_length=500)

    FIELD_OF_PATH = {"id": "id", "name": "name", "uri": "uri", "category": "category", "kind": "kind",
                     "maintainer": "maintainer", "versions": "versions", "compatibility": "compatibility",
                     "groups": "groups", "roles": "roles", "description": "description_de"}

    def __init__(self, *args, standard: Standard | None = None, **kwargs):
        if standard is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {
                "id": standard.id, "name": standard.name, "uri": standard.uri, "category": standard.category,
                "kind": standard.kind, "maintainer": standard.maintainer, "versions": "\n".join(standard.versions),
                "compatibility": standard.compatibility,
                "groups": "\n".join(", ".join(group) for group in standard.version_groups or []),
                "roles": [f"{p}/{c}" for p, c in standard.roles or []],
                "description_de": standard.description_de, "description_en": standard.description_en,
            }
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(f"{p}/{c}", f"{value_label('role', p)} – {value_label('role', c)}")
                                        for p, c in ROLE_PAIRS]
        if standard is not None:
            del self.fields["id"]

    def clean_id(self) -> str:
        return strip_control(self.cleaned_data["id"])

    def clean_versions(self) -> list[str]:
        versions = _lines(self.cleaned_data["versions"])
        if len(versions) > MAX_LINES:
            raise forms.ValidationError(_("At most %(n)s versions.") % {"n": MAX_LINES})
        return versions

    def clean_groups(self) -> list[list[str]]:
        groups = [[v.strip() for v in line.split(",") if v.strip()] for line in _lines(self.cleaned_data["groups"])]
        if len(groups) > MAX_LINES:
            raise forms.ValidationError(_("At most %(n)s groups.") % {"n": MAX_LINES})
        return groups

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": strip_control(data["name"]), "uri": data["uri"], "category": data["category"],
            "kind": data["kind"], "maintainer": strip_control(data.get("maintainer", "")),
            "versions": data["versions"], "compatibility": data["compatibility"], "groups": data["groups"],
            "roles": [pair.split("/", 1) for pair in data["roles"]],
            "description_de": strip_control(data["description_de"]),
            "description_en": strip_control(data["description_en"]),
        }

    def add_problems(self, problems) -> None:
        """The services' problems (paths like `versions[1]`) as errors of the fields they concern."""
        for problem in problems:
            head = re.split(r"[.\[]", problem.path, maxsplit=1)[0] if problem.path else ""
            field = self.FIELD_OF_PATH.get(head)
            if head == "description" and problem.path.endswith(".en"):
                field = "description_en"
            message = problem.en if (get_language() or "de").startswith("en") else problem.de
            where = problem.path if problem.path not in ("", field) else ""
            self.add_error(field if field in self.fields else None, f"{where}: {message}" if where else message)


class AdapterForm(forms.Form):
    from_standard = forms.ChoiceField(label=_("A provider of"))
    to_standard = forms.ChoiceField(label=_("reaches a consumer of"))
    both_ways = forms.BooleanField(label=_("Works both ways"), required=False)
    via_de = forms.CharField(label=_("Via (German)"), max_length=500,
                             help_text=_("What bridges the two, e.g. „IoT-Agent für MQTT (FIWARE)“."))
    via_en = forms.CharField(label=_("Via (English)"), max_length=500)

    def __init__(self, *args, adapter=None, **kwargs):
        if adapter is not None and not args and "data" not in kwargs:
            kwargs["initial"] = {"from_standard": adapter.from_standard_id, "to_standard": adapter.to_standard_id,
                                 "both_ways": adapter.both_ways, "via_de": adapter.via_de, "via_en": adapter.via_en}
        super().__init__(*args, **kwargs)
        choices = list(Standard.objects.order_by("name").values_list("id", "name"))
        self.fields["from_standard"].choices = choices
        self.fields["to_standard"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("from_standard") and data.get("from_standard") == data.get("to_standard"):
            self.add_error("to_standard", _("An adapter connects two different standards."))
        for key in ("via_de", "via_en"):
            if key in data:
                data[key] = strip_control(data[key])
        return data


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
