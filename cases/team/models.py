"""What a team does with its caseload: handovers, case reviews and systeemkritiek."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.people import Resident, User, VisibleThroughResident


class Reassignment(models.Model):
    """A team lead moved a resident to another consultant, with a reason and a handover note."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="reassignments")
    from_consultant = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_consultant = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("naar")
    )
    reason = models.CharField(_("reden"), max_length=200)
    handover_note = models.TextField(_("overdrachtsnotitie"), max_length=2000)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")

    def __str__(self):
        return f"{self.resident} → {self.to_consultant}"


class CaseReviewQuerySet(VisibleThroughResident, models.QuerySet):
    pass


class CaseReview(models.Model):
    """A case on the agenda of the team's casuïstiekbespreking, with its question and outcome."""

    class Status(models.TextChoices):
        ON_AGENDA = "aangemeld", _("Op de agenda")
        DISCUSSED = "besproken", _("Besproken")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="case_reviews")
    question = models.TextField(_("vraag aan het team"), max_length=1000)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("ingebracht op"), default=timezone.now)
    meeting_on = models.DateField(_("bespreken op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ON_AGENDA
    )
    outcome = models.TextField(_("uitkomst: advies en afspraken"), blank=True, max_length=2000)
    discussed_on = models.DateField(_("besproken op"), null=True, blank=True)
    # The team lead plans and records it, perhaps in two tabs; the consultant brought it
    # with one form, perhaps clicked twice.
    version = models.PositiveIntegerField(default=1, editable=False)  # claim_version()
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_on", "requested_at"]
        verbose_name = _("casuïstiekbespreking")
        verbose_name_plural = _("casuïstiekbesprekingen")

    def __str__(self):
        return self.question[:60]


class SignalQuerySet(models.QuerySet):
    def for_team_lead(self, user):
        """The signals of the lead's team; a consultant or beheerder gets none."""
        if not user.is_team_lead or user.team_id is None:
            return self.none()
        return self.filter(signalled_by__team_id=user.team_id)


class Signal(models.Model):
    """Systeemkritiek: what a resident says about rules, letters, waiting or agencies,
    passed on to the team lead so that it does not "disappear somewhere"."""

    class Category(models.TextChoices):
        RULES = "regels", _("Regels en voorwaarden")
        LETTERS = "brieven", _("Brieven en toon")
        WAITING = "wachten", _("Wachten en bereikbaarheid")
        EARLIER = "eerder_contact", _("Eerder contact met de gemeente")
        AGENCIES = "instanties", _("Andere instanties")
        OTHER = "anders", _("Anders")

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        DISCUSSED = "besproken", _("Besproken")
        PASSED_ON = "doorgezet", _("Doorgezet")
        DONE = "afgehandeld", _("Afgehandeld")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="signals")
    category = models.CharField(_("onderwerp"), max_length=20, choices=Category.choices)
    description = models.TextField(_("wat de inwoner zegt"), max_length=2000)
    share_identity = models.BooleanField(
        _("de teamleider mag zien om wie het gaat"),
        default=False,
        help_text=_("Alleen als dat nodig is om er iets mee te doen."),
    )
    signalled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="signals")
    signalled_at = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="nieuw")
    response = models.TextField(_("wat ermee gebeurt"), blank=True, max_length=2000)
    responded_at = models.DateTimeField(null=True, blank=True)
    # The team lead answers it, perhaps in two tabs; the consultant signalled it with one
    # form, perhaps clicked twice.
    version = models.PositiveIntegerField(default=1, editable=False)  # claim_version()
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-signalled_at"]
        verbose_name = _("signaal van systeemkritiek")
        verbose_name_plural = _("signalen van systeemkritiek")

    def __str__(self):
        return self.description[:60]
