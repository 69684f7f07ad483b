"""Forms of the catalogue's pages: proposals, comments, votes, decisions and publication.

The forms check shape and size only; whether a proposed requirement fits the catalogue is the engine's
verdict (services raise CatalogueRejected), and `add_findings` puts its findings next to the fields.
"""

import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.names import public_name
from lichtermeer.solutions.vocab import HOSTING_MODELS

from . import vocab
from .models import Proposal, Vote

CODE_PATTERN = r"^LM-[A-Z]{2}-[0-9]{2}$"
MAX_REFERENCES = 30
MAX_CHECKS = 30


def _choices(mapping: dict) -> list[tuple[str, str]]:
    return list(mapping.items())


def _category_choices() -> list[tuple[str, str]]:
    from .templatetags.requirements_tags import category_label

    return [("", "–"), *((code, category_label(code)) for code in vocab.CATEGORIES)]


def _date() -> forms.DateInput:
    # ISO dates: what <input type="date"> sends and expects, whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProposalForm(forms.Form):
    """A change proposal: add, change or retire one requirement, with the full proposed text."""

    kind = forms.ChoiceField(label=_("Kind of proposal"), choices=Proposal.Kind.choices, widget=forms.RadioSelect)
    requirement_code = forms.CharField(
        label=_("Requirement id"),
        max_length=20,
        help_text=_("For example LM-DS-01. A new requirement needs an id that was never used before."),
    )
    title = forms.CharField(label=_("Title of the proposal"), max_length=200)
    reasoning = forms.CharField(label=_("Reasoning"), max_length=10000, widget=_textarea(6))
    tightens = forms.BooleanField(
        label=_("The change makes the requirement stricter"),
        required=False,
        help_text=_("A stricter MUSS requirement needs a new major version of the catalogue."),
    )
    category = forms.ChoiceField(label=_("Category"), required=False, choices=_category_choices)
    obligation = forms.ChoiceField(
        label=_("Obligation"), required=False, choices=[("", "–"), *_choices(vocab.OBLIGATIONS)]
    )
    title_de = forms.CharField(label=_("Title (German)"), required=False, max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=300)
    statement_de = forms.CharField(label=_("Requirement (German)"), required=False, max_length=10000,
                                   widget=_textarea(5))
    statement_en = forms.CharField(label=_("Requirement (English)"), required=False, max_length=10000,
                                   widget=_textarea(5))
    rationale_de = forms.CharField(label=_("Rationale (German)"), required=False, max_length=10000,
                                   widget=_textarea(4))
    rationale_en = forms.CharField(label=_("Rationale (English)"), required=False, max_length=10000,
                                   widget=_textarea(4))
    software_types = forms.MultipleChoiceField(
        label=_("Applies to these software types"),
        required=False,
        choices=_choices(vocab.SOFTWARE_TYPES),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: all software types."),
    )
    operating_models = forms.MultipleChoiceField(
        label=_("Applies to these operating models"),
        required=False,
        choices=_choices(HOSTING_MODELS),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None selected: all operating models."),
    )
    evidence = forms.MultipleChoiceField(
        label=_("Accepted evidence"),
        required=False,
        choices=_choices(vocab.EVIDENCE_KINDS),
        widget=forms.CheckboxSelectMultiple,
    )
    checks = forms.CharField(
        label=_("Automated checks"),
        required=False,
        max_length=2000,
        help_text=_("Ids of automated checks, separated by commas. Empty: reviewers decide."),
    )
    references = forms.CharField(
        label=_("References"),
        required=False,
        max_length=10000,
        widget=_textarea(4),
        help_text=_("One per line: source | reference | https address (optional), e.g. "
                    "“DSGVO | Art. 25 | https://eur-lex.europa.eu/…”."),
    )
    review_by = forms.DateField(
        label=_("Review by"),
        required=False,
        widget=_date(),
        help_text=_("The date by which the committee reviews the requirement again."),
    )

    REQUIREMENT_FIELDS = (
        "category", "obligation", "title_de", "title_en", "statement_de", "statement_en", "rationale_de",
        "rationale_en", "software_types", "operating_models", "evidence", "checks", "references", "review_by",
    )

    def clean_requirement_code(self) -> str:
        code = self.cleaned_data["requirement_code"].strip().upper()
        if not re.fullmatch(CODE_PATTERN, code):
            raise forms.ValidationError(_("Use the form LM-XX-NN, for example LM-DS-01."), code="invalid")
        return code

    def clean_checks(self) -> list[str]:
        checks = [c.strip() for c in (self.cleaned_data.get("checks") or "").split(",") if c.strip()]
        if len(checks) > MAX_CHECKS:
            raise forms.ValidationError(_("At most %(limit)d checks."), params={"limit": MAX_CHECKS})
        return list(dict.fromkeys(checks))

    def clean_references(self) -> list[dict]:
        references = []
        lines = [line.strip() for line in (self.cleaned_data.get("references") or "").splitlines() if line.strip()]
        if len(lines) > MAX_REFERENCES:
            raise forms.ValidationError(_("At most %(limit)d references."), params={"limit": MAX_REFERENCES})
        for number, line in enumerate(lines, start=1):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _("Line %(line)d: write “source | reference” or “source | reference | https address”."),
                    params={"line": number},
                )
            reference = {"source": parts[0], "ref": parts[1]}
            if len(parts) == 3 and parts[2]:
                reference["url"] = parts[2]
            references.append(reference)
        return references

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Proposal.Kind.ADD, Proposal.Kind.CHANGE):
            required = ("category", "obligation", "title_de", "title_en", "statement_de", "statement_en",
                        "rationale_de", "rationale_en", "evidence", "references", "review_by")
            for name in required:
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, forms.ValidationError(
                        _("Required when adding or changing a requirement."), code="required"))
        return cleaned

    def proposed(self) -> dict | None:
        """The proposed requirement in the catalogue format (None for retire)."""
        data = self.cleaned_data
        if data["kind"] == Proposal.Kind.RETIRE:
            return None
        requirement = {
            "id": data["requirement_code"],
            "category": data["category"],
            "obligation": data["obligation"],
            "title": {"de": data["title_de"], "en": data["title_en"]},
            "statement": {"de": data["statement_de"], "en": data["statement_en"]},
            "rationale": {"de": data["rationale_de"], "en": data["rationale_en"]},
        }
        applies_to = {key: list(data[key]) for key in ("software_types", "operating_models") if data.get(key)}
        if applies_to:
            requirement["applies_to"] = applies_to
        requirement["evidence"] = list(data["evidence"])
        requirement["checks"] = list(data["checks"])
        requirement["references"] = list(data["references"])
        requirement["review_by"] = data["review_by"].isoformat() if data.get("review_by") else ""
        return requirement

    def add_findings(self, findings) -> None:
        """Engine findings about the proposed requirement, each at the form field it concerns."""
        german = (translation.get_language() or "de").startswith("de")
        for finding in findings:
            message = finding.description_de if german else finding.description
            field = _field_of(str(finding.key or ""))
            self.add_error(field if field in self.fields else None, message)

    @classmethod
    def initial_from(cls, requirement: dict, *, kind: str) -> dict:
        """Prefill from a requirement of the catalogue (a change or retirement starts from the current text)."""
        applies_to = requirement.get("applies_to") or {}
        return {
            "kind": kind,
            "requirement_code": requirement.get("id", ""),
            "category": requirement.get("category", ""),
            "obligation": requirement.get("obligation", ""),
            **{f"{key}_{language}": (requirement.get(key) or {}).get(language, "")
               for key in ("title", "statement", "rationale") for language in ("de", "en")},
            "software_types": applies_to.get("software_types") or [],
            "operating_models": applies_to.get("operating_models") or [],
            "evidence": requirement.get("evidence") or [],
            "checks": ", ".join(requirement.get("checks") or []),
            "references": "\n".join(
                " | ".join(part for part in (r.get("source", ""), r.get("ref", ""), r.get("url", "")) if part)
                for r in requirement.get("references") or []
            ),
            "review_by": requirement.get("review_by", ""),
        }


