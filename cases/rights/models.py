"""A request to erase a resident's file, waiting for the team lead's approval."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.people import Resident, User


class ErasureRequest(models.Model):
    """The consultant asks, the team lead approves (two people) or refuses. Approved, the
    file goes and this request with it; the access log keeps when, by whom and why."""

    class Reason(models.TextChoices):
        MISTAKE = "vergissing", _("Per vergissing ingeschreven")
        REQUEST = "verzoek", _("Op verzoek van de inwoner (AVG artikel 17)")

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="erasure_request"
    )
    reason = models.CharField(_("waarom"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(
        _("toelichting"),
        max_length=1000,
        help_text=_("Wat is er gebeurd? Noem geen namen: dit komt in het logboek."),
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verzoek om te wissen")
        verbose_name_plural = _("verzoeken om te wissen")

    def __str__(self):
        return self.get_reason_display()


class SubjectAccessExport(models.Model):
    """A resident's copy of everything stored about them (AVG art. 15): made by a worker
    (it can take a while for years of history), then kept, exactly as it was handed over,
    until the file itself goes."""

    class Status(models.TextChoices):
        MAKING = "bezig", _("Wordt gemaakt")
        READY = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="access_exports")
    # The one month the AVG gives runs from the day the resident asked.
    asked_on = models.DateField(_("gevraagd op"))
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAKING)
    pdf = models.BinaryField(null=True)
    data = models.BinaryField(null=True)
    descriptions = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-made_at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")

    def __str__(self):
        return f"{self.get_status_display()} {self.made_at:%Y-%m-%d}"

    @property
    def deadline(self):
        """One month after the resident asked (AVG art. 12(3))."""
        asked = self.asked_on
        month, year = (asked.month % 12) + 1, asked.year + (asked.month == 12)
        for day in (asked.day, 30, 29, 28):
            try:
                return asked.replace(year=year, month=month, day=day)
            except ValueError:
                continue
