"""Forms of the solution catalogue's web pages. Hostile input: size and encoding are checked here."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.selectors import editable_organisations

from . import vocab


def _choices(mapping: dict) -> list[tuple[str, str]]:
    return list(mapping.items())


class DescribeForm(forms.Form):
    """publiccode.yml pasted or uploaded, the organisation it is listed for, and optional platform facts."""

    content = forms.CharField(
        label=_("Paste publiccode.yml"),
        required=False,
        strip=False,
        help_text=_("Paste the content of your publiccode.yml here, or upload the file below."),
        widget=forms.Textarea(attrs={"rows": 16, "class": "lm-code-input", "spellcheck": "false"}),
    )
    upload = forms.FileField(
        label=_("Or upload publiccode.yml"),
        required=False,
        help_text=_("A UTF-8 text file of at most 1 MiB. An uploaded file replaces pasted text."),
        widget=forms.ClearableFileInput(attrs={"accept": ".yml,.yaml,application/yaml,text/yaml,text/plain"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        help_text=_(
            "The organisation that offers the solution. You can choose organisations you are an editor of."
        ),
        error_messages={"invalid_choice": _("You may not describe solutions for this organisation.")},
    )
    domains = forms.MultipleChoiceField(
        label=_("Domains"),
        required=False,
        choices=_choices(vocab.DOMAINS),
        widget=forms.CheckboxSelectMultiple,
    )
    hosting_models = forms.MultipleChoiceField(
        label=_("Hosting models"),
        required=False,
        choices=_choices(vocab.HOSTING_MODELS),
        widget=forms.CheckboxSelectMultiple,
    )
    price_model = forms.ChoiceField(
        label=_("Price model"),
        required=False,
        choices=[("", _("Not specified")), *_choices(vocab.PRICE_MODELS)],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = editable_organisations(user).order_by("name")
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1 and not self.is_bound:
            self.initial.setdefault("organisation", organisations.first().pk)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        limit = settings.PUBLICCODE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is too large (%(size)s bytes). "
                    "publiccode.yml files may have at most %(limit)s bytes (1 MiB)."
                ),
                code="too_large",
                params={"size": upload.size, "limit": limit},
            )
        raw = upload.read(limit + 1)
        return _decode(raw)

    def clean_content(self) -> str:
        content = self.cleaned_data.get("content") or ""
        if len(content.encode("utf-8", errors="replace")) > settings.PUBLICCODE_MAX_BYTES:
            raise forms.ValidationError(
                _("The text is too long. publiccode.yml files may have at most 1 MiB."), code="too_large"
            )
        return content

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("upload") or cleaned.get("content") or ""
        if not self.errors and not text.strip():
            self.add_error("content", _("Paste the content of publiccode.yml or upload the file."))
        cleaned["text"] = text
        return cleaned

    def facts(self) -> dict:
        facts = {
            "domains": list(self.cleaned_data.get("domains") or []),
            "hosting_models": list(self.cleaned_data.get("hosting_models") or []),
        }
        if self.cleaned_data.get("price_model"):
            facts["price_model"] = self.cleaned_data["price_model"]
        return facts


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise forms.ValidationError(
            _(
                "The file is not UTF-8 text (invalid byte at position %(position)s). "
                "Save it as UTF-8 and try again."
            ),
            code="encoding",
            params={"position": error.start},
        ) from error
    if "\x00" in text:
        raise forms.ValidationError(_("The file contains NUL bytes and is not a text file."), code="binary")
    return text
