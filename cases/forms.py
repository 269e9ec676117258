import copy
import re
from datetime import date

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from steps.models import ChecklistItem, Step

from .models import (
    AgendaItem,
    Agreement,
    AppointmentChange,
    BaggageNote,
    Conversation,
    LifeDomain,
    MotivationRecord,
    NetworkMember,
    PersonalSituation,
    Resident,
    Tick,
    Trajectory,
)
from .text import ModelForm, text_field
from .versions import OneTimeKey, VersionedForm

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


SEARCH_LIMIT = 100


class SearchForm(forms.Form):
    """The search box of a list (`?q=`): a few words."""

    q = text_field(label=_("Zoek"), required=False, max_length=SEARCH_LIMIT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = _(
            "Zoek met hooguit %(limit_value)d tekens."
        )

    @property
    def text(self) -> str:
        """The words to search for; none when the search box holds something refused."""
        return self.cleaned_data["q"] if self.is_valid() else ""


class TickForm(forms.Form):
    """A checklist item ticked, unticked, or marked not applicable with a short reason."""

    action = forms.ChoiceField(choices=[("done", "done"), ("undo", "undo"), ("nvt", "nvt")])
    reason = text_field(required=False, max_length=Tick._meta.get_field("reason").max_length)


def date_field(label, *, required=True, required_message=None):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages={
            "required": required_message or _("Vul de datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-1988."),
        },
    )


class ResidentForm(OneTimeKey, VersionedForm):
    date_of_birth = date_field(_("Geboortedatum"), required_message=_("Vul de geboortedatum in."))

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


class NetworkMemberForm(ModelForm):
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


NETWORK_LIMIT = 50


class BaseNetworkFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "Een netwerk telt hier ten hoogste %(num)d mens. Vink bij wie er niet meer toe "
            "doet “verwijderen” aan en sla opnieuw op.",
            "Een netwerk telt hier ten hoogste %(num)d mensen. Vink bij wie er niet meer toe "
            "doet “verwijderen” aan en sla opnieuw op.",
            "num",
        ),
    }


# Two empty blocks: enough for a resident's mother and begeleider in one go. The limit keeps
# the form well under the number of fields a request may carry (DATA_UPLOAD_MAX_NUMBER_FIELDS);
# members marked for removal do not count, so a network that grew past it can be saved smaller.
NetworkFormSet = forms.inlineformset_factory(
    Resident,
    NetworkMember,
    form=NetworkMemberForm,
    formset=BaseNetworkFormSet,
    extra=2,
    can_delete=True,
    max_num=NETWORK_LIMIT,
    validate_max=True,
)


class TrajectoryStatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=Trajectory.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        help_text=_("Nodig als je het traject afsluit."),
        choices=[("", _("Kies de uitkomst")), *Trajectory.Outcome.choices],
        required=False,
    )

    class Meta:
        model = Trajectory
        fields = ["status", "outcome"]

    def clean(self):
        data = super().clean()
        if data.get("status") == Trajectory.Status.CLOSED and not data.get("outcome"):
            self.add_error("outcome", _("Kies de uitkomst: waarmee sluit het traject af?"))
        return data


SCALE_ERROR = _("Kies een getal van 0 tot en met 10.")


