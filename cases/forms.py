import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import NetworkMember, Resident

# What a consultant may type: the browser's date picker sends ISO dates, a
# keyboard user or an older browser Dutch ones.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
PHONE = re.compile(r"^\+?[\d\s()-]+$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def clean_phone_number(value: str) -> str:
    value = value.strip()
    if value and (not PHONE.match(value) or len(re.sub(r"\D", "", value)) < 10):
        raise forms.ValidationError(
            _("Vul een telefoonnummer in met minstens tien cijfers, bijvoorbeeld 06-12345678.")
        )
    return value


CHANNEL_NEEDS = {
    Resident.Channel.EMAIL: {
        "email": _("Vul een e-mailadres in: de inwoner wil afspraken per e-mail ontvangen."),
    },
    Resident.Channel.WHATSAPP: {
        "phone": _("Vul een mobiel nummer in: de inwoner wil afspraken via WhatsApp."),
    },
    Resident.Channel.POST: {
        field: _("Vul het adres aan: de inwoner wil afspraken per post ontvangen.")
        for field in ("street_address", "postcode", "city")
    },
}


class ResidentForm(forms.ModelForm):
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages={
            "required": _("Vul de geboortedatum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-1988."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "infix",
            "last_name",
            "date_of_birth",
            "phone",
            "email",
            "street_address",
            "postcode",
            "city",
            "preferred_channel",
            "language",
            "needs_interpreter",
            "notes",
        ]
        error_messages = {
            "first_name": {"required": _("Vul de voornaam in.")},
            "last_name": {"required": _("Vul de achternaam in.")},
            "email": {"invalid": _("Dit is geen e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl.")},
            "language": {"required": _("Vul de taal in waarin de inwoner het liefst praat.")},
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "preferred_channel": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("De geboortedatum ligt in de toekomst."))
        if born < date(today.year - 110, today.month, 1):
            raise forms.ValidationError(_("Deze geboortedatum is meer dan 110 jaar geleden."))
        return born

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not value.strip():
            return ""
        match = POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(
                _("Een postcode is vier cijfers en twee letters, bijvoorbeeld 6811 AB.")
            )
        return f"{match[1]} {match[2].upper()}"

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if (
            channel == Resident.Channel.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email", _("Vul een e-mailadres in: de inwoner wil afspraken per e-mail ontvangen.")
            )
        if (
            channel == Resident.Channel.WHATSAPP
            and not data.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error(
                "phone", _("Vul een mobiel nummer in: de inwoner wil afspraken via WhatsApp.")
            )
        if channel == Resident.Channel.POST:
            for field in ("street_address", "postcode", "city"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(
                        field, _("Vul het adres aan: de inwoner wil afspraken per post ontvangen.")
                    )
        return data


class NetworkMemberForm(forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "role", "relation", "phone", "email", "joins_conversations"]
        error_messages = {
            "name": {"required": _("Vul de naam in.")},
            "role": {"required": _("Kies de rol.")},
            "email": {"invalid": _("Dit is geen e-mailadres. Bijvoorbeeld: naam@voorbeeld.nl.")},
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Kies een rol")), *NetworkMember.Role.choices]

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])


# Two empty blocks: enough for a resident's mother and begeleider in one go.
NetworkFormSet = forms.inlineformset_factory(
    Resident, NetworkMember, form=NetworkMemberForm, extra=2, can_delete=True
)
