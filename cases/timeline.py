"""The dossier's timeline: everything that happened around a resident, newest first,
and what comes next (the next appointment).

Entries are built as plain text here rather than in the template: the
dossier renders them on every visit, and Python strings are much cheaper
than template lookups.

The rows are read with one SQL statement: per kind asked for, its newest rows
(each kind limited, so the cost does not grow with the history), combined
with UNION ALL. It is written out rather than built with the ORM because the
dossier runs it on every visit, and building and compiling seven querysets
took fifteen times as long as running this one statement (3 ms against
0.2 ms). Every kind selects into the same typed slots (`SLOTS`) and names its
own columns, so that the rows read as dictionaries below.

Each kind is declared once, as a `Kind` in `KINDS`: its label in the filter,
whether the dossier shows it by default, its share of the statement (`Part`)
and how a row becomes its entries.
"""

import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from steps.models import ChecklistItem, ChecklistItemWording, Step

from .models import (
    Agreement,
    AppointmentChange,
    CaseReview,
    Conversation,
    HandedOverDocument,
    LifeDomain,
    NetworkMember,
    PersonalSituation,
    PlanChange,
    Reassignment,
    Resident,
    SituationChange,
    StepChange,
    Tick,
    Trajectory,
    User,
)


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    title: str
    url: str = ""
    text: str = ""
    whole_day: bool = False

    # Formatted here rather than with the template's date filter, which took
    # three times as long for the same text.
    @property
    def when(self) -> str:
        return date_format(timezone.localtime(self.at), "j b Y" if self.whole_day else "j b Y, H:i")

    @property
    def iso(self) -> str:
        return timezone.localtime(self.at).isoformat(timespec="seconds")


# The columns every kind selects into, in this order, named by the type of value
# they hold: a moment, a day, an object's id as text, three whole numbers and five
# texts. A kind leaves the slots it does not need empty: a NULL of the slot's type,
# so that PostgreSQL finds one type per column of the UNION.
SLOTS = {
    "at": "TIMESTAMP WITH TIME ZONE",
    "on_day": "DATE",
    "object_id": "VARCHAR(36)",
    **{f"int_{i}": "INTEGER" for i in (1, 2, 3)},
    **{f"text_{i}": "TEXT" for i in (1, 2, 3, 4, 5)},
}
# Slots whose kinds put in values of different types (a uuid or a number as
# the id; counts, small numbers and booleans) have their values cast too. (A
# date is not: SQLite would make it a number.)
CAST_VALUES = {"object_id", "int_1", "int_2", "int_3"}


@dataclass(frozen=True)
class Part:
    """One kind's share of the statement: when it happened (SQL; none for the kinds
    recorded by date, which put their date in a column), its columns (name: slot and
    SQL), where its rows come from (`{trajectories}`: the resident's trajectories,
    `{resident}`: the resident), and the order that picks the newest."""

    at: str | None
    columns: dict[str, tuple[str, str]]
    source: str
    order: str


# Makes a row's entry from its moment and its columns by name.
MakeEntry = Callable[[datetime, dict], Entry]


@dataclass(frozen=True)
class Kind:
    """A kind of event on the timeline: its slug (in `?toon=` and in the statement),
    its label in the dossier's filter, whether the dossier shows it when none is
    asked for, its share of the statement, and `entries`, which turns one of its
    rows (the moment from `Part.at`, the columns by name) into the places it takes
    on the timeline: zero, one or more (moment, MakeEntry). Only the entries shown
    are made, after the rows of all kinds are sorted by those moments."""

    slug: str
    label: Promise
    shown_by_default: bool
    part: Part
    entries: Callable[[datetime | None, dict], Iterable[tuple[datetime, MakeEntry]]]


def _at_its_moment(make_entry: MakeEntry):
    """`Kind.entries` for a kind whose row is one entry, at the row's moment."""
    return lambda at, row: ((at, make_entry),)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _person(alias: str) -> str:
    return f"{alias}.first_name || ' ' || {alias}.last_name"


def _by(name: str) -> str:
    return name.strip()


def _moment(value) -> datetime | None:
    """A moment as the database gives it: PostgreSQL an aware datetime, SQLite one in
    UTC without a zone, or text, depending on how far it sees the column's type."""
    if value is None:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def _day(value) -> date | None:
    if isinstance(value, datetime):  # SQLite, when it takes a date column for a timestamp
        return value.date()
    return parse_date(value) if isinstance(value, str) else value


