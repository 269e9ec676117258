"""Forms of the doel-actieplan. Each part form carries the version the user saw."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import date_field
from cases.models import (
    Action,
    Decision,
    Evaluation,
    Goal,
    NetworkMember,
    Offer,
    Option,
    OptionAnswer,
    OptionQuestion,
    Plan,
    SubGoal,
)
from cases.text import text_field
from cases.versions import OneTimeKey, VersionedForm

from .models import CARD_FIELDS


def textarea(rows=2):
    return forms.Textarea(attrs={"rows": rows})


class GoalForm(OneTimeKey, VersionedForm):
    class Meta:
        model = Goal
        fields = ["in_own_words", "paraphrase", "domain", "why_it_matters", "feasibility"]
        widgets = {
            "in_own_words": textarea(3),
            "paraphrase": textarea(),
            "why_it_matters": textarea(),
            "feasibility": textarea(),
        }
        error_messages = {
            "in_own_words": {"required": _("Schrijf het doel op zoals de inwoner het zegt.")},
            "domain": {"required": _("Kies of het doel over werk, participatie of beide gaat.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", _("Kies een gebied")), *Goal.Domain.choices]


class SubGoalForm(OneTimeKey, VersionedForm):
    class Meta:
        model = SubGoal
        fields = ["text", "formulated_by"]
        error_messages = {"text": {"required": _("Schrijf het subdoel op.")}}


class OptionForm(OneTimeKey, VersionedForm):
    """A column of the choice card; the resident's own questions are extra fields."""

    class Meta:
        model = Option
        fields = ["offer", "title", *CARD_FIELDS]
        widgets = {
            field: textarea()
            for field in ("helps_goal", "expected_of_resident", "expected_of_us", "pros", "cons")
        }

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.active()
        self.fields["offer"].empty_label = _("Niet uit het aanbod: vul zelf een naam in")
        self.fields["offer"].help_text = _(
            "Kies je uit het aanbod, dan vult de tijd zich vanzelf in als die leeg is."
        )
        self.fields["title"].required = False
        self.fields["title"].label = _("Of een eigen naam")
        if self.instance.is_waiting:
            for name in ("offer", "title"):
                del self.fields[name]
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            self.fields[f"vraag_{question.pk}"] = text_field(
                max_length=OptionAnswer._meta.get_field("text").max_length,
                label=question.text,
                required=False,
                widget=textarea(),
                initial=answers.get(question.pk, ""),
            )

    def clean(self):
        data = super().clean()
        if self.instance.is_waiting:
            return data
        offer = data.get("offer")
        if not data.get("title"):
            if offer is None:
                self.add_error(
                    "title", _("Kies iets uit het aanbod of geef de mogelijkheid een naam.")
                )
            else:
                data["title"] = offer.name
        if offer is not None and not data.get("time"):
            data["time"] = ", ".join(v for v in (offer.hours_per_week, offer.duration) if v)
        return data

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"vraag_{q.pk}", "") for q in self.questions}

    def question_fields(self):
        return [self[f"vraag_{q.pk}"] for q in self.questions]


class QuestionForm(OneTimeKey, VersionedForm):
    class Meta:
        model = OptionQuestion
        fields = ["text"]
        error_messages = {"text": {"required": _("Schrijf de vraag van de inwoner op.")}}


class ActionForm(OneTimeKey, VersionedForm):
    due_on = date_field(_("Wanneer"), required_message=_("Vul in wanneer dit gebeurd moet zijn."))

    class Meta:
        model = Action
        fields = ["owner", "network_member", "provider", "what", "due_on", "status"]
        error_messages = {
            "what": {"required": _("Vul in wat er moet gebeuren.")},
            "owner": {"required": _("Kies wie dit doet.")},
        }

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Kies wie")), *Action.Owner.choices]
        self.fields["network_member"].queryset = (
            network if network is not None else NetworkMember.objects.none()
        )
        self.fields["network_member"].empty_label = "—"

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if owner == Action.Owner.NETWORK and not data.get("network_member"):
            self.add_error("network_member", _("Kies wie uit het netwerk dit doet."))
        if owner == Action.Owner.PROVIDER and not data.get("provider", "").strip():
            self.add_error("provider", _("Vul in welke aanbieder dit doet."))
        return data


class MaxOptionsForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["max_options"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_options"].choices = [("", _("Geen voorkeur"))] + [
            (n, _("Hooguit %(n)s") % {"n": n}) for n in range(2, 7)
        ]


class DecisionForm(VersionedForm):
    evaluation_on = date_field(
        _("Evaluatie op"), required_message=_("Plan de evaluatie: vul een datum in.")
    )

    class Meta:
        model = Decision
        fields = ["option", "in_own_words", "enough_information", "satisfaction", "evaluation_on"]
        help_texts = {
            "in_own_words": _("Laat de inwoner zelf zeggen wat jullie besloten hebben."),
        }
        widgets = {
            "in_own_words": textarea(3),
            "option": forms.RadioSelect,
            "enough_information": forms.RadioSelect,
            "satisfaction": forms.RadioSelect,
        }
        error_messages = {
            "option": {"required": _("Kies de mogelijkheid waarvoor jullie samen kiezen.")},
            "enough_information": {"required": _("Vraag of de inwoner genoeg informatie had.")},
            "satisfaction": {"required": _("Vraag hoe tevreden de inwoner is over het besluit.")},
        }

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = options
        self.fields["option"].empty_label = None

    def clean_evaluation_on(self):
        day = self.cleaned_data["evaluation_on"]
        if day < (self.instance.decided_on or timezone.localdate()):
            raise forms.ValidationError(
                _("De evaluatie ligt na het besluit. Kies een latere datum.")
            )
        return day


class EvaluationForm(VersionedForm):
    held_on = date_field(_("Geëvalueerd op"))

    class Meta:
        model = Evaluation
        fields = ["held_on", "what_changed", "how_it_helps", "next_step"]
        widgets = {
            "what_changed": textarea(3),
            "how_it_helps": textarea(),
            "next_step": forms.RadioSelect,
        }
        error_messages = {
            "what_changed": {"required": _("Schrijf op wat er voor de inwoner veranderd is.")},
            "next_step": {"required": _("Kies samen hoe het verder gaat.")},
        }

    def __init__(self, *args, decided_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decided_on = decided_on
        self.initial.setdefault("held_on", timezone.localdate())

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        if self.decided_on and day < self.decided_on:
            raise forms.ValidationError(_("De evaluatie kan niet vóór het besluit liggen."))
        return day
