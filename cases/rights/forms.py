"""What the consultant and the team lead fill in to restrict, erase or refuse to erase."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import date_field
from cases.models import Resident
from cases.text import ModelForm, text_field

from .models import ErasureRequest


class RestrictionForm(ModelForm):
    class Meta:
        model = Resident
        fields = ["restriction_reason"]
        labels = {"restriction_reason": _("Waarom wordt de verwerking beperkt?")}
        help_texts = {
            "restriction_reason": _(
                "Bijvoorbeeld: de inwoner betwist dat de gegevens kloppen, of maakt bezwaar. "
                "Iedereen die het dossier opent, ziet deze reden."
            )
        }
        error_messages = {"restriction_reason": {"required": _("Schrijf op waarom.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restriction_reason"].required = True


class ErasureRequestForm(ModelForm):
    class Meta:
        model = ErasureRequest
        fields = ["reason", "explanation"]
        widgets = {"reason": forms.RadioSelect, "explanation": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "reason": {"required": _("Kies waarom het dossier weg moet.")},
            "explanation": {"required": _("Schrijf op wat er is gebeurd.")},
        }


class ErasureDecisionForm(forms.Form):
    ground = text_field(
        max_length=500,
        label=_("Waarom mag het toch weg?"),
        required=False,
        help_text=_(
            "Alleen nodig als er nog een bewaartermijn loopt. Noem de grond, bijvoorbeeld "
            "AVG artikel 17 lid 1. Noem geen namen: dit komt in het logboek."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CopyForm(forms.Form):
    asked_on = date_field(
        _("Wanneer vroeg de inwoner erom?"),
        required_message=_("Vul in wanneer de inwoner erom vroeg."),
    )

    def clean_asked_on(self):
        asked_on = self.cleaned_data["asked_on"]
        if asked_on > timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in de toekomst."))
        return asked_on
