"""Reading the access log: a resident's overview, and the privacy officer's searches."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AccessLogChange, AccessLogEntry, Action, Result

# The page or function an entry was made by, as a resident or privacy officer reads it.
PURPOSES = {
    "accounts:login": _("Inloggen"),
    "accounts:verify": _("Inloggen: code"),
    "accounts:enrol": _("Inloggen: app instellen"),
    "accounts:logout": _("Uitloggen"),
    "accounts:password_set": _("Wachtwoord instellen"),
    "home": _("Startpagina"),
    "cases:today": _("Vandaag"),
    "cases:residents": _("Lijst van inwoners"),
    "cases:resident": _("Dossier"),
    "cases:resident_create": _("Inwoner inschrijven"),
    "cases:resident_edit": _("Gegevens van de inwoner"),
    "cases:resident_access_log": _("Wie heeft dit dossier ingezien"),
    "cases:resident_access_log_pdf": _("Wie heeft dit dossier ingezien (pdf)"),
    "cases:baggage": _("Bagage"),
    "cases:signal_create": _("Systeemkritiek signaleren"),
    "cases:my_signals": _("Mijn signalen"),
    "cases:case_review_request": _("Casus inbrengen"),
    "cases:trajectory_start": _("Traject starten"),
    "cases:trajectory": _("Traject"),
    "cases:step": _("Stap in het traject"),
    "cases:tick": _("Checklist afvinken"),
    "cases:move_step": _("Naar een andere stap"),
    "cases:new_round": _("Nieuwe ronde"),
    "cases:trajectory_status": _("Status van het traject"),
    "cases:situation": _("Situatie (stap 2)"),
    "cases:life_domain": _("Levensgebied (stap 2)"),
    "cases:motivation": _("Drijfveren (stap 3)"),
    "cases:plan": _("Doel-actieplan"),
    "cases:plan_pdf": _("Doel-actieplan (pdf)"),
    "cases:plan_together": _("Doel-actieplan samen"),
    "cases:plan_decision": _("Besluit"),
    "cases:plan_evaluation": _("Evaluatie"),
    "cases:plan_max_options": _("Keuzekaart"),
    "cases:plan_part_create": _("Doel-actieplan"),
    "cases:plan_part_edit": _("Doel-actieplan"),
    "cases:plan_part_remove": _("Doel-actieplan"),
    "cases:plan_part_move": _("Doel-actieplan"),
    "cases:evaluation_ics": _("Evaluatiedatum in de agenda"),
    "cases:conversation_create": _("Gesprek vastleggen"),
    "cases:conversation": _("Gesprek"),
    "cases:conversation_edit": _("Gesprek vastleggen"),
    "cases:conversation_move": _("Gesprek verzetten"),
    "cases:conversation_close": _("Gesprek ging niet door"),
    "cases:agreements_pdf": _("Afsprakenbriefje"),
    "cases:appointment_ics": _("Afspraak in de agenda"),
    "cases:trajectory_documents": _("Documenten"),
    "cases:handed_over_document": _("Meegegeven document"),
    "cases:agreement_done": _("Afspraak afvinken"),
    "cases:agreement_edit": _("Afspraak wijzigen"),
    "cases:team": _("Teamoverzicht"),
    "cases:team_csv": _("Teamoverzicht (csv)"),
    "cases:reassign": _("Overdragen"),
    "cases:overdue_evaluations": _("Evaluaties te laat"),
    "cases:indicators": _("Kernpunten"),
    "cases:indicators_csv": _("Kernpunten (csv)"),
    "cases:check_ins_csv": _("Check-in (csv)"),
    "cases:indicator_list": _("Kernpunten: de rijen"),
    "cases:team_signals": _("Systeemkritiek van het team"),
    "cases:signal_respond": _("Systeemkritiek beantwoorden"),
    "cases:case_review_agenda": _("Casuïstiekbespreking"),
    "cases:case_review_plan": _("Casuïstiekbespreking"),
    "cases:case_review_outcome": _("Casuïstiekbespreking"),
    "cases:offers": _("Aanbod"),
    "cases:restriction": _("Verwerking beperken"),
    "cases:erasure": _("Dossier wissen"),
    "cases:copy": _("Inzage voor de inwoner"),
    "cases:copy_download": _("Inzage voor de inwoner (download)"),
    "cases:destruction_lists": _("Vernietigen"),
    "cases:destruction_approve": _("Vernietigen"),
    "cases:destruction_refuse": _("Vernietigen"),
    "cases:access_log": _("Logboek"),
    "cases:access_log_csv": _("Logboek (csv)"),
}


def purpose_label(purpose: str) -> str:
    if purpose.startswith("admin:"):
        return str(_("Beheer"))
    return str(PURPOSES.get(purpose, purpose))


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def moments(self) -> tuple[datetime, datetime]:
        """From the start of the first day to the start of the day after the last."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, zone),
            datetime.combine(self.end + timedelta(days=1), time.min, zone),
        )


