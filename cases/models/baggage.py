"""Notes about what the resident carries (bagage)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Resident, User


class BaggageNoteQuerySet(models.QuerySet):
    def visible_to(self, user, resident):
        """The notes about `resident` this user may read.

        Notes the resident allowed in the file follow the case's visibility.
        A "blijft tussen ons" note is for the resident's own consultant only:
        the one who wrote it, or a later consultant if the resident agreed
        that it may be passed on. Team leads never see them.
        """
        notes = self.filter(resident=resident)
        if resident.consultant_id != user.pk:
            return notes.filter(private=False)
        return notes.filter(
            models.Q(private=False) | models.Q(written_by=user) | models.Q(may_pass_on=True)
        )


class BaggageNote(models.Model):
    """Bagage: what the resident carries (a broken life story, earlier experiences)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="baggage")
    text = models.TextField(_("wat de inwoner vertelt"), max_length=2000)
    private = models.BooleanField(
        _("blijft tussen ons"),
        default=True,
        help_text=_("Alleen jij ziet dit; het komt nooit op papier en nooit in een teamoverzicht."),
    )
    may_pass_on = models.BooleanField(
        _("mag mee naar een volgende consulent"),
        default=False,
        help_text=_("Alleen als de inwoner daar zelf ja op heeft gezegd."),
    )
    written_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    objects = BaggageNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at"]
        verbose_name = _("notitie over bagage")
        verbose_name_plural = _("bagage")

    def __str__(self):
        return self.text[:60]
