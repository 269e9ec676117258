"""Everything stored about a resident, for their copy (AVG art. 15): one structure that
becomes the PDF in plain Dutch and the JSON file, with a description of every field.

Which models hold a resident's data is not listed by hand: every model of the cases app
whose rows belong to a resident (through the foreign keys a row cannot be without) is
in the export, so a new model is in it from the day it is made. What a row holds is
every field a person typed or the application recorded about the resident; the
technical ones (ids, versions, one-time keys, the bytes of a PDF) are left out.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.logbook.models import AccessLogEntry
from cases.logbook.selectors import IN_PLAIN_WORDS, purpose_label, role_label
from cases.models import Resident

# Each section's title, in the words of the resident's copy; the order is the PDF's.
TITLES = {
    "Resident": _("Over jou"),
    "NetworkMember": _("Mensen om je heen"),
    "Trajectory": _("Je trajecten"),
    "StepChange": _("De stappen in je traject"),
    "Tick": _("Wat we per stap hebben gedaan"),
    "Conversation": _("Je gesprekken"),
    "AgendaItem": _("Onderwerpen van de gesprekken"),
    "AppointmentChange": _("Afspraken die verzet of afgezegd zijn"),
    "Agreement": _("Afspraken"),
    "LifeDomain": _("Hoe het gaat op elk levensgebied"),
    "PersonalSituation": _("Ons beeld van jouw situatie"),
    "SituationChange": _("Wat er in dat beeld veranderde"),
    "MotivationRecord": _("Wat je drijft, en je cijfers"),
    "Plan": _("Je doel-actieplan"),
    "Goal": _("Je doelen"),
    "SubGoal": _("Tussendoelen"),
    "Option": _("Keuzemogelijkheden"),
    "OptionQuestion": _("Je eigen vragen bij de keuzes"),
    "OptionAnswer": _("Antwoorden op die vragen"),
    "Decision": _("Je keuzes"),
    "Action": _("Wie doet wat"),
    "Evaluation": _("Evaluaties"),
    "PlanChange": _("Wat er in je plan veranderde"),
    "HandedOverDocument": _("Papieren die je kreeg"),
    "Reassignment": _("Een andere consulent"),
    "CaseReview": _("Besproken met het team"),
    "Signal": _("Wat je zei over regels en instanties"),
    "BaggageNote": _("Wat je ons vertelde over vroeger"),
    "ErasureRequest": _("Verzoek om je gegevens te wissen"),
}
# Models that hold a resident's data but are not part of their copy, and why.
NOT_IN_THE_COPY = {
    # The copies themselves: each holds an earlier export.
    "SubjectAccessExport",
}
# Fields of no meaning to the resident: ids, versions, one-time keys, the PDF's bytes,
# and the link to the resident or trajectory the section already follows.
TECHNICAL = {"id", "version", "submission", "pdf", "position", "resident", "search_name"}
# Labels for fields whose model gives none of its own (its name then stands in English).
LABELS = {
    "trajectory": _("traject"),
    "conversation": _("gesprek"),
    "plan": _("plan"),
    "goal": _("doel"),
    "question": _("vraag"),
    "item": _("checklistpunt"),
    "created_by": _("vastgelegd door"),
    "created_at": _("vastgelegd op"),
    "changed_by": _("veranderd door"),
    "changed_at": _("veranderd op"),
    "ticked_by": _("afgevinkt door"),
    "ticked_at": _("afgevinkt op"),
    "recorded_by": _("vastgelegd door"),
    "evaluated_by": _("geëvalueerd door"),
    "decided_by": _("besloten door"),
    "requested_by": _("gevraagd door"),
    "requested_at": _("gevraagd op"),
    "signalled_by": _("gesignaleerd door"),
    "written_by": _("geschreven door"),
    "written_at": _("geschreven op"),
    "by": _("door"),
    "at": _("op"),
    "from_step": _("van stap"),
    "to_step": _("naar stap"),
    "responded_at": _("beantwoord op"),
    "subject": _("onderdeel"),
    "changes": _("wat er veranderde"),
}


def label(f) -> str:
    """A field's label: its verbose name, unless the model gave it none."""
    if f.name in LABELS and str(f.verbose_name) == f.name.replace("_", " "):
        return str(LABELS[f.name])
    return str(f.verbose_name)


def resident_path(model, depth=0) -> str | None:
    """The lookup from `model` to its resident's id, if its rows belong to a resident:
    through the foreign keys a row cannot be without first."""
    if model is Resident:
        return "pk"
    if depth > 5:
        return None
    links = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model]
    for link in sorted(links, key=lambda link: link.null):
        inner = resident_path(link.related_model, depth + 1)
        if inner is not None:
            return f"{link.name}__{inner}"
    return None


def models_about_residents() -> list[type[models.Model]]:
    """Every model of the cases app whose rows belong to a resident, in the copy's order."""
    found = [
        model
        for model in apps.get_app_config("cases").get_models()
        if model.__name__ not in NOT_IN_THE_COPY and resident_path(model) is not None
    ]
    order = list(TITLES)
    return sorted(found, key=lambda m: order.index(m.__name__) if m.__name__ in order else 999)