def scale_field(label, help_text=""):
    """An optional answer from 0 to 10, refused with a Dutch message outside that range."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=10,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"min_value": SCALE_ERROR, "max_value": SCALE_ERROR, "invalid": SCALE_ERROR},
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M"]


def datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=DateTimeInput,
        error_messages={
            "required": _("Vul de datum en tijd in."),
            "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 14-03-2026 10:30."),
        },
    )


class ConversationForm(OneTimeKey, VersionedForm):
    """Log a conversation that was held (a new one, or a planned one whose time came)."""

    held_at = datetime_field(_("Datum en tijd"))
    ticked_items = forms.ModelMultipleChoiceField(
        label=_("Afgevinkt in dit gesprek"),
        queryset=ChecklistItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Een van deze checklistpunten is niet meer in gebruik. Vink het opnieuw af "
                "vanuit de lijst hieronder."
            )
        },
    )
    check_in_score = scale_field(
        _("Hoe zit de inwoner erbij, in een getal van 0 tot 10?"),
        _("Vraag het de inwoner zelf. Na een paar gesprekken zie je hoe het verloopt."),
    )
    check_out_score = scale_field(_("Met welk gevoel gaat de inwoner weg, van 0 tot 10?"))
    next_appointment = datetime_field(_("Volgende afspraak"), required=False)

    class Meta:
        model = Conversation
        fields = [
            "held_at",
            "kind",
            "setting",
            "participants",
            "check_in",
            "check_in_score",
            "told_decides_too",
            "steps_worked_on",
            "report",
            "check_out",
            "check_out_score",
        ]
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "steps_worked_on": forms.CheckboxSelectMultiple,
            "check_in": forms.Textarea(attrs={"rows": 2}),
            "report": forms.Textarea(attrs={"rows": 6}),
            "check_out": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "kind": {"required": _("Kies de soort gesprek.")},
            "setting": {"required": _("Kies waar het gesprek is.")},
        }

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        _conversation_choices(self, trajectory)
        choices_read_once(self.fields["steps_worked_on"], Step.objects.numbered())
        self.fields["steps_worked_on"].to_field_name = "number"
        choices_read_once(
            self.fields["ticked_items"],
            ChecklistItem.objects.active()
            .filter(step__number=trajectory.current_step)
            .exclude(ticks__trajectory=trajectory, ticks__cycle=trajectory.cycle),
        )

    def clean(self):
        data = super().clean()
        # Logged means held, also for a conversation that was planned.
        self.instance.status = Conversation.Status.HELD
        held_at = data.get("held_at")
        if held_at and held_at > timezone.now():
            self.add_error(
                "held_at",
                _(
                    "Een gevoerd gesprek kan niet in de toekomst liggen. Wil je het nog "
                    "voeren? Plan het dan."
                ),
            )
        next_appointment = data.get("next_appointment")
        if next_appointment and held_at and next_appointment <= held_at:
            self.add_error("next_appointment", _("De volgende afspraak ligt na dit gesprek."))
        return data


class ReadOnce(ModelChoiceIterator):
    """A model choice field's choices read from the database once, when first needed:
    Django's own iterator queries them anew each time the field is checked or drawn
    (the form's template asks whether there are any, then draws them)."""

    def __iter__(self):
        read = getattr(self.field, "_choices_read", None)
        if read is None or read[0] is not self.queryset:
            # The queryset itself, not iterator(): on PostgreSQL that opens a server-side
            # cursor, three round trips for a handful of rows.
            empty = [("", self.field.empty_label)] if self.field.empty_label is not None else []
            choices = [*empty, *(self.choice(obj) for obj in self.queryset)]
            read = self.field._choices_read = (self.queryset, choices)
        return iter(read[1])

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(list(iter(self)))


def choices_read_once(field, queryset) -> None:
    """Give a model choice field its queryset, read once (ReadOnce)."""
    field.iterator = ReadOnce
    field.queryset = queryset


def _conversation_choices(form, trajectory) -> None:
    """Who may join (the resident's network), and the kinds and places with a prompt."""
    choices_read_once(form.fields["participants"], trajectory.resident.network.all())
    form.fields["kind"].choices = [("", _("Kies de soort")), *Conversation.Kind.choices]
    form.fields["setting"].choices = [("", _("Kies waar")), *Conversation.Setting.choices]


def still_to_come(moment):
    if moment and moment <= timezone.now():
        raise forms.ValidationError(
            _("Dit moment is al voorbij. Kies een datum en tijd die nog moet komen.")
        )
    return moment


class PlanningForm(OneTimeKey, VersionedForm):
    """Plan a conversation: when, what kind, where and who comes along; the agenda is its
    formset. Once planned, its time changes by moving it (`MoveForm`), which the
    timeline records, so the form of a planned conversation has no time."""

    held_at = datetime_field(_("Datum en tijd"))

    class Meta:
        model = Conversation
        fields = ["held_at", "kind", "setting", "participants"]
        widgets = {"participants": forms.CheckboxSelectMultiple}
        error_messages = ConversationForm.Meta.error_messages

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.status = Conversation.Status.PLANNED
        _conversation_choices(self, trajectory)
        if not self.instance._state.adding:
            del self.fields["held_at"]

    def clean_held_at(self):
        return still_to_come(self.cleaned_data["held_at"])


class RescheduleForm(VersionedForm):
    """A form about a planned conversation that changes none of its fields itself. After
    a refused late save it shows the conversation as stored now: when, and its status."""

    class Meta:
        model = Conversation
        fields = []

    def _differences(self, current) -> list[dict]:
        return [
            {
                "label": _("Gepland op"),
                "stored": date_format(timezone.localtime(current.held_at), "l j F Y, H:i"),
            },
            {"label": _("Status"), "stored": current.get_status_display()},
        ]


class MoveForm(RescheduleForm):
    """Move a planned conversation to another moment, and say who asked for it."""

    to = datetime_field(_("Nieuwe datum en tijd"))
    asked_by = forms.ChoiceField(
        label=_("Wie vroeg om het verzetten?"),
        choices=AppointmentChange.AskedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie om het verzetten vroeg.")},
    )
    reason = text_field(
        label=_("Reden"),
        required=False,
        max_length=AppointmentChange._meta.get_field("reason").max_length,
    )

    def clean_to(self):
        return still_to_come(self.cleaned_data["to"])


class CloseForm(RescheduleForm):
    """A planned conversation that did not take place: cancelled, or the resident did not
    come. Who cancelled is asked when it was cancelled."""

    what = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=[
            (AppointmentChange.What.CANCELLED, _("Afgezegd")),
            (AppointmentChange.What.NO_SHOW, _("Niet verschenen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of het gesprek is afgezegd of niet doorging.")},
    )
    asked_by = forms.ChoiceField(
        label=_("Wie zegde af?"),
        help_text=_("Alleen als het gesprek is afgezegd."),
        choices=AppointmentChange.AskedBy.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = text_field(
        label=_("Reden of toelichting"),
        required=False,
        max_length=AppointmentChange._meta.get_field("reason").max_length,
    )

    def clean(self):
        data = super().clean()
        if data.get("what") == AppointmentChange.What.CANCELLED and not data.get("asked_by"):
            self.add_error("asked_by", _("Kies wie het gesprek afzegde."))
        return data


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["text", "raised_by", "discussed"]
        error_messages = {"text": {"required": _("Vul het agendapunt in.")}}


class AgreementForm(VersionedForm):
    due_on = date_field(_("Uiterlijk"), required=False)

    class Meta:
        model = Agreement
        fields = ["owner", "network_member", "what", "due_on"]
        error_messages = {
            "what": {"required": _("Vul in wat er is afgesproken.")},
            "owner": {"required": _("Kies wie dit doet.")},
        }

    def __init__(self, *args, network=None, held_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        self.fields["owner"].choices = [("", _("Kies wie")), *Agreement.Owner.choices]
        choices_read_once(
            self.fields["network_member"],
            network if network is not None else NetworkMember.objects.none(),
        )
        self.fields["network_member"].empty_label = _("—")

    def clean(self):
        data = super().clean()
        if data.get("owner") == Agreement.Owner.NETWORK and not data.get("network_member"):
            self.add_error("network_member", _("Kies wie uit het netwerk dit doet."))
        due_on, held_on = data.get("due_on"), self.held_on
        if due_on and held_on and due_on < held_on:
            self.add_error("due_on", _("Deze datum ligt vóór het gesprek. Kies een latere datum."))
        return data


class PlannedAgendaItemForm(AgendaItemForm):
    """An agenda item of a conversation still to come: nothing is discussed yet."""

    class Meta(AgendaItemForm.Meta):
        fields = ["text", "raised_by"]


AgendaFormSet = forms.inlineformset_factory(
    Conversation, AgendaItem, form=AgendaItemForm, extra=3, can_delete=True
)
PlannedAgendaFormSet = forms.inlineformset_factory(
    Conversation, AgendaItem, form=PlannedAgendaItemForm, extra=3, can_delete=True
)


class BaseAgreementFormSet(forms.BaseInlineFormSet):
    """The network's choices read once for all the agreements, not once per form."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        field = form.fields["network_member"]
        if not hasattr(self, "_network_choices"):
            self._network_choices = list(field.choices)
        field.choices = self._network_choices
        return form


AgreementFormSet = forms.inlineformset_factory(
    Conversation,
    Agreement,
    form=AgreementForm,
    formset=BaseAgreementFormSet,
    extra=2,
    can_delete=True,
)


class BaggageNoteForm(OneTimeKey, ModelForm):
    class Meta:
        model = BaggageNote
        fields = ["text", "private", "may_pass_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": _("Schrijf op wat de inwoner vertelt.")}}


class MotivationForm(OneTimeKey, ModelForm):
    recorded_on = date_field(_("Datum"), required_message=_("Vul de datum in."))
    importance = scale_field(_("Hoe belangrijk is werk of meedoen nu? (0 tot 10)"))
    confidence = scale_field(_("Hoeveel vertrouwen heb je dat het lukt? (0 tot 10)"))

    class Meta:
        model = MotivationRecord
        fields = [
            "recorded_on",
            "drives",
            "holds_back",
            "wishes",
            "worries",
            "stage",
            "importance",
            "confidence",
        ]
        widgets = {
            field: forms.Textarea(attrs={"rows": 2})
            for field in ("drives", "holds_back", "wishes", "worries")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Kies de fase")), *MotivationRecord.Stage.choices]
        self.initial.setdefault("recorded_on", timezone.localdate())

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def clean(self):
        data = super().clean()
        filled = [data.get(f) for f in self.Meta.fields[1:]]
        if not any(value not in (None, "") for value in filled):
            raise forms.ValidationError(
                _("Vul minstens één ding in: een drijfveer, een zorg, de fase of een schaalvraag.")
            )
        return data


class SituationForm(VersionedForm):
    """A part of step 2 (a life domain or the picture), saved with a version check
    (version 0: a part not filled in yet)."""

    def _post_clean(self):
        # The form checks a copy: the part it was given stays as stored, for the
        # service to compare with what was typed (services.save_situation).
        self.instance = copy.copy(self.instance)
        super()._post_clean()

    def values(self) -> dict:
        """The part's fields with the values typed, for services.save_situation."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class LifeDomainForm(SituationForm):
    class Meta:
        model = LifeDomain
        fields = ["situation", "wish", "limits", "helps", "phase"]
        widgets = {
            field: forms.Textarea(attrs={"rows": 2})
            for field in ("situation", "wish", "limits", "helps")
        }
        help_texts = {
            "phase": _(
                "Verkennen: uitzoeken wat de inwoner wil. Kiezen: een keuze maken. "
                "Verkrijgen: het gekozene krijgen. Behouden: het vasthouden."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Nog niet bekend")), *LifeDomain.Phase.choices]

    def clean(self):
        data = super().clean()
        if self.instance._state.adding and not any(data.get(f) for f in self.Meta.fields):
            raise forms.ValidationError(
                _(
                    "Vul minstens één ding in: hoe het nu gaat, een wens, wat belemmert, wat helpt "
                    "of de fase."
                )
            )
        return data


class PersonalSituationForm(SituationForm):
    class Meta:
        model = PersonalSituation
        fields = ["wanting", "able", "picture", "recognised", "reaction"]
        widgets = {
            "wanting": forms.Textarea(attrs={"rows": 3}),
            "able": forms.Textarea(attrs={"rows": 3}),
            "picture": forms.Textarea(attrs={"rows": 4}),
            "recognised": forms.RadioSelect,
            "reaction": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "wanting": _("Willen: wat wil de inwoner, en hoe graag?"),
            "able": _("Kunnen: wat kan de inwoner, en wat maakt het nu lastig?"),
            "picture": _("Ons beeld"),
            "recognised": _("Herkent de inwoner zich in dit beeld?"),
            "reaction": _("Reactie van de inwoner, in eigen woorden"),
        }
        help_texts = {
            "picture": _(
                "Vat samen wat je van de inwoner weet, in gewone woorden. Lees het voor of laat "
                "het lezen: herkent hij of zij zich erin?"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognised"].choices = [
            ("", _("Nog niet aan de inwoner voorgelegd")),
            *PersonalSituation.Recognised.choices,
        ]

    def clean(self):
        data = super().clean()
        recognised, reaction = data.get("recognised"), data.get("reaction", "").strip()
        if recognised and not data.get("picture", "").strip() and "picture" not in self.errors:
            self.add_error(
                "picture",
                _("Schrijf eerst ons beeld op: daarin herkent de inwoner zich wel of niet."),
            )
        if reaction and not recognised:
            self.add_error("recognised", _("Kies of de inwoner zich herkent in het beeld."))
        not_wholly = (PersonalSituation.Recognised.PARTLY, PersonalSituation.Recognised.NO)
        if recognised in not_wholly and not reaction and "reaction" not in self.errors:
            self.add_error(
                "reaction",
                _("Schrijf op wat de inwoner zei: waarin herkent hij of zij zich niet?"),
            )
        return data
