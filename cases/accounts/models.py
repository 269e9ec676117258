"""What the accounts room keeps: changes to who is in a team, and as what."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.people import Team, User


class AccountChangeQuerySet(models.QuerySet):
    def touching_team(self, team_id, *, since):
        """The changes that brought someone into the team, took them out, or changed them
        while in it, from `since` on: what that team's lead is shown."""
        return (
            self.filter(models.Q(team_id=team_id) | models.Q(was_team_id=team_id), at__gte=since)
            .select_related("user", "by", "team", "was_team")
            .order_by("-at")
        )


class AccountChange(models.Model):
    """A role, a team or whether the account works, changed: by a beheerder in /beheer/,
    or by the provider's roles claim at a login (`by` empty). The security log keeps
    every change; these rows show the teams concerned to their team leads, so that a
    case role given to someone is seen by the lead of the team whose cases it opens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    created = models.BooleanField(default=False)
    role = models.CharField(max_length=20, choices=User.Role.choices)
    was_role = models.CharField(max_length=20, choices=User.Role.choices, blank=True)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    was_team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    is_active = models.BooleanField()
    was_active = models.BooleanField(null=True)

    objects = AccountChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("accountwijziging")
        verbose_name_plural = _("accountwijzigingen")

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"

    def described_for(self, team_id) -> list[str]:
        """What changed, in Dutch, as the lead of team `team_id` reads it."""
        lines = []
        if self.created:
            lines.append(_("nieuw account als %(role)s") % {"role": self.get_role_display()})
        elif self.role != self.was_role:
            lines.append(
                _("nu %(role)s, was %(was)s")
                % {"role": self.get_role_display(), "was": self.get_was_role_display()}
            )
        if not self.created and self.team_id != self.was_team_id:
            if self.team_id == team_id:
                lines.append(_("in het team gekomen"))
            elif self.team is not None:
                lines.append(_("naar team %(team)s") % {"team": self.team})
            else:
                lines.append(_("uit het team"))
        if self.was_active is not None and self.is_active != self.was_active:
            lines.append(_("account weer aangezet") if self.is_active else _("account uitgezet"))
        return lines