def _end_of(day: date) -> datetime:
    """Things recorded by date stand after everything else of that day."""
    return timezone.make_aware(datetime.combine(day, time.max))


def _conversation(at, c: dict) -> Entry:
    kind, setting = Conversation.Kind(c["kind"]).label, Conversation.Setting(c["setting"]).label
    title = f"{kind} · {str(setting).lower()}"
    if count := c["agreement_count"]:
        title += " · " + ngettext("%(n)d afspraak", "%(n)d afspraken", count) % {"n": count}
    return Entry(
        at=at,
        kind="gesprekken",
        title=title,
        url=reverse("cases:conversation", args=[uuid.UUID(c["pk"])]),
        text=Truncator(c["report"]).words(40),
    )


CONVERSATIONS = Kind(
    "gesprekken",
    gettext_lazy("Gesprekken"),
    shown_by_default=True,
    part=Part(
        "c.held_at",
        {
            "pk": ("object_id", "c.id"),
            "agreement_count": (
                "int_1",
                f"(SELECT COUNT(*) FROM {_table(Agreement)} a WHERE a.conversation_id = c.id)",  # noqa: S608
            ),
            "kind": ("text_1", "c.kind"),
            "setting": ("text_2", "c.setting"),
            "report": ("text_3", "c.report"),
        },
        f"FROM {_table(Conversation)} c "
        f"WHERE c.status = '{Conversation.Status.HELD}' AND c.trajectory_id IN {{trajectories}}",
        "c.held_at DESC",
    ),
    entries=_at_its_moment(_conversation),
)


def _when(value) -> str:
    return date_format(timezone.localtime(_moment(value)), "j b Y, H:i")


def _appointment_change(at, c: dict) -> Entry:
    """A planned conversation moved, cancelled or not attended; the title names the
    moment it was planned for, and who asked."""
    what, planned = c["what"], _when(c["planned_at"])
    if what == AppointmentChange.What.MOVED:
        title = _("Afspraak van %(from)s verzet naar %(to)s, op verzoek van %(who)s") % {
            "from": planned,
            "to": _when(c["moved_to"]),
            "who": AppointmentChange.AskedBy(c["asked_by"]).label,
        }
    elif what == AppointmentChange.What.CANCELLED:
        title = _("Afspraak van %(when)s afgezegd door %(who)s") % {
            "when": planned,
            "who": AppointmentChange.AskedBy(c["asked_by"]).label,
        }
    else:
        title = _("Niet verschenen op de afspraak van %(when)s") % {"when": planned}
    return Entry(
        at=at,
        kind="verzet",
        title=title,
        url=reverse("cases:conversation", args=[uuid.UUID(c["conversation"])]),
        text=c["reason"],
    )


APPOINTMENT_CHANGES = Kind(
    "verzet",
    gettext_lazy("Verzet of afgezegd"),
    shown_by_default=True,
    part=Part(
        "x.at",
        {
            "conversation": ("object_id", "x.conversation_id"),
            "what": ("text_1", "x.what"),
            "asked_by": ("text_2", "x.asked_by"),
            "reason": ("text_3", "x.reason"),
            # Moments as text: the slots hold one moment, and these are shown, not sorted.
            "planned_at": ("text_4", "CAST(x.planned_at AS TEXT)"),
            "moved_to": ("text_5", "CAST(x.moved_to AS TEXT)"),
        },
        f"FROM {_table(AppointmentChange)} x "
        f"JOIN {_table(Conversation)} c ON c.id = x.conversation_id "
        "WHERE c.trajectory_id IN {trajectories}",
        "x.at DESC, x.id DESC",
    ),
    entries=_at_its_moment(_appointment_change),
)


def _reassignment(at, m: dict) -> Entry:
    title = _("Overgedragen van %(from)s aan %(to)s door %(by)s") % {
        "from": _by(m["from"]),
        "to": _by(m["to"]),
        "by": _by(m["by"]),
    }
    text = _("Reden: %(reason)s. Wat je moet weten: %(note)s") % {
        "reason": m["reason"],
        "note": m["handover_note"],
    }
    return Entry(at=at, kind="overdrachten", title=title, text=text)


