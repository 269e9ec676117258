"""Documents handed to the resident, kept exactly as they were handed over."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conversations import Conversation
from .people import User, VisibleThroughResident
from .trajectories import Trajectory


class HandedOverDocumentQuerySet(VisibleThroughResident, models.QuerySet):
    resident_path = "trajectory__resident__"

    def listed(self):
        """For lists: everything but the PDF itself, with who handed it over."""
        return self.defer("pdf").select_related("created_by")


class HandedOverDocument(models.Model):
    """The exact PDF a resident was given, printed or mailed, so that "which plan did
    the resident get on 3 March?" has an answer. Never drawn again: the bytes are it."""

    class Kind(models.TextChoices):
        AGREEMENTS = "afsprakenbriefje", _("Afsprakenbriefje")
        PLAN = "doel-actieplan", _("Doel-actieplan")

    class How(models.TextChoices):
        PRINTED = "geprint", _("Geprint en meegegeven")
        MAILED = "gemaild", _("Gemaild")

    class Mail(models.TextChoices):
        QUEUED = "wachtrij", _("Wordt gemaild")
        SENT = "verstuurd", _("Gemaild")
        FAILED = "mislukt", _("Mailen mislukt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="handed_over_documents"
    )
    # What the document was made for stays readable if that record goes.
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handed_over_documents",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    pdf = models.BinaryField(_("pdf"))
    how = models.CharField(_("hoe meegegeven"), max_length=10, choices=How.choices)
    sent_to = models.EmailField(_("gemaild naar"), blank=True)
    # A mailed document goes out through the task queue (cases/tasks.py), as this mail:
    # queued with the document, then sent, or given up after its attempts.
    mail = models.CharField(_("mail"), max_length=10, choices=Mail.choices, blank=True)
    mail_subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    mail_body = models.TextField(_("tekst van de mail"), blank=True)
    mailed_at = models.DateTimeField(_("gemaild of opgegeven op"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("meegegeven op"), default=timezone.now)
    # The hand-over form's one-time key: a double-clicked button keeps one copy
    # and sends one mail.
    submission = models.UUIDField(unique=True, null=True, editable=False)

    objects = HandedOverDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meegegeven document")
        verbose_name_plural = _("meegegeven documenten")
        indexes = [models.Index(fields=["trajectory", "created_at"])]
        constraints = [
            models.CheckConstraint(
                # How.MAILED, which Meta cannot see
                condition=models.Q(how="gemaild", sent_to__gt="")
                | (~models.Q(how="gemaild") & models.Q(sent_to="")),
                name="mailed_documents_have_an_address",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.created_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("cases:handed_over_document", args=[self.pk])

    @property
    def filename(self) -> str:
        return f"{self.kind}-{timezone.localtime(self.created_at):%Y-%m-%d-%H%M}.pdf"