def entries_in(period: Period) -> QuerySet[AccessLogEntry]:
    """A plain range on the time, which the indexes serve (no cast to a date)."""
    start, end = period.moments
    return AccessLogEntry.objects.filter(at__gte=start, at__lt=end).select_related(
        "user", "target_user"
    )


def described(entries) -> list[dict]:
    """Rows of a page of entries: each with its role and page in words and the changed
    fields of personal data (one query for those, whatever the page's length)."""
    changes = {}
    for change in AccessLogChange.objects.filter(entry__in=[e.pk for e in entries]):
        changes.setdefault(change.entry_id, []).append(change)
    return [
        {
            "entry": entry,
            "role": role_label(entry.role),
            "purpose": purpose_label(entry.purpose),
            "changes": changes.get(entry.pk, []),
        }
        for entry in entries
    ]


def about_resident(resident_id, period: Period) -> QuerySet[AccessLogEntry]:
    """Everything done with one resident's file, newest first."""
    return entries_in(period).filter(resident_id=resident_id)


# What was done, in the words of the resident's overview (plain Dutch, B1).
IN_PLAIN_WORDS = {
    Action.READ: _("Bekeken"),
    Action.CREATE: _("Ingeschreven of toegevoegd"),
    Action.CHANGE: _("Veranderd"),
    Action.DELETE: _("Weggehaald"),
    Action.PRINT: _("Afgedrukt"),
    Action.MAIL: _("Gemaild"),
    Action.EXPORT: _("In een lijst gezet"),
    Action.SEARCH: _("Gezocht"),
    Action.HAND_OVER: _("Overgedragen aan een andere consulent"),
}


@dataclass(frozen=True)
class Look:
    """One line of the resident's overview: who did what on one day, and how often."""

    day: date
    role: str
    name: str
    action: str
    purposes: list[str]
    times: int
    refused: bool


def looks_by_day(entries) -> list[Look]:
    """The resident's overview, told per day, person and action rather than per click."""
    grouped: dict[tuple, dict] = {}
    for entry in entries:
        key = (
            timezone.localdate(entry.at),
            entry.user_id,
            entry.action,
            entry.result == Result.REFUSED,
        )
        group = grouped.setdefault(key, {"entry": entry, "purposes": [], "times": 0})
        group["times"] += 1
        label = purpose_label(entry.purpose)
        if label not in group["purposes"]:
            group["purposes"].append(label)
    return [
        Look(
            day=day,
            role=role_label(group["entry"].role),
            name=str(group["entry"].user) if group["entry"].user else "",
            action=str(
                IN_PLAIN_WORDS.get(group["entry"].action, group["entry"].get_action_display())
            ),
            purposes=group["purposes"],
            times=group["times"],
            refused=refused,
        )
        for (day, _user, _action, refused), group in grouped.items()
    ]


def role_label(role: str) -> str:
    from cases.models import User

    return str(dict(User.Role.choices).get(role, role))


def outside_working_hours(entries: QuerySet) -> QuerySet:
    """Entries in the weekend or outside WORKING_HOURS_START to _END, local time."""
    return entries.annotate(
        local_hour=ExtractHour("at"), local_weekday=ExtractIsoWeekDay("at")
    ).filter(
        Q(local_weekday__gte=6)
        | Q(local_hour__lt=settings.WORKING_HOURS_START)
        | Q(local_hour__gte=settings.WORKING_HOURS_END)
    )


def failed_logins(period: Period) -> QuerySet:
    return entries_in(period).filter(
        Q(action=Action.LOG_IN, result=Result.FAILED) | Q(action=Action.LOCK_OUT)
    )


def failed_logins_per_day(period: Period) -> list[dict]:
    """Failed logins and lockouts per day, the busiest first."""
    return list(
        failed_logins(period)
        .annotate(day=TruncDate("at"))
        .values("day")
        .annotate(failed=Count("pk", filter=Q(action=Action.LOG_IN)))
        .annotate(lockouts=Count("pk", filter=Q(action=Action.LOCK_OUT)))
        .order_by("-failed", "-day")[:10]
    )


def failed_logins_per_account(period: Period) -> list[dict]:
    """Failed logins per account (none: a username that names no account), most first."""
    return list(
        failed_logins(period)
        .values("user", "user__username")
        .annotate(failed=Count("pk", filter=Q(action=Action.LOG_IN)))
        .annotate(lockouts=Count("pk", filter=Q(action=Action.LOCK_OUT)))
        .order_by("-failed", "user")[:10]
    )