REASSIGNMENTS = Kind(
    "overdrachten",
    gettext_lazy("Overdrachten"),
    shown_by_default=True,
    part=Part(
        "m.at",
        {
            "reason": ("text_1", "m.reason"),
            "handover_note": ("text_2", "m.handover_note"),
            "from": ("text_3", _person("f")),
            "to": ("text_4", _person("t")),
            "by": ("text_5", _person("b")),
        },
        f"FROM {_table(Reassignment)} m "
        f"JOIN {_table(User)} f ON f.id = m.from_consultant_id "
        f"JOIN {_table(User)} t ON t.id = m.to_consultant_id "
        f"JOIN {_table(User)} b ON b.id = m.by_id "
        "WHERE m.resident_id = {resident}",
        "m.at DESC",
    ),
    entries=_at_its_moment(_reassignment),
)


def _case_review_brought_in(at, r: dict) -> Entry:
    return Entry(
        at=at,
        kind="casuistiek",
        title=_("Ingebracht in de casuïstiekbespreking door %(by)s") % {"by": _by(r["by"])},
        text=_("Vraag: %(question)s") % {"question": r["question"]},
    )


def _case_review_discussed(at, r: dict) -> Entry:
    return Entry(
        at=at,
        kind="casuistiek",
        title=_("Besproken in de casuïstiekbespreking"),
        text=_("Advies en afspraken: %(outcome)s") % {"outcome": r["outcome"]},
        whole_day=True,
    )


def _case_review(at, r: dict):
    """A case review is on the timeline when it was brought in, and when discussed."""
    yield at, _case_review_brought_in
    if discussed_on := _day(r["discussed_on"]):
        yield _end_of(discussed_on), _case_review_discussed


CASE_REVIEWS = Kind(
    "casuistiek",
    gettext_lazy("Casuïstiek"),
    shown_by_default=True,
    part=Part(
        "r.requested_at",
        {
            "discussed_on": ("on_day", "r.discussed_on"),
            "question": ("text_1", "r.question"),
            "outcome": ("text_2", "r.outcome"),
            "by": ("text_3", _person("u")),
        },
        f"FROM {_table(CaseReview)} r JOIN {_table(User)} u ON u.id = r.requested_by_id "
        "WHERE r.resident_id = {resident}",
        "r.requested_at DESC",
    ),
    entries=_case_review,
)


def _agreement_done(at, a: dict) -> Entry:
    if a["owner"] == Agreement.Owner.NETWORK and a["network_member"]:
        who = a["network_member"]
    else:
        who = Agreement.Owner(a["owner"]).label
    return Entry(
        at=at,
        kind="afspraken",
        title=_("Afspraak gedaan: %(who)s — %(what)s") % {"who": who, "what": a["what"]},
        whole_day=True,
    )


def _agreement_on_its_day(_at, a: dict):
    """An agreement is recorded done by date: it stands at the end of that day."""
    return ((_end_of(_day(a["done_on"])), _agreement_done),)


AGREEMENTS_DONE = Kind(
    "afspraken",
    gettext_lazy("Afspraken gedaan"),
    shown_by_default=True,
    part=Part(
        None,
        {
            "done_on": ("on_day", "a.done_on"),
            "owner": ("text_1", "a.owner"),
            "what": ("text_2", "a.what"),
            "network_member": ("text_3", "n.name"),
        },
        f"FROM {_table(Agreement)} a JOIN {_table(Conversation)} c ON c.id = a.conversation_id "
        f"LEFT JOIN {_table(NetworkMember)} n ON n.id = a.network_member_id "
        "WHERE a.done_on IS NOT NULL AND c.trajectory_id IN {trajectories}",
        "a.done_on DESC, a.id DESC",
    ),
    entries=_agreement_on_its_day,
)


def _plan_change(at, c: dict) -> Entry:
    return Entry(
        at=at,
        kind="plan",
        title=c["summary"],
        url=reverse("cases:plan", args=[uuid.UUID(c["plan"])]),
        text=_("door %(by)s") % {"by": _by(c["by"])},
    )


PLAN_CHANGES = Kind(
    "plan",
    gettext_lazy("Doel-actieplan"),
    shown_by_default=True,
    part=Part(
        "p.at",
        # A plan's id is its trajectory's.
        {
            "plan": ("object_id", "p.plan_id"),
            "summary": ("text_1", "p.summary"),
            "by": ("text_2", _person("u")),
        },
        f"FROM {_table(PlanChange)} p JOIN {_table(User)} u ON u.id = p.by_id "
        "WHERE p.plan_id IN {trajectories}",
        "p.at DESC, p.id DESC",
    ),
    entries=_at_its_moment(_plan_change),
)


