"""Forms of the assessment pages: the application with its evidence files, reviews, the chair's decisions,
releasing reviewers and declaring conflicts of interest.

The forms check shape and size only; whether an action is allowed now is the services' answer (they raise
AssessmentError), so pages and API refuse the same things.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.models import Organisation

from .labels import EVIDENCE_KINDS
from .models import Application

JUDGEMENTS = [("pass", _("met")), ("fail", _("not met"))]
OUTCOMES = [
    (Application.Status.ADMITTED, _("Admit")),
    (Application.Status.RETURNED, _("Return for changes")),
    (Application.Status.REJECTED, _("Reject")),
]


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class _Prefixed(forms.Form):
    """Several small forms share one page: each gets its own element ids."""

    id_prefix = ""

    def __init__(self, *args, id_prefix: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"{id_prefix or self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


# --- applying -----------------------------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (OpenAPI descriptions: one per interface)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _file(kind: str, help_text) -> forms.FileField:
    return forms.FileField(label=EVIDENCE_KINDS[kind], required=False, help_text=help_text)


class ApplicationForm(forms.Form):
    """One field per kind of evidence, so every file arrives with its kind (no JavaScript needed)."""

    publiccode = _file("publiccode", _("Optional. Without a file, the publiccode.yml of the current listing is used."))
    sbom = _file("sbom", _("CycloneDX or SPDX as JSON, for the licence and vulnerability checks."))
    openapi = MultipleFileField(label=EVIDENCE_KINDS["openapi"], required=False,
                                help_text=_("One file per interface (JSON or YAML); you can select several."))
    securitytxt = _file("securitytxt", _("The security.txt of the solution's website (RFC 9116)."))
    a11y = _file("a11y", _("The JSON report of an axe-core run over the solution's pages."))
    declarations = _file("declarations", _("The provider's declarations as JSON: processing location, data "
                                           "processing agreement, export formats, attestations."))
    use_listing_publiccode = forms.BooleanField(
        label=_("Use the publiccode.yml of the listing when no file is uploaded"), required=False, initial=True)

    KINDS = ("publiccode", "sbom", "openapi", "securitytxt", "a11y", "declarations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = False
        limit = filesizeformat(settings.EVIDENCE_MAX_FILE_BYTES)
        for kind in self.KINDS:
            self.fields[kind].help_text = f"{self.fields[kind].help_text} " + str(
                _("At most %(limit)s per file.") % {"limit": limit})

    def _uploads(self, kind: str) -> list:
        value = self.cleaned_data.get(kind)
        if not value:
            return []
        return list(value) if isinstance(value, list) else [value]

    def clean(self):
        cleaned = super().clean()
        count, total = 0, 0
        for kind in self.KINDS:
            for upload in self._uploads(kind):
                count += 1
                total += upload.size
                if upload.size > settings.EVIDENCE_MAX_FILE_BYTES:
                    self.too_large = True
                    self.add_error(kind, _("%(name)s is larger than %(limit)s.") % {
                        "name": upload.name, "limit": filesizeformat(settings.EVIDENCE_MAX_FILE_BYTES)})
        if count > settings.EVIDENCE_MAX_FILES:
            self.add_error(None, _("At most %(limit)d evidence files.") % {"limit": settings.EVIDENCE_MAX_FILES})
        if total > settings.EVIDENCE_MAX_TOTAL_BYTES:
            self.too_large = True
            self.add_error(None, _("All files together are larger than %(limit)s.") % {
                "limit": filesizeformat(settings.EVIDENCE_MAX_TOTAL_BYTES)})
        if not count and not cleaned.get("use_listing_publiccode"):
            self.add_error(None, _("Upload at least one evidence file."))
        return cleaned

    def files_for_service(self) -> list[tuple[str, str, bytes]]:
        """(kind, file name, content) for services.apply; uploads above the memory limit come from temp files."""
        return [(kind, upload.name, b"".join(upload.chunks())) for kind in self.KINDS for upload in self._uploads(kind)]


# --- reviewing and deciding ---------------------------------------------------------------------------------


class ReviewForm(forms.Form):
    """One judgement (met or not met) and its reasoning for every requirement open for review."""

    def __init__(self, *args, requirements=(), titles=None, **kwargs):
        kwargs.setdefault("auto_id", "review-%s")
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        self.titles = titles or {}
        for row in self.requirements:
            self.fields[f"verdict_{row.code}"] = forms.ChoiceField(
                label=_("%(code)s: is the requirement met?") % {"code": row.code}, choices=JUDGEMENTS,
                widget=forms.RadioSelect)
            self.fields[f"reason_{row.code}"] = forms.CharField(
                label=_("Reasoning for %(code)s") % {"code": row.code}, max_length=5000, widget=_textarea(3))

    def rows(self):
        """(requirement verdict, its title {de, en}, judgement field, reasoning field), ordered by requirement."""
        return [(row, self.titles.get(row.code, {}), self[f"verdict_{row.code}"], self[f"reason_{row.code}"])
                for row in self.requirements]

    def judgements(self) -> dict[str, tuple[str, str]]:
        return {row.code: (self.cleaned_data[f"verdict_{row.code}"], self.cleaned_data[f"reason_{row.code}"])
                for row in self.requirements}


class DisputeForm(_Prefixed):
    """The chair decides one requirement the reviewers disagree on."""

    id_prefix = "dispute"
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    verdict = forms.ChoiceField(label=_("Your decision"), choices=JUDGEMENTS, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons"), max_length=5000, widget=_textarea(3))


class DecisionForm(_Prefixed):
    id_prefix = "decision"
    outcome = forms.ChoiceField(label=_("Decision"), choices=OUTCOMES, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("Reasons for the decision"), max_length=10000, widget=_textarea(5),
                              help_text=_("Published in the assessment report."))


class ReleaseForm(_Prefixed):
    """Release a reviewer (the reviewer themselves, or the chair replacing them); a replacement is assigned."""

    id_prefix = "release"
    reviewer = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ConflictForm(_Prefixed):
    id_prefix = "conflict"
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          empty_label="–")
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("For example: employer, client or competitor. You will not be assigned to "
                                         "review its solutions."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only providers have solutions to review; every municipality would make the list unusable.
        self.fields["organisation"].queryset = (Organisation.objects.filter(solutions__isnull=False).distinct()
                                                .order_by("name"))
