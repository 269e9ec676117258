"""How long a closed trajectory is kept, the lists of what was destroyed, and the
anonymous facts that keep the team's figures for past periods whole."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.people import Team, User
from cases.models.trajectories import Trajectory


class RetentionRule(models.Model):
    """Years a trajectory is kept after it closed, per outcome. The defaults follow the
    Selectielijst gemeenten en intergemeentelijke organen 2020 for a provision in the
    social domain; the municipal archivist decides the real mapping, the beheerder
    enters it in /beheer/."""

    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=Trajectory.Outcome.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(_("jaren bewaren na afsluiten"))
    basis = models.CharField(
        _("grond"),
        max_length=300,
        help_text=_("Waar de termijn op rust, bijvoorbeeld de categorie van de selectielijst."),
    )

    class Meta:
        ordering = ["outcome"]
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.years}"


class DestructionList(models.Model):
    """What `manage.py retention` found due for one team, approved (and then destroyed
    in one transaction) or refused by its team lead. Kept as the proof of destruction:
    ids and counts, never a name."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Wacht op goedkeuring")
        DESTROYED = "vernietigd", _("Vernietigd")
        REFUSED = "afgewezen", _("Afgewezen")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    trajectory_ids = models.JSONField(_("trajecten"), default=list)
    # Residents whose whole file goes: no other trajectory is left to keep it.
    resident_ids = models.JSONField(_("inwoners"), default=list)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal = models.CharField(_("waarom niet"), max_length=300, blank=True)
    # After destruction: how many rows of each kind went (the proof).
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-made_at"]
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")

    def __str__(self):
        return f"{self.team} {self.made_at:%Y-%m-%d}"


class ArchivedFact(models.Model):
    """One fact behind the team's figures from a destroyed trajectory, without anything
    of the resident: the team and consultant it counted for, when, and the outcome. The
    core points and check-in averages of past periods read these beside the live rows,
    so destroying a file does not change them."""

    class Kind(models.TextChoices):
        FIRST_CONVERSATION = "eerste-gesprek", _("Eerste gesprek")
        DECISION = "besluit", _("Besluit")
        CHECK_IN = "check-in", _("Check-in en check-out")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    team_id = models.IntegerField()
    consultant_id = models.IntegerField(null=True)
    at = models.DateTimeField()
    # First conversation: told "jij beslist mee". Decision: two or more options weighed.
    yes = models.BooleanField(null=True)
    # Decision: recorded in the resident's own words.
    own_words = models.BooleanField(null=True)
    check_in = models.PositiveSmallIntegerField(null=True)
    check_out = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["team_id", "kind", "at"], name="archived_fact_team")]

    def __str__(self):
        return f"{self.kind} {self.at:%Y-%m-%d}"