# A mailed document as its mail stands (cases/tasks.py).
MAILED = {
    HandedOverDocument.Mail.QUEUED: gettext_lazy(
        "%(kind)s wordt gemaild naar %(address)s, door %(by)s"
    ),
    HandedOverDocument.Mail.SENT: gettext_lazy("%(kind)s gemaild naar %(address)s door %(by)s"),
    HandedOverDocument.Mail.FAILED: gettext_lazy(
        "%(kind)s kon niet worden gemaild naar %(address)s (door %(by)s): druk het af of "
        "mail het opnieuw"
    ),
}


def _handed_over(at, d: dict) -> Entry:
    kind = HandedOverDocument.Kind(d["kind"]).label
    if d["how"] == HandedOverDocument.How.MAILED:
        title = MAILED[d["mail"]] % {"kind": kind, "address": d["sent_to"], "by": _by(d["by"])}
    else:
        title = _("%(kind)s geprint en meegegeven door %(by)s") % {
            "kind": kind,
            "by": _by(d["by"]),
        }
    return Entry(
        at=at,
        kind="documenten",
        title=title,
        url=reverse("cases:handed_over_document", args=[uuid.UUID(d["pk"])]),
    )


DOCUMENTS = Kind(
    "documenten",
    gettext_lazy("Documenten"),
    shown_by_default=True,
    part=Part(
        "d.created_at",
        {
            "pk": ("object_id", "d.id"),
            "kind": ("text_1", "d.kind"),
            "how": ("text_2", "d.how"),
            "sent_to": ("text_3", "d.sent_to"),
            "by": ("text_4", _person("u")),
            "mail": ("text_5", "d.mail"),
        },
        f"FROM {_table(HandedOverDocument)} d JOIN {_table(User)} u ON u.id = d.created_by_id "
        "WHERE d.trajectory_id IN {trajectories}",
        "d.created_at DESC",
    ),
    entries=_at_its_moment(_handed_over),
)


def _step_change(at, c: dict) -> Entry:
    by, from_step, to_step, cycle = _by(c["by"]), c["from_step"], c["to_step"], c["cycle"]
    if from_step is None:
        title = _("Traject gestart in stap 1 door %(by)s") % {"by": by}
    elif from_step == Trajectory.LAST_STEP and to_step == Trajectory.NEW_ROUND_STEP:
        title = _("Ronde %(cycle)s begonnen bij stap 3 door %(by)s") % {"cycle": cycle, "by": by}
    else:
        title = _("Van stap %(a)s naar stap %(b)s door %(by)s") % {
            "a": from_step,
            "b": to_step,
            "by": by,
        }
    return Entry(at=at, kind="stappen", title=title)


STEP_CHANGES = Kind(
    "stappen",
    gettext_lazy("Stappen"),
    shown_by_default=True,
    part=Part(
        "s.changed_at",
        {
            "from_step": ("int_1", "s.from_step"),
            "to_step": ("int_2", "s.to_step"),
            "cycle": ("int_3", "s.cycle"),
            "by": ("text_1", _person("u")),
        },
        f"FROM {_table(StepChange)} s JOIN {_table(User)} u ON u.id = s.changed_by_id "
        "WHERE s.trajectory_id IN {trajectories}",
        "s.changed_at DESC",
    ),
    entries=_at_its_moment(_step_change),
)


def _situation_change(at, c: dict) -> Entry:
    """A change to step 2: which part, by whom, and each changed field's new value."""
    by, subject = _by(c["by"]), c["subject"]
    if subject == SituationChange.PICTURE:
        model = PersonalSituation
        title = _("Willen, kunnen en ons beeld bijgewerkt door %(by)s") % {"by": by}
    else:
        model = LifeDomain
        title = _("Levensgebied %(domain)s bijgewerkt door %(by)s") % {
            "domain": str(LifeDomain.Domain(subject).label).lower(),
            "by": by,
        }
    parts = []
    for name, (old, new) in json.loads(c["changes"]).items():
        field = model._meta.get_field(name)
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        if field.choices:
            labels = dict(field.choices)
            old, new = labels.get(old, "—"), labels.get(new, "—")
            parts.append(f"{label}: {old} → {new}")
        elif new:
            parts.append(f"{label}: “{Truncator(new).words(12)}”")
        else:
            parts.append(_("%(label)s: leeggemaakt") % {"label": label})
    return Entry(at=at, kind="beeld", title=title, text=" · ".join(parts))


