"""Forms of the register's pages. They check shape and size; the services decide what is allowed."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lichtermeer.engines.mdk import load_taxonomy
from lichtermeer.municipalities.models import Municipality
from lichtermeer.textinput import strip_control

from . import selectors
from .models import Source

MAX_SCHEDULE_HOURS = 24 * 30


def category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The Musterdatenkatalog V4 concepts grouped by Thema (for a <select> with <optgroup>s)."""
    taxonomy = load_taxonomy()
    grouped: dict[str, list[tuple[str, str]]] = {}
    for concept in taxonomy.concepts.values():
        grouped.setdefault(concept.thema, []).append((concept.uri, concept.bezeichnung))
    return [(thema, sorted(items, key=lambda item: item[1].casefold()))
            for thema, items in sorted(grouped.items(), key=lambda item: item[0].casefold())]


class CategoryForm(forms.Form):
    uri = forms.ChoiceField(label=_("Musterdatenkatalog category"),
                            help_text=_("Choose the Thema and Bezeichnung that fit this dataset."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uri"].choices = category_choices()


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("For example “Open-Data-Portal Musterstadt”."))
    kind = forms.ChoiceField(label=_("Kind of source"), choices=Source.Kind.choices, widget=forms.RadioSelect,
                             initial=Source.Kind.DCAT)
    url = forms.URLField(label=_("Address of the catalogue"), max_length=500, assume_scheme="https",
                         help_text=_("DCAT: the catalogue file or endpoint, e.g. https://example.org/catalog.rdf. "
                                     "CKAN: the portal's address, e.g. https://daten.example.org."))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None,
                                          help_text=_("The organisation that publishes the data."))
    municipality = forms.CharField(label=_("Municipality (AGS)"), required=False, max_length=8,
                                   help_text=_("Eight digits, e.g. 09162000. Leave empty to use the organisation's "
                                               "municipality."))
    schedule_hours = forms.IntegerField(label=_("Harvest every … hours"), min_value=1, max_value=MAX_SCHEDULE_HOURS,
                                        initial=24)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_for(user)

    def clean_name(self) -> str:
        name = strip_control(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please enter a name."))
        return name

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Only http and https addresses can be harvested."))
        return url

    def clean_municipality(self) -> Municipality | None:
        ags = (self.cleaned_data.get("municipality") or "").strip()
        if not ags:
            return None
        if not re.fullmatch(r"[0-9]{8}", ags):
            raise forms.ValidationError(_("An AGS has exactly eight digits."))
        town = Municipality.objects.filter(ags=ags).first()
        if town is None:
            raise forms.ValidationError(_("Unknown AGS: %(keys)s") % {"keys": ags})
        return town
