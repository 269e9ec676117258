"""Writes of the accounts room that are more than a save: a change to someone's place."""

from cases.models import User

from . import audit
from .models import AccountChange

# What decides what an account opens: its role, its team, and whether it works.
PLACE = ("role", "team_id", "is_active")


def place_of(user_id) -> dict | None:
    """An account's role, team and active flag as stored, before a change; None when
    there is no such account yet."""
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).values(*PLACE).first()


def record_place_change(*, user, before, by, at, request=None) -> AccountChange | None:
    """After `user` was saved with `before` (from place_of) as their place before: when
    their role, team or active flag changed, keep the change for the team leads of the
    teams concerned (AccountChange) and write it to the security log, with ids only.
    `by` is the beheerder, or None when the provider's roles claim changed it at a login."""
    was = before or {}
    changed = [field for field in PLACE if before is None or was[field] != getattr(user, field)]
    if not changed:
        return None
    change = AccountChange.objects.create(
        user=user,
        by=by,
        at=at,
        created=before is None,
        role=user.role,
        was_role=was.get("role", ""),
        team_id=user.team_id,
        was_team_id=was.get("team_id"),
        is_active=user.is_active,
        was_active=was.get("is_active"),
    )
    audit.record(
        "user_created" if before is None else "user_changed",
        request=request,
        user_id=by.pk if by is not None else None,
        source="beheer" if by is not None else "provider",
        target_user_id=user.pk,
        fields=",".join(changed),
        role=user.role,
        team_id=user.team_id,
        was_role=was.get("role", ""),
        was_team_id=was.get("team_id", ""),
    )
    return change