_FINDING_FIELDS = {
    "id": "requirement_code",
    "category": "category",
    "obligation": "obligation",
    "applies_to.software_types": "software_types",
    "applies_to.operating_models": "operating_models",
    "applies_to": "software_types",
    "evidence": "evidence",
    "checks": "checks",
    "references": "references",
    "review_by": "review_by",
    "title": "title_de",
    "statement": "statement_de",
    "rationale": "rationale_de",
}


def _field_of(key: str) -> str | None:
    """"requirements[12].title.en" -> "title_en"; "changes[0]" (the change as a whole) -> requirement_code."""
    if re.fullmatch(r"changes\[\d+\]", key):
        return "requirement_code"
    key = re.sub(r"^requirements\[\d+\]\.?", "", key)
    key = re.sub(r"\[\d+\].*$", "", key)
    for prefix in ("title", "statement", "rationale"):
        if key in (f"{prefix}.de", f"{prefix}.en"):
            return key.replace(".", "_")
    return _FINDING_FIELDS.get(key)


class _Prefixed(forms.Form):
    """Several small forms share one page: each gets its own element ids ("vote-reason", "conflict-reason")."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class CommentForm(_Prefixed):
    id_prefix = "comment"

    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=_textarea(5),
                           help_text=_("Public, with your name. At most 5,000 characters."))


class ReasonForm(_Prefixed):
    id_prefix = "withdraw"
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=_textarea(3))


class ConflictForm(_Prefixed):
    id_prefix = "conflict"
    reason = forms.CharField(label=_("Your conflict of interest"), max_length=500, widget=_textarea(3),
                             help_text=_("You will not vote on this proposal."))


class RecordConflictForm(_Prefixed):
    """The chair records a conflict of interest for another member (e.g. one the member reported by mail)."""

    id_prefix = "record-conflict"
    member = forms.TypedChoiceField(label=_("Member"), coerce=int, choices=())
    reason = forms.CharField(label=_("Conflict of interest"), max_length=500, widget=_textarea(3),
                             help_text=_("The member will not vote on this proposal."))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(user.pk, public_name(user)) for user in members]


class InterestsForm(_Prefixed):
    id_prefix = "interests"
    declared_interests = forms.CharField(
        label=_("Your declared interests"), required=False, max_length=5000, widget=_textarea(4),
        help_text=_("Employers, clients, shareholdings, honorary posts: whatever could touch the committee's work. "
                    "Public."),
    )


class HideCommentForm(_Prefixed):
    id_prefix = "hide"
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)


class VoteForm(_Prefixed):
    id_prefix = "vote"
    choice = forms.ChoiceField(label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000, widget=_textarea(3))


class DecideForm(_Prefixed):
    id_prefix = "decide"
    reasons = forms.CharField(label=_("Reasons for the decision"), max_length=10000, widget=_textarea(5))


class PublishForm(_Prefixed):
    id_prefix = "publish"
    changelog_de = forms.CharField(label=_("Changelog (German)"), max_length=10000, widget=_textarea(5))
    changelog_en = forms.CharField(label=_("Changelog (English)"), max_length=10000, widget=_textarea(5))
    effective_from = forms.DateField(
        label=_("Effective from"), required=False, widget=_date(),
        help_text=_("Empty: today."),
    )
    transition_until = forms.DateField(
        label=_("Transition period until"), required=False, widget=_date(),
        help_text=_("Empty: the default transition period for major and minor versions, none for patches."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("effective_from"), cleaned.get("transition_until")
        if start and end and end < start:
            self.add_error("transition_until", _("The transition period cannot end before the effective date."))
        return cleaned

    def changelog(self) -> dict:
        return {"de": self.cleaned_data["changelog_de"].strip(), "en": self.cleaned_data["changelog_en"].strip()}
