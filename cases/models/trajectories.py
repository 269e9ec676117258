"""A resident's trajectory through the seven steps: its step history and checklist ticks."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Resident, User, VisibleThroughResident


class TrajectoryQuerySet(VisibleThroughResident, models.QuerySet):
    pass


class Trajectory(models.Model):
    """One route of a resident towards work or participation, through the seven steps.

    The seven steps run in rounds: after evaluating (step 7) the work may go
    round again from step 3, and `cycle` counts the rounds.
    """

    FIRST_STEP, LAST_STEP, NEW_ROUND_STEP = 1, 7, 3

    class Status(models.TextChoices):
        ACTIVE = "actief", _("Actief")
        PAUSED = "gepauzeerd", _("Gepauzeerd")
        CLOSED = "afgesloten", _("Afgesloten")

    class Outcome(models.TextChoices):
        WORK = "werk", _("Werk")
        EDUCATION = "opleiding", _("Opleiding")
        PARTICIPATION = "participatie", _("Participatie")
        MOVED = "verhuisd", _("Verhuisd")
        OTHER = "anders", _("Anders")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="trajectories", verbose_name=_("inwoner")
    )
    started_on = models.DateField(_("gestart op"), default=timezone.localdate)
    started_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("gestart door")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    # Set when it closes, from the retention rule of its outcome (cases/retention/).
    destroy_on = models.DateField(_("te vernietigen op"), null=True, blank=True)
    current_step = models.PositiveSmallIntegerField(_("huidige stap"), default=FIRST_STEP)
    cycle = models.PositiveSmallIntegerField(_("ronde"), default=1)
    # Its first held conversation: when, and whether the resident heard "jij beslist mee"
    # in it (the first core point). Stored for the team's figures (cases/facts.py).
    first_held_at = models.DateTimeField(_("eerste gesprek"), null=True, editable=False)
    first_told_decides_too = models.BooleanField(
        _("in het eerste gesprek gezegd: jij beslist mee"), null=True, editable=False
    )
    # Raised by every move to a step, new round and change of status: ten clicks on
    # "naar stap" at once write one move, not a step history that never happened.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=~models.Q(status="afgesloten"),  # Status.CLOSED: Meta cannot see it
                name="one_open_trajectory_per_resident",
                violation_error_message=_("Deze inwoner heeft al een lopend traject."),
            ),
            models.CheckConstraint(
                condition=models.Q(current_step__gte=1, current_step__lte=7),
                name="trajectory_step_1_to_7",
            ),
        ]
        indexes = [
            models.Index(fields=["first_held_at"], name="trajectory_first_held_at"),
            models.Index(
                fields=["destroy_on"],
                condition=models.Q(destroy_on__isnull=False),
                name="trajectory_destroy_on",
            ),
        ]

    def __str__(self):
        return _("Traject van %(name)s sinds %(date)s") % {
            "name": self.resident.full_name,
            "date": self.started_on.strftime("%d-%m-%Y"),
        }

    def get_absolute_url(self):
        return reverse("cases:trajectory", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    def chosen_round(self, asked: str | None) -> int:
        """The round asked for (`?ronde=`), when this trajectory has it; else the current one."""
        try:
            cycle = int(asked or self.cycle)
        except ValueError:
            return self.cycle
        return cycle if 1 <= cycle <= self.cycle else self.cycle


class StepChange(models.Model):
    """The consultant moved the trajectory to another step (or a new round)."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="step_changes"
    )
    from_step = models.PositiveSmallIntegerField(_("van stap"), null=True)
    to_step = models.PositiveSmallIntegerField(_("naar stap"))
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("stapwissel")
        verbose_name_plural = _("stapwissels")

    def __str__(self):
        return f"{self.from_step} → {self.to_step} ({self.cycle})"


class Tick(models.Model):
    """A checklist item done, or marked not applicable, in one trajectory and round."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="ticks")
    item = models.ForeignKey("steps.ChecklistItem", on_delete=models.PROTECT, related_name="ticks")
    # The words the item had when it was ticked (cases.services.tick).
    wording = models.ForeignKey(
        "steps.ChecklistItemWording", on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    not_applicable = models.BooleanField(_("niet van toepassing"), default=False)
    reason = models.CharField(_("waarom niet van toepassing"), max_length=300, blank=True)
    ticked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    ticked_at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-ticked_at"]
        verbose_name = _("vinkje")
        verbose_name_plural = _("vinkjes")
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "item", "cycle"], name="one_tick_per_item_and_round"
            )
        ]

    def __str__(self):
        return f"{self.item} ({self.cycle})"
