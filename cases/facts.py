"""Facts about a file's conversations, stored where the lists read them.

A team's lists ask per resident when they were last seen, and the core points ask per
trajectory when its first conversation was held and whether "jij beslist mee" was said
in it. Computed from the conversations, both read about a hundred conversations per
resident after five years (6,000 residents: 600,000 rows sorted for one page), so they
are stored: `Resident.last_contact`, `Trajectory.first_held_at` and
`Trajectory.first_told_decides_too`. Every service that holds, changes or removes a
conversation calls `keep_contact_facts` in its transaction; it recomputes the facts of
the trajectories and residents concerned from their conversations (two UPDATE
statements), so a fact is never more than what its conversations say.
`tests/test_stored_facts.py` checks each against the conversations after every kind of
change.
"""

from django.db.models import OuterRef, Q, Subquery

from .models import Conversation, Resident, Trajectory


def keep_contact_facts(*, trajectory_ids=(), resident_ids=()) -> None:
    """Recompute the stored facts of these trajectories and of these residents (and of
    the residents of these trajectories) from their held conversations."""
    trajectory_ids = list(trajectory_ids)
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    if trajectory_ids:
        first = held.filter(trajectory=OuterRef("pk")).order_by("held_at", "pk")
        Trajectory.objects.filter(pk__in=trajectory_ids).update(
            first_held_at=Subquery(first.values("held_at")[:1]),
            first_told_decides_too=Subquery(first.values("told_decides_too")[:1]),
        )
    residents = Resident.objects.filter(
        Q(pk__in=list(resident_ids)) | Q(trajectories__in=trajectory_ids)
    )
    last = held.filter(trajectory__resident=OuterRef("pk")).order_by("-held_at")
    residents.update(last_contact=Subquery(last.values("held_at")[:1]))


def keep_all_contact_facts() -> None:
    """Every trajectory's and resident's facts, for data written in bulk (the synthetic
    teams to measure on) and once by the migration that made them."""
    held = Conversation.objects.filter(status=Conversation.Status.HELD)
    first = held.filter(trajectory=OuterRef("pk")).order_by("held_at", "pk")
    Trajectory.objects.update(
        first_held_at=Subquery(first.values("held_at")[:1]),
        first_told_decides_too=Subquery(first.values("told_decides_too")[:1]),
    )
    last = held.filter(trajectory__resident=OuterRef("pk")).order_by("-held_at")
    Resident.objects.update(last_contact=Subquery(last.values("held_at")[:1]))
