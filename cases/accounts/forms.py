from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code (eight letters
    and digits). Spaces, as apps show them (123 456), are left out."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        error_messages={"required": _("Vul de code in.")},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class EnrolForm(CodeForm):
    """Enrolment: the first code from the app, which shows that it was set up right."""

    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("Zes cijfers. De app maakt elke 30 seconden een nieuwe."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Vul de code uit de app in.")},
    )

    def clean_code(self):
        code = super().clean_code()
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("De code bestaat uit zes cijfers, zoals 123456."))
        return code
