"""Keeping a closed trajectory as long as its rule says, then destroying it with proof.

`manage.py retention` (daily) proposes a destruction list per team of the trajectories
whose date has come; the team lead approves it at /team/vernietigen/, and `destroy()`
removes them in one transaction: the trajectory with everything in it, and the
resident's whole file when no other trajectory is left. What the team's figures counted
is kept first as anonymous facts (ArchivedFact); the list keeps ids and counts as proof.
"""

from collections import Counter
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from cases.facts import keep_contact_facts
from cases.logbook.models import Action, ObjectKind
from cases.logbook.services import forget_changes, note
from cases.models import BaggageNote, Conversation, Decision, Resident, Trajectory

from .models import ArchivedFact, DestructionList, RetentionRule

# Years kept when no rule names the outcome: the selectielijst's term for a provision in
# the social domain that ran its course or was stopped.
DEFAULT_YEARS = 10


def destruction_date(outcome: str, closed_on: date) -> date:
    rule = RetentionRule.objects.filter(outcome=outcome).first()
    years = rule.years if rule else DEFAULT_YEARS
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February, in a year that has none
        return closed_on.replace(year=closed_on.year + years, day=28)


def on_close(trajectory: Trajectory) -> None:
    """A trajectory closes: its destruction date is set, and the "blijft tussen ons" notes
    the resident did not allow to be passed on are destroyed now."""
    trajectory.destroy_on = destruction_date(trajectory.outcome, trajectory.closed_on)
    BaggageNote.objects.filter(
        resident_id=trajectory.resident_id, private=True, may_pass_on=False
    ).delete()


def still_kept(trajectories) -> list[Trajectory]:
    """Of these trajectories, those a retention period still applies to: open ones, and
    closed ones whose destruction date has not come."""
    today = timezone.localdate()
    return [t for t in trajectories if t.destroy_on is None or t.destroy_on > today]


@transaction.atomic
def propose(*, today: date, at=None) -> list[DestructionList]:
    """One list per team of the closed trajectories due on `today` that no list waiting
    for approval holds yet."""
    waiting = {
        pk
        for ids in DestructionList.objects.filter(
            status=DestructionList.Status.PROPOSED
        ).values_list("trajectory_ids", flat=True)
        for pk in ids
    }
    due = (
        Trajectory.objects.filter(status=Trajectory.Status.CLOSED, destroy_on__lte=today)
        .exclude(resident__restricted_since__isnull=False)
        .values_list("pk", "resident__consultant__team_id")
        .order_by("destroy_on", "pk")
    )
    per_team: dict[int, list[str]] = {}
    for pk, team_id in due:
        if str(pk) not in waiting:
            per_team.setdefault(team_id, []).append(str(pk))
    lists = [
        DestructionList(team_id=team_id, made_at=at or timezone.now(), trajectory_ids=ids)
        for team_id, ids in per_team.items()
    ]
    DestructionList.objects.bulk_create(lists)
    return lists


@transaction.atomic
def destroy(destruction_list: DestructionList, *, by, at=None) -> Counter:
    """Destroy what the list holds, in one transaction, and keep the list as the proof."""
    ids = destruction_list.trajectory_ids
    trajectories = Trajectory.objects.filter(
        pk__in=ids, status=Trajectory.Status.CLOSED, destroy_on__isnull=False
    )
    resident_ids = set(trajectories.values_list("resident_id", flat=True))
    consultant_ids = set(trajectories.values_list("resident__consultant_id", flat=True))
    archive_facts(trajectories)
    counts = Counter()
    removed = trajectories.delete()[1]
    counts.update(removed)
    # A resident with no trajectory left has no file left to keep.
    emptied = Resident.objects.filter(pk__in=resident_ids, trajectories__isnull=True)
    emptied_ids = [str(pk) for pk in emptied.values_list("pk", flat=True)]
    removed = emptied.delete()[1]
    counts.update(removed)
    # Those with a trajectory left were last seen in what is left of it.
    keep_contact_facts(resident_ids=resident_ids, consultant_ids=consultant_ids)
    forget_changes(emptied_ids)
    destruction_list.status = DestructionList.Status.DESTROYED
    destruction_list.decided_by = by
    destruction_list.decided_at = at or timezone.now()
    destruction_list.resident_ids = emptied_ids
    destruction_list.counts = {label.split(".")[-1]: n for label, n in counts.items() if n}
    destruction_list.save()
    note(
        None,
        kind=ObjectKind.LIST,
        object_id=destruction_list.pk,
        action=Action.DESTROY,
        user=by,
        count=len(emptied_ids),
        detail={"trajectories": len(ids), "residents": len(emptied_ids)},
        purpose="cases:destruction_lists",
    )
    return counts


def refuse(destruction_list: DestructionList, *, by, reason: str, at=None) -> None:
    destruction_list.status = DestructionList.Status.REFUSED
    destruction_list.decided_by = by
    destruction_list.decided_at = at or timezone.now()
    destruction_list.refusal = reason
    destruction_list.save()


def archive_facts(trajectories) -> None:
    """What the team's figures count of these trajectories, kept without the resident:
    each first conversation, each decision and each check-in number."""
    zone = timezone.get_current_timezone()
    facts = []
    owner = {
        pk: (team, consultant)
        for pk, team, consultant in trajectories.values_list(
            "pk", "resident__consultant__team_id", "resident__consultant_id"
        )
    }
    held = Conversation.objects.filter(
        trajectory__in=trajectories, status=Conversation.Status.HELD
    ).order_by("trajectory", "held_at")
    first_of = {}
    for trajectory_id, held_at, told, check_in, check_out in held.values_list(
        "trajectory", "held_at", "told_decides_too", "check_in_score", "check_out_score"
    ):
        team, consultant = owner[trajectory_id]
        if trajectory_id not in first_of:
            first_of[trajectory_id] = held_at
            facts.append(
                ArchivedFact(
                    kind=ArchivedFact.Kind.FIRST_CONVERSATION,
                    team_id=team,
                    consultant_id=consultant,
                    at=held_at,
                    yes=told,
                )
            )
        if check_in is not None or check_out is not None:
            facts.append(
                ArchivedFact(
                    kind=ArchivedFact.Kind.CHECK_IN,
                    team_id=team,
                    consultant_id=consultant,
                    at=held_at,
                    check_in=check_in,
                    check_out=check_out,
                )
            )
    for trajectory_id, decided_on, weighed, own_words in Decision.objects.filter(
        plan__trajectory__in=trajectories
    ).values_list("plan__trajectory", "decided_on", "options_weighed", "in_own_words"):
        team, consultant = owner[trajectory_id]
        facts.append(
            ArchivedFact(
                kind=ArchivedFact.Kind.DECISION,
                team_id=team,
                consultant_id=consultant,
                at=datetime.combine(decided_on, time(12), zone),
                yes=weighed >= 2,
                own_words=own_words != "",
            )
        )
    ArchivedFact.objects.bulk_create(facts, batch_size=2000)
