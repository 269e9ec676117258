"""The aanbod: trajecten and interventies the municipality can offer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.search import every_word_in


class OfferQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, text: str):
        return self.filter(every_word_in(text, "name", "provider", "description", "place"))


class Offer(models.Model):
    """A traject or interventie the municipality can offer: the aanbod, kept by the beheerder."""

    class Kind(models.TextChoices):
        TRAJECTORY = "traject", _("Traject")
        INTERVENTION = "interventie", _("Interventie")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    provider = models.CharField(_("aanbieder"), max_length=150)
    description = models.TextField(_("uitleg in gewone taal"), max_length=2000)
    duration = models.CharField(_("hoe lang"), max_length=100, blank=True)
    hours_per_week = models.CharField(_("uren per week"), max_length=100, blank=True)
    place = models.CharField(_("waar"), max_length=150, blank=True)
    conditions = models.TextField(_("voorwaarden"), blank=True, max_length=1000)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(
        _("in het aanbod"),
        default=True,
        help_text=_("Haal het vinkje weg als dit niet meer wordt aangeboden."),
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self):
        return self.name
