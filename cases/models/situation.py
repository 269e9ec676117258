"""Steps 2 and 3: life domains, the picture made together, drives and scale questions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import User
from .trajectories import Trajectory


class MotivationRecord(models.Model):
    """Step 3: what moves the resident and what holds them back, measured on a date."""

    class Stage(models.TextChoices):
        PRECONTEMPLATION = "voorbeschouwing", _("Voorbeschouwing")
        CONTEMPLATION = "overweging", _("Overweging")
        PREPARATION = "voorbereiding", _("Voorbereiding")
        ACTION = "actie", _("Actie")
        MAINTENANCE = "volhouden", _("Volhouden")
        RELAPSE = "terugval", _("Terugval")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="motivation_records"
    )
    recorded_on = models.DateField(_("datum"), default=timezone.localdate)
    drives = models.TextField(_("wat de inwoner in beweging brengt"), blank=True, max_length=1000)
    holds_back = models.TextField(_("wat de inwoner tegenhoudt"), blank=True, max_length=1000)
    wishes = models.TextField(_("wensen"), blank=True, max_length=1000)
    worries = models.TextField(_("zorgen"), blank=True, max_length=1000)
    stage = models.CharField(
        _("fase van gedragsverandering"), max_length=20, choices=Stage.choices, blank=True
    )
    importance = models.PositiveSmallIntegerField(
        _("hoe belangrijk is werk of meedoen nu? (0 tot 10)"), null=True, blank=True
    )
    confidence = models.PositiveSmallIntegerField(
        _("hoeveel vertrouwen heb je dat het lukt? (0 tot 10)"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    class Meta:
        ordering = ["recorded_on", "pk"]
        verbose_name = _("drijfveren en schaalvragen")
        verbose_name_plural = _("drijfveren en schaalvragen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__lte=10) & models.Q(confidence__lte=10),
                name="scale_questions_0_to_10",
            )
        ]

    def __str__(self):
        return f"{self.trajectory} {self.recorded_on}"


class LifeDomain(models.Model):
    """Step 2: how the resident is doing on one life domain, and the phase they are in there.

    One row per trajectory and domain, made the first time the domain is filled
    in; what changed and who changed it is kept in SituationChange.
    """

    class Domain(models.TextChoices):
        HOUSING = "wonen", _("Wonen")
        WORK = "werk", _("Werk")
        LEARNING = "leren", _("Leren en opleiding")
        DAYTIME = "dagbesteding", _("Dagbesteding en vrije tijd")
        SOCIAL = "contacten", _("Sociale contacten")
        MONEY = "financien", _("Financiën")
        HEALTH = "gezondheid", _("Gezondheid")

    class Phase(models.TextChoices):
        """The phases of the individuele rehabilitatiebenadering (IRB), seed 004."""

        EXPLORING = "verkennen", _("Verkennen")
        CHOOSING = "kiezen", _("Kiezen")
        GETTING = "verkrijgen", _("Verkrijgen")
        KEEPING = "behouden", _("Behouden")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="life_domains"
    )
    domain = models.CharField(_("levensgebied"), max_length=20, choices=Domain.choices)
    situation = models.TextField(_("hoe het nu gaat"), blank=True, max_length=2000)
    wish = models.TextField(_("wat de inwoner wil"), blank=True, max_length=2000)
    limits = models.TextField(_("wat belemmert"), blank=True, max_length=2000)
    helps = models.TextField(_("wat helpt"), blank=True, max_length=2000)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, blank=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("bijgewerkt door")
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("levensgebied")
        verbose_name_plural = _("levensgebieden")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "domain"], name="one_row_per_life_domain")
        ]

    def __str__(self):
        return self.get_domain_display()


class PersonalSituation(models.Model):
    """Step 2 as a whole: willen and kunnen, and "ons beeld" as tested with the resident."""

    class Recognised(models.TextChoices):
        YES = "ja", _("Ja")
        PARTLY = "deels", _("Gedeeltelijk")
        NO = "nee", _("Nee")

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, related_name="personal_situation"
    )
    wanting = models.TextField(_("willen"), blank=True, max_length=2000)
    able = models.TextField(_("kunnen"), blank=True, max_length=2000)
    picture = models.TextField(_("ons beeld"), blank=True, max_length=2000)
    recognised = models.CharField(
        _("herkent zich erin"), max_length=10, choices=Recognised.choices, blank=True
    )
    reaction = models.TextField(_("reactie van de inwoner"), blank=True, max_length=2000)
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("bijgewerkt door")
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("persoonlijke situatie")
        verbose_name_plural = _("persoonlijke situaties")

    def __str__(self):
        return str(self.trajectory)


class SituationChange(models.Model):
    """Who changed a life domain or the picture of step 2, when, and what they changed.

    `changes` maps each changed field to its old and new value, so the
    history reads as "fase: verkennen → kiezen" without a copy of every version.
    """

    PICTURE = "beeld"  # `subject` of a change to the PersonalSituation

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="situation_changes"
    )
    subject = models.CharField(_("onderdeel"), max_length=20)
    changes = models.JSONField(_("wijzigingen"))
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("wijziging in de persoonlijke situatie")
        verbose_name_plural = _("wijzigingen in de persoonlijke situatie")
        indexes = [models.Index(fields=["trajectory", "-changed_at"])]

    def __str__(self):
        return f"{self.subject} {self.changed_at:%Y-%m-%d %H:%M}"