SITUATION_CHANGES = Kind(
    "beeld",
    gettext_lazy("Persoonlijke situatie"),
    # They come by the half dozen after a diagnosegesprek, and the dossier's
    # overview shows where they stand: shown when the consultant asks.
    shown_by_default=False,
    part=Part(
        "s.changed_at",
        {
            "subject": ("text_1", "s.subject"),
            # JSON as text: jsonb in PostgreSQL, text in SQLite.
            "changes": ("text_2", "CAST(s.changes AS TEXT)"),
            "by": ("text_3", _person("u")),
        },
        f"FROM {_table(SituationChange)} s JOIN {_table(User)} u ON u.id = s.changed_by_id "
        "WHERE s.trajectory_id IN {trajectories}",
        "s.changed_at DESC, s.id DESC",
    ),
    entries=_at_its_moment(_situation_change),
)


def _tick(at, t: dict) -> Entry:
    cycle, not_applicable, step = t["cycle"], t["not_applicable"], t["step"]
    where = _("stap %(n)s") % {"n": step}
    if cycle > 1:
        where += ", " + _("ronde %(c)s") % {"c": cycle}
    if not_applicable:
        title = _("Niet van toepassing (%(where)s): %(text)s — %(reason)s") % {
            "where": where,
            "text": t["item"],
            "reason": t["reason"],
        }
    else:
        title = _("Afgevinkt (%(where)s): %(text)s") % {"where": where, "text": t["item"]}
    return Entry(at=at, kind="vinkjes", title=title)


TICKS = Kind(
    "vinkjes",
    gettext_lazy("Vinkjes"),
    # They come by the dozen and the step path already counts them: shown when
    # the consultant asks.
    shown_by_default=False,
    part=Part(
        "k.ticked_at",
        {
            "cycle": ("int_1", "k.cycle"),
            "not_applicable": ("int_2", "CASE WHEN k.not_applicable THEN 1 ELSE 0 END"),
            "step": ("int_3", "st.number"),
            "reason": ("text_1", "k.reason"),
            # The words the item had when it was ticked, not what it says now.
            "item": ("text_2", "w.text"),
            "by": ("text_3", _person("u")),
        },
        f"FROM {_table(Tick)} k JOIN {_table(ChecklistItem)} i ON i.id = k.item_id "
        f"JOIN {_table(ChecklistItemWording)} w ON w.id = k.wording_id "
        f"JOIN {_table(Step)} st ON st.id = i.step_id "
        f"JOIN {_table(User)} u ON u.id = k.ticked_by_id "
        "WHERE k.trajectory_id IN {trajectories}",
        "k.ticked_at DESC",
    ),
    entries=_at_its_moment(_tick),
)

# Every kind, by slug, in the order of the dossier's filter.
KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        CONVERSATIONS,
        APPOINTMENT_CHANGES,
        REASSIGNMENTS,
        CASE_REVIEWS,
        AGREEMENTS_DONE,
        PLAN_CHANGES,
        DOCUMENTS,
        STEP_CHANGES,
        SITUATION_CHANGES,
        TICKS,
    )
}
DEFAULT_KINDS = [slug for slug, kind in KINDS.items() if kind.shown_by_default]


@dataclass(frozen=True)
class Appointment:
    url: str
    held_at: datetime
    setting: str


# The next appointment and the planned conversations still to be logged are not kinds
# but the timeline's open ends: the first planned conversation still to come, and those
# whose time has passed (`{now}`). They are read in the same statement, as more parts of
# the UNION, but declared apart from KINDS rather than as Kinds: they have no label in
# the filter and no default, are read whichever kinds are asked for, take a fixed
# number of rows, and become the dossier's "Volgende afspraak" and "Nog vastleggen"
# rather than entries.
NEXT, TO_LOG = "volgende", "vastleggen"
TO_LOG_SHOWN = 5


