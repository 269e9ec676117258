"""The dossier's timeline: everything that happened around a resident, newest first.

Entries are built as plain text here rather than in the template: the
dossier renders them on every visit, and Python strings are much cheaper
than template lookups.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import (
    Agreement,
    CaseReview,
    Conversation,
    HandedOverDocument,
    LifeDomain,
    PersonalSituation,
    PlanChange,
    Reassignment,
    SituationChange,
    StepChange,
    Tick,
    Trajectory,
)

KINDS = {
    "gesprekken": gettext_lazy("Gesprekken"),
    "overdrachten": gettext_lazy("Overdrachten"),
    "casuistiek": gettext_lazy("Casuïstiek"),
    "afspraken": gettext_lazy("Afspraken gedaan"),
    "plan": gettext_lazy("Doel-actieplan"),
    "documenten": gettext_lazy("Documenten"),
    "stappen": gettext_lazy("Stappen"),
    "beeld": gettext_lazy("Persoonlijke situatie"),
    "vinkjes": gettext_lazy("Vinkjes"),
}
# Ticks come by the dozen and the step path already counts them; changes to
# the personal situation come by the half dozen after a diagnosegesprek and
# the dossier's overview shows where they stand. The timeline shows both
# when the consultant asks.
DEFAULT_KINDS = [
    "gesprekken",
    "overdrachten",
    "casuistiek",
    "afspraken",
    "plan",
    "documenten",
    "stappen",
]


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str
    title: str
    url: str = ""
    text: str = ""
    whole_day: bool = False


def timeline(resident, trajectories, kinds=KINDS, limit=20) -> tuple[list[Entry], bool]:
    """The newest `limit` entries about a resident and their trajectories, and whether
    there are more.

    One query per kind, each limited, so the cost does not grow with the
    history, only with how much the consultant asks to see. Rows are read as
    values, not model instances: the dossier shows them on every visit.
    """
    fetch = limit + 1
    mine = {"trajectory__in": trajectories}
    entries = []
    if "gesprekken" in kinds:
        conversations = (
            Conversation.objects.filter(status=Conversation.Status.HELD, **mine)
            .annotate(agreement_count=Count("agreements"))
            .values("pk", "held_at", "kind", "setting", "report", "agreement_count")
        )
        entries += [_conversation(c) for c in conversations[:fetch]]
    if "overdrachten" in kinds:
        moves = Reassignment.objects.filter(resident=resident).values(
            "at",
            "reason",
            "handover_note",
            *_name_fields("from_consultant"),
            *_name_fields("to_consultant"),
            *_name_fields("by"),
        )
        entries += [_reassignment(m) for m in moves[:fetch]]
    if "casuistiek" in kinds:
        reviews = CaseReview.objects.filter(resident=resident).values(
            "requested_at", "question", "discussed_on", "outcome", *_name_fields("requested_by")
        )
        for review in reviews.order_by("-requested_at")[:fetch]:
            entries += _case_review(review)
    if "afspraken" in kinds:
        done = (
            Agreement.objects.filter(
                done_on__isnull=False, conversation__trajectory__in=trajectories
            )
            .order_by("-done_on", "-pk")
            .values("done_on", "owner", "what", "network_member__name")
        )
        entries += [_agreement_done(a) for a in done[:fetch]]
    if "plan" in kinds:
        plan_changes = PlanChange.objects.filter(plan__trajectory__in=trajectories).values(
            "at", "summary", "plan_id", *_name_fields("by")
        )
        entries += [_plan_change(c) for c in plan_changes[:fetch]]
    if "documenten" in kinds:
        handed_over = HandedOverDocument.objects.filter(**mine).values(
            "pk", "created_at", "kind", "how", "sent_to", *_name_fields("created_by")
        )
        entries += [_handed_over(d) for d in handed_over[:fetch]]
    if "stappen" in kinds:
        changes = StepChange.objects.filter(**mine).values(
            "changed_at", "from_step", "to_step", "cycle", *_name_fields("changed_by")
        )
        entries += [_step_change(c) for c in changes[:fetch]]
    if "beeld" in kinds:
        changes = SituationChange.objects.filter(**mine).values(
            "changed_at", "subject", "changes", *_name_fields("changed_by")
        )
        entries += [_situation_change(c) for c in changes[:fetch]]
    if "vinkjes" in kinds:
        ticks = Tick.objects.filter(**mine).values(
            "ticked_at",
            "cycle",
            "not_applicable",
            "reason",
            "item__text",
            "item__step__number",
            *_name_fields("ticked_by"),
        )
        entries += [_tick(t) for t in ticks[:fetch]]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit], len(entries) > limit


def _name_fields(relation: str) -> list[str]:
    return [f"{relation}__first_name", f"{relation}__last_name"]


def _name(row: dict, relation: str) -> str:
    return f"{row[f'{relation}__first_name']} {row[f'{relation}__last_name']}".strip()


def _conversation(c: dict) -> Entry:
    kind, setting = Conversation.Kind(c["kind"]).label, Conversation.Setting(c["setting"]).label
    title = f"{kind} · {str(setting).lower()}"
    if count := c["agreement_count"]:
        title += " · " + ngettext("%(n)d afspraak", "%(n)d afspraken", count) % {"n": count}
    return Entry(
        at=c["held_at"],
        kind="gesprekken",
        title=title,
        url=reverse("cases:conversation", args=[c["pk"]]),
        text=Truncator(c["report"]).words(40),
    )


def _agreement_done(a: dict) -> Entry:
    if a["owner"] == Agreement.Owner.NETWORK and a["network_member__name"]:
        who = a["network_member__name"]
    else:
        who = Agreement.Owner(a["owner"]).label
    return Entry(
        at=timezone.make_aware(datetime.combine(a["done_on"], time.max)),
        kind="afspraken",
        title=_("Afspraak gedaan: %(who)s — %(what)s") % {"who": who, "what": a["what"]},
        whole_day=True,
    )


def _handed_over(d: dict) -> Entry:
    kind = HandedOverDocument.Kind(d["kind"]).label
    if d["how"] == HandedOverDocument.How.MAILED:
        title = _("%(kind)s gemaild naar %(address)s door %(by)s") % {
            "kind": kind,
            "address": d["sent_to"],
            "by": _name(d, "created_by"),
        }
    else:
        title = _("%(kind)s geprint en meegegeven door %(by)s") % {
            "kind": kind,
            "by": _name(d, "created_by"),
        }
    return Entry(
        at=d["created_at"],
        kind="documenten",
        title=title,
        url=reverse("cases:handed_over_document", args=[d["pk"]]),
    )


def _reassignment(m: dict) -> Entry:
    title = _("Overgedragen van %(from)s aan %(to)s door %(by)s") % {
        "from": _name(m, "from_consultant"),
        "to": _name(m, "to_consultant"),
        "by": _name(m, "by"),
    }
    text = _("Reden: %(reason)s. Wat je moet weten: %(note)s") % {
        "reason": m["reason"],
        "note": m["handover_note"],
    }
    return Entry(at=m["at"], kind="overdrachten", title=title, text=text)


def _case_review(r: dict) -> list[Entry]:
    """A case review gives an entry when it was brought in, and one when it was discussed."""
    entries = [
        Entry(
            at=r["requested_at"],
            kind="casuistiek",
            title=_("Ingebracht in de casuïstiekbespreking door %(by)s")
            % {"by": _name(r, "requested_by")},
            text=_("Vraag: %(question)s") % {"question": r["question"]},
        )
    ]
    if r["discussed_on"]:
        entries.append(
            Entry(
                at=timezone.make_aware(datetime.combine(r["discussed_on"], time.max)),
                kind="casuistiek",
                title=_("Besproken in de casuïstiekbespreking"),
                text=_("Advies en afspraken: %(outcome)s") % {"outcome": r["outcome"]},
                whole_day=True,
            )
        )
    return entries


def _plan_change(c: dict) -> Entry:
    return Entry(
        at=c["at"],
        kind="plan",
        title=c["summary"],
        url=reverse("cases:plan", args=[c["plan_id"]]),
        text=_("door %(by)s") % {"by": _name(c, "by")},
    )


def _step_change(c: dict) -> Entry:
    by = _name(c, "changed_by")
    if c["from_step"] is None:
        title = _("Traject gestart in stap 1 door %(by)s") % {"by": by}
    elif c["from_step"] == Trajectory.LAST_STEP and c["to_step"] == Trajectory.NEW_ROUND_STEP:
        title = _("Ronde %(cycle)s begonnen bij stap 3 door %(by)s") % {
            "cycle": c["cycle"],
            "by": by,
        }
    else:
        title = _("Van stap %(a)s naar stap %(b)s door %(by)s") % {
            "a": c["from_step"],
            "b": c["to_step"],
            "by": by,
        }
    return Entry(at=c["changed_at"], kind="stappen", title=title)


def _tick(t: dict) -> Entry:
    where = _("stap %(n)s") % {"n": t["item__step__number"]}
    if t["cycle"] > 1:
        where += ", " + _("ronde %(c)s") % {"c": t["cycle"]}
    if t["not_applicable"]:
        title = _("Niet van toepassing (%(where)s): %(text)s — %(reason)s") % {
            "where": where,
            "text": t["item__text"],
            "reason": t["reason"],
        }
    else:
        title = _("Afgevinkt (%(where)s): %(text)s") % {"where": where, "text": t["item__text"]}
    return Entry(at=t["ticked_at"], kind="vinkjes", title=title)


def _situation_change(c: dict) -> Entry:
    """A change to step 2: which part, by whom, and each changed field's new value."""
    by = _name(c, "changed_by")
    if c["subject"] == SituationChange.PICTURE:
        model = PersonalSituation
        title = _("Willen, kunnen en ons beeld bijgewerkt door %(by)s") % {"by": by}
    else:
        model = LifeDomain
        title = _("Levensgebied %(domain)s bijgewerkt door %(by)s") % {
            "domain": str(LifeDomain.Domain(c["subject"]).label).lower(),
            "by": by,
        }
    parts = []
    for name, (old, new) in c["changes"].items():
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
    return Entry(at=c["changed_at"], kind="beeld", title=title, text=" · ".join(parts))