@dataclass
class Section:
    key: str  # the model's name: the JSON's key
    title: str
    fields: list[tuple[str, str, str]]  # (key, label, what it means)
    rows: list[dict] = field(default_factory=list)  # key -> shown value
    # On paper instead of the rows, when they are many: a line per month and person.
    summary: list[str] | None = None

    def records(self) -> list[list[tuple[str, str]]]:
        """Each row as the PDF shows it: the filled-in fields, by their label."""
        return [
            [(_as_question(name), row[key]) for key, name, _meaning in self.fields if row[key]]
            for row in self.rows
        ]


@dataclass
class Copy:
    resident: Resident
    made_at: datetime
    sections: list[Section]

    def as_json(self) -> bytes:
        document = {
            "gemaakt_op": self.made_at.isoformat(timespec="seconds"),
            "inwoner": str(self.resident.pk),
            "onderdelen": {
                section.key: {"titel": str(section.title), "rijen": section.rows}
                for section in self.sections
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode()

    def field_descriptions(self) -> str:
        """What every key of the JSON file means, in Dutch: uitleg.txt beside it."""
        lines = [
            "Uitleg bij inzage.json",
            "",
            "gemaakt_op: wanneer dit overzicht is gemaakt.",
            "inwoner: het nummer van je dossier.",
            "onderdelen: per soort gegevens de titel en de rijen. Elke rij heeft deze velden:",
        ]
        for section in self.sections:
            lines += ["", f"{section.key} ({section.title})"]
            lines += [
                f"  {key}: {label}" + (f". {meaning}" if meaning else "")
                for key, label, meaning in section.fields
            ]
        return "\n".join(lines) + "\n"


def gather(resident: Resident, *, at=None) -> Copy:
    """Everything stored about `resident`, section by section, and the access log's rows
    about their file (when, who in which role, what, why)."""
    sections = []
    for model in models_about_residents():
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.name not in TECHNICAL and not (f.is_relation and f.related_model is Resident)
        ]
        related = [f.name for f in fields if f.is_relation]
        rows = model._default_manager.filter(**{resident_path(model): resident.pk})
        section = Section(
            key=model.__name__,
            title=TITLES.get(model.__name__, model._meta.verbose_name_plural),
            fields=[(f.name, label(f), str(f.help_text)) for f in fields],
        )
        if related:
            rows = rows.select_related(*related)
        for row in rows.order_by("pk"):
            section.rows.append({f.name: shown(row, f) for f in fields})
        sections.append(section)
    sections.append(access_log_section(resident))
    return Copy(resident=resident, made_at=at or timezone.now(), sections=sections)


def access_log_section(resident) -> Section:
    section = Section(
        key="Logboek",
        title=_("Wie je dossier heeft ingezien"),
        fields=[
            ("wanneer", "wanneer", ""),
            ("wie", "wie", "naam van de medewerker"),
            ("rol", "rol", ""),
            ("wat", "wat er gebeurde", ""),
            ("waar", "op welke pagina", ""),
            ("resultaat", "resultaat", "toegestaan, geweigerd of mislukt"),
        ],
    )
    months: dict[tuple, int] = {}
    for entry in (
        AccessLogEntry.objects.filter(resident_id=resident.pk)
        .select_related("user")
        .order_by("at", "id")
    ):
        what = str(IN_PLAIN_WORDS.get(entry.action, entry.get_action_display()))
        month = date_format(timezone.localtime(entry.at), "F Y")
        who = f"{entry.user or _('onbekend')} ({role_label(entry.role).lower()})"
        key = (month, who, what.lower())
        months[key] = months.get(key, 0) + 1
        section.rows.append(
            {
                "wanneer": _moment(entry.at),
                "wie": str(entry.user) if entry.user else "",
                "rol": role_label(entry.role),
                "wat": what,
                "waar": purpose_label(entry.purpose),
                "resultaat": entry.get_result_display(),
            }
        )
    # Years of looks are thousands of rows: on paper a line per month, person and action
    # (the JSON file and the overview per day, /inwoners/<id>/ingezien.pdf, have each one).
    section.summary = [
        _("%(month)s: %(who)s, %(what)s, %(n)s keer") % {"month": m, "who": w, "what": a, "n": n}
        for (m, w, a), n in months.items()
    ]
    return section


def _as_question(name: str) -> str:
    """ "Waar" becomes "Waar:", a label that asks already ("Wat is er besproken?") stays."""
    name = name[:1].upper() + name[1:]
    return name if name.endswith(("?", ":")) else f"{name}:"


def shown(row, f) -> str:
    """A field's value as the resident reads it."""
    value = getattr(row, f.name)
    if value is None or value == "":
        return ""
    if f.choices:
        return str(getattr(row, f"get_{f.name}_display")())
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "j F Y H:i")
