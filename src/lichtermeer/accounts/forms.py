from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation
from .services import TOKEN_NAME_MAX_LENGTH


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=TOKEN_NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. “export to our procurement system”."),
    )


class MembershipRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        help_text=_("Your organisation is not listed? Write to the operator of this platform."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        help_text=_("Provider editors describe their organisation's solutions; "
                    "municipal staff act for a municipality or another public body."),
    )