def _planned(when: str) -> Part:
    """The resident's planned conversations (`when`: their moment against `{now}`), the
    first first."""
    return Part(
        "c.held_at",
        {"pk": ("object_id", "c.id"), "setting": ("text_1", "c.setting")},
        f"FROM {_table(Conversation)} c "
        f"WHERE c.status = '{Conversation.Status.PLANNED}' AND c.held_at {when} {{now}} "
        "AND c.trajectory_id IN {trajectories}",
        "c.held_at",
    )


# Per open end, its part of the statement and how many rows it takes.
APPOINTMENTS = {
    NEXT: (_planned(">="), 1),
    TO_LOG: (_planned("<"), TO_LOG_SHOWN),
}


def _appointment(at, c: dict) -> Appointment:
    return Appointment(
        reverse("cases:conversation", args=[uuid.UUID(c["pk"])]),
        at,
        str(Conversation.Setting(c["setting"]).label),
    )


def _select(name: str, part: Part, trajectory_marks: str) -> str:
    by_slot = {"at": part.at, **dict(part.columns.values())}
    values = []
    for slot, type_ in SLOTS.items():
        sql = by_slot.get(slot)
        if sql is None or slot in CAST_VALUES:
            sql = f"CAST({sql or 'NULL'} AS {type_})"
        values.append(f"{sql} AS {slot}")
    source = part.source.replace("{trajectories}", f"({trajectory_marks})")
    source = source.replace("{resident}", "%s").replace("{now}", "%s")
    select = f"SELECT '{name}' AS kind, {', '.join(values)} {source} ORDER BY {part.order} LIMIT %s"
    return f"SELECT * FROM ({select}) AS {name}"  # noqa: S608 - our own SQL, values as params


def _rows(resident, trajectories, kinds, fetch) -> list[tuple[str, datetime | None, dict]]:
    """Per kind asked for, its newest `fetch` rows, and the open ends (APPOINTMENTS):
    (the kind's slug or the open end's name, moment, columns by name)."""
    parts = {slug: (kind.part, fetch) for slug, kind in KINDS.items() if slug in kinds}
    parts |= APPOINTMENTS
    if not trajectories:  # a resident just registered: only what is about them
        parts = {name: p for name, p in parts.items() if "{trajectories}" not in p[0].source}
    if not parts:
        return []
    values = {
        "trajectories": [
            Trajectory._meta.pk.get_db_prep_value(t.pk, connection) for t in trajectories
        ],
        "resident": [Resident._meta.pk.get_db_prep_value(resident.pk, connection)],
        "now": [connection.ops.adapt_datetimefield_value(timezone.now())],
    }
    params = []
    for part, limit in parts.values():
        for placeholder in re.findall(r"\{(\w+)\}", part.source):
            params += values[placeholder]
        params.append(limit)
    marks = ", ".join(["%s"] * len(values["trajectories"]))
    sql = " UNION ALL ".join(_select(name, part, marks) for name, (part, _n) in parts.items())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = []
        for record in cursor.fetchall():
            by_slot = dict(zip(names, record, strict=True))
            name = by_slot["kind"]
            columns = {
                column: by_slot[slot] for column, (slot, _sql) in parts[name][0].columns.items()
            }
            rows.append((name, _moment(by_slot["at"]), columns))
        return rows


@dataclass(frozen=True)
class Timeline:
    entries: list[Entry]
    has_more: bool
    next_appointment: Appointment | None
    to_log: list[Appointment]


def timeline(resident, trajectories, kinds=KINDS, limit=20) -> Timeline:
    """The newest `limit` entries about a resident and their trajectories, whether
    there are more, the next appointment and the planned conversations still to log.

    One query (see the module's note), whose rows are sorted before they become
    entries: the dossier shows ten of up to seventy rows on every visit.
    """
    placed = []  # (moment, make_entry, columns)
    next_appointment, to_log = None, []
    for name, at, row in _rows(resident, trajectories, kinds, limit + 1):
        if name == NEXT:
            next_appointment = _appointment(at, row)
        elif name == TO_LOG:
            to_log.append(_appointment(at, row))
        else:
            for moment, make_entry in KINDS[name].entries(at, row):
                placed.append((moment, make_entry, row))
    placed.sort(key=lambda moment_and_row: moment_and_row[0], reverse=True)
    entries = [make_entry(at, row) for at, make_entry, row in placed[:limit]]
    to_log.sort(key=lambda appointment: appointment.held_at)
    return Timeline(entries, len(placed) > limit, next_appointment, to_log)
