"""The team's forms: a handover, a case for the casuïstiekbespreking, a signal and its answer,
and the period of the core points."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import date_field
from cases.models import CaseReview, Reassignment, Resident, Signal, User
from cases.text import ModelForm, text_field
from cases.versions import OneTimeKey, VersionedForm


class ReassignForm(forms.Form):
    residents = forms.ModelMultipleChoiceField(
        label=_("Inwoners"),
        queryset=Resident.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één inwoner om over te dragen."),
            "invalid_choice": _("Een van deze inwoners hoort niet (meer) bij je team."),
        },
    )
    to_consultant = forms.ModelChoiceField(
        label=_("Overdragen aan"),
        queryset=User.objects.none(),
        empty_label=_("Kies een consulent"),
        error_messages={"required": _("Kies aan wie je overdraagt.")},
    )
    reason = text_field(
        label=_("Reden"),
        max_length=Reassignment._meta.get_field("reason").max_length,
        error_messages={"required": _("Schrijf kort op waarom je overdraagt.")},
    )
    handover_note = text_field(
        label=_("Overdrachtsnotitie"),
        max_length=Reassignment._meta.get_field("handover_note").max_length,
        help_text=_("Wat moet de nieuwe consulent weten, en wat is er met de inwoner afgesproken?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat de nieuwe consulent moet weten.")},
    )

    def __init__(self, *args, residents, consultants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residents"].queryset = residents
        self.fields["to_consultant"].queryset = consultants

    def clean(self):
        data = super().clean()
        to, chosen = data.get("to_consultant"), data.get("residents")
        if to and chosen:
            already = [r.full_name for r in chosen if r.consultant_id == to.pk]
            if already:
                self.add_error(
                    "to_consultant",
                    _("%(names)s heeft deze consulent al.") % {"names": ", ".join(already)},
                )
        return data


class CaseReviewRequestForm(OneTimeKey, ModelForm):
    class Meta:
        model = CaseReview
        fields = ["question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "question": {"required": _("Schrijf de vraag op die je aan het team wilt stellen.")}
        }


class CaseReviewPlanForm(VersionedForm):
    meeting_on = date_field(
        _("Bespreken op"), required_message=_("Kies de datum van de bespreking.")
    )

    class Meta:
        model = CaseReview
        fields = ["meeting_on"]


class CaseReviewOutcomeForm(VersionedForm):
    class Meta:
        model = CaseReview
        fields = ["outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"outcome": {"required": _("Schrijf het advies en de afspraken op.")}}

    def __init__(self, *args, **kwargs):
        # Its row also holds the date's form, with the same prefix: its own ids keep the
        # two version fields apart (one id per page, as HTML asks).
        kwargs.setdefault("auto_id", "uitkomst-%s")
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True  # blank until the case is discussed


class SignalForm(OneTimeKey, ModelForm):
    class Meta:
        model = Signal
        fields = ["category", "description", "share_identity"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "category": {"required": _("Kies waar de kritiek over gaat.")},
            "description": {"required": _("Schrijf op wat de inwoner zegt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Kies een onderwerp")), *Signal.Category.choices]
        self.fields["description"].help_text = _(
            "Noem de inwoner hier niet bij naam: je teamleider ziet alleen deze tekst, "
            "tenzij je hieronder aanvinkt dat hij of zij mag zien om wie het gaat."
        )


class SignalResponseForm(VersionedForm):
    class Meta:
        model = Signal
        fields = ["status", "response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"status": {"required": _("Kies de status.")}}

    def clean(self):
        data = super().clean()
        if data.get("status") != Signal.Status.NEW and not data.get("response", "").strip():
            self.add_error(
                "response",
                _(
                    "Schrijf op wat er met het signaal gebeurt: "
                    "de consulent vertelt het de inwoner."
                ),
            )
        return data


def default_start() -> date:
    """The first day of the month five months ago: six months including this one."""
    return (timezone.localdate().replace(day=1) - timedelta(days=150)).replace(day=1)


class PeriodForm(forms.Form):
    van = date_field(_("Van"), required=False)
    tot = date_field(_("Tot en met"), required=False)
    consulent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("van", self.default_start())
        self.initial.setdefault("tot", timezone.localdate())

    def default_start(self) -> date:
        return default_start()

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data

    def period(self) -> tuple[date, date]:
        """The chosen period; by default the last six months up to today."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("van") or self.default_start(), data.get("tot") or timezone.localdate()
