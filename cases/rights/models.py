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
