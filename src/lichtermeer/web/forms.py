from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Your message"),
            "page_url": _("Address (URL) of the page concerned"),
            "name": _("Your name"),
            "email": _("Your e-mail address"),
        }
        help_texts = {
            "message": _("Describe the barrier: what did you try to do, and what did not work?"),
            "page_url": _("Optional. We fill in the page you came from if we know it."),
            "name": _("Optional."),
            "email": _("Optional. Only if you would like an answer."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.TextInput(attrs={"autocomplete": "url"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please describe the barrier."))
        return message
