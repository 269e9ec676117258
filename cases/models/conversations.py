"""Conversations with their agenda and the agreements made in them."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import NetworkMember, Resident, User, VisibleThroughResident
from .trajectories import Trajectory


class ConversationQuerySet(VisibleThroughResident, models.QuerySet):
    resident_path = "trajectory__resident__"

    def upcoming(self, now=None):
        """Planned conversations still to come."""
        return self.filter(status=Conversation.Status.PLANNED, held_at__gte=now or timezone.now())

    def to_log(self, now=None):
        """Planned conversations whose time has passed: they wait to be logged, moved, or
        closed as cancelled or not attended, and never drop off by themselves."""
        return self.filter(status=Conversation.Status.PLANNED, held_at__lt=now or timezone.now())


class Conversation(models.Model):
    """One contact with the resident: planned with its agenda, then logged."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        HELD = "gevoerd", _("Gevoerd")
        CANCELLED = "afgezegd", _("Afgezegd")
        NO_SHOW = "niet_verschenen", _("Niet verschenen")

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intakegesprek")
        INFORMATION = "informatiebijeenkomst", _("Informatiebijeenkomst")
        DIAGNOSIS = "diagnosegesprek", _("Diagnosegesprek")
        FOLLOW_UP = "vervolggesprek", _("Vervolggesprek")
        EVALUATION = "evaluatiegesprek", _("Evaluatiegesprek")

    class Setting(models.TextChoices):
        OFFICE = "kantoor", _("Op kantoor")
        HOME_VISIT = "huisbezoek", _("Huisbezoek")
        WALK = "wandeling", _("Wandeling")
        PHONE = "telefonisch", _("Telefonisch")
        ONLINE = "online", _("Online")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="conversations"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.HELD
    )
    held_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort gesprek"), max_length=30, choices=Kind.choices)
    setting = models.CharField(_("waar"), max_length=20, choices=Setting.choices)
    participants = models.ManyToManyField(
        NetworkMember, blank=True, related_name="conversations", verbose_name=_("ook aanwezig")
    )
    check_in = models.TextField(
        _("check-in: hoe zit de inwoner erbij?"), blank=True, max_length=1000
    )
    # The resident's own 0-to-10 answer beside the words: the words say why,
    # the numbers make a trend over the conversations.
    check_in_score = models.PositiveSmallIntegerField(
        _("check-in in een getal (0 tot 10)"), null=True, blank=True
    )
    told_decides_too = models.BooleanField(
        _("De inwoner hoorde expliciet: jij beslist mee"), default=False
    )
    steps_worked_on = models.ManyToManyField(
        "steps.Step", blank=True, related_name="+", verbose_name=_("stappen waaraan gewerkt is")
    )
    report = models.TextField(_("verslag: wat is er besproken?"), blank=True, max_length=5000)
    check_out = models.TextField(
        _("check-out: met welk gevoel gaat de inwoner weg?"), blank=True, max_length=1000
    )
    check_out_score = models.PositiveSmallIntegerField(
        _("check-out in een getal (0 tot 10)"), null=True, blank=True
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)  # save_conversation
    # The form's one-time key: a double-clicked submit finds the conversation
    # the first click made instead of making a second one.
    submission = models.UUIDField(unique=True, null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [
            models.Index(fields=["trajectory", "status", "held_at"]),
            # The team's figures over a period (check-ins per month) take a range of
            # held_at over the whole team: a plain range, served here, with the columns
            # they read, so that PostgreSQL reads only the index (the days of a month a
            # period covers in part, cases/team/indicators.py: 12,000 conversations at
            # 6,000 residents, each on its own page of the table).
            models.Index(
                fields=["held_at"],
                include=["trajectory", "check_in_score", "check_out_score"],
                condition=models.Q(status="gevoerd"),  # Status.HELD: Meta cannot see it
                name="conversation_held_at",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(check_in_score__lte=10) & models.Q(check_out_score__lte=10),
                name="check_in_and_out_0_to_10",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.held_at):%d-%m-%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("cases:conversation", args=[self.pk])

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_closed_unheld(self) -> bool:
        """Cancelled, or the resident did not come: it was planned and never held."""
        return self.status in (self.Status.CANCELLED, self.Status.NO_SHOW)

    @property
    def is_due_to_log(self) -> bool:
        return self.is_planned and self.held_at < timezone.now()


class AppointmentChange(models.Model):
    """A planned conversation moved to another time, cancelled, or not attended: each
    on the dossier's timeline, with who asked for it."""

    class What(models.TextChoices):
        MOVED = "verzet", _("Verzet")
        CANCELLED = "afgezegd", _("Afgezegd")
        NO_SHOW = "niet_verschenen", _("Niet verschenen")

    class AskedBy(models.TextChoices):
        RESIDENT = "inwoner", _("de inwoner")
        CONSULTANT = "consulent", _("de consulent")
        NETWORK = "netwerk", _("iemand uit het netwerk")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="appointment_changes"
    )
    what = models.CharField(_("wat"), max_length=20, choices=What.choices)
    asked_by = models.CharField(
        _("op verzoek van"), max_length=10, choices=AskedBy.choices, blank=True
    )
    planned_at = models.DateTimeField(_("gepland op"))
    moved_to = models.DateTimeField(_("verzet naar"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("wijziging van een afspraak")
        verbose_name_plural = _("wijzigingen van afspraken")

    def __str__(self):
        return f"{self.get_what_display()} {self.conversation}"


class AgendaItem(models.Model):
    class RaisedBy(models.TextChoices):
        CONSULTANT = "consulent", _("Consulent")
        RESIDENT = "inwoner", _("Inwoner")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="agenda_items"
    )
    text = models.CharField(_("agendapunt"), max_length=300)
    raised_by = models.CharField(
        _("ingebracht door"), max_length=10, choices=RaisedBy.choices, default=RaisedBy.CONSULTANT
    )
    discussed = models.BooleanField(_("besproken"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.text


class AgreementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Agreement(models.Model):
    """Who does what by when; written down and shared with the resident."""

    class Owner(models.TextChoices):
        RESIDENT = "inwoner", _("Inwoner")
        CONSULTANT = "consulent", _("Consulent")
        NETWORK = "netwerk", _("Iemand uit het netwerk")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="agreements"
    )
    # The conversation's resident, copied: the caseload counts each resident's overdue
    # agreements, and through the conversations that walks a hundred per resident after
    # five years. A copy of a key that never changes (a conversation stays in its
    # trajectory, a trajectory with its resident), set by save() from the conversation;
    # NOT NULL, so a bulk insert that forgets it fails instead of drifting.
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="+", editable=False
    )
    owner = models.CharField(_("wie"), max_length=10, choices=Owner.choices)
    network_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("wie uit het netwerk"),
    )
    what = models.CharField(_("wat"), max_length=300)
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    # Changed on its own page and in its conversation's form: a save based on an older
    # version is refused (cases/versions.py).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        # Open agreements are what every list counts (overdue, due this week), and they
        # are the last few of a file's hundreds: an index of them only stays small.
        indexes = [
            models.Index(
                fields=["conversation", "due_on"],
                condition=models.Q(done_on__isnull=True),
                name="agreement_open",
            ),
            # The same per resident: the caseload's, the dossier's and the day's.
            models.Index(
                fields=["resident", "due_on"],
                condition=models.Q(done_on__isnull=True),
                name="agreement_open_per_resident",
            ),
        ]

    def __str__(self):
        return self.what

    def save(self, *args, **kwargs):
        if self.resident_id is None:
            self.resident_id = self.conversation.trajectory.resident_id
        super().save(*args, **kwargs)

    @property
    def owner_name(self) -> str:
        if self.owner == self.Owner.NETWORK and self.network_member:
            return self.network_member.name
        # The choice's own label: get_owner_display() hashes every choice's label (a
        # translation each) on every call, and the day lists a hundred of these.
        try:
            return self.Owner(self.owner).label
        except ValueError:
            return self.owner

    @property
    def is_overdue(self) -> bool:
        return (
            self.done_on is None and self.due_on is not None and self.due_on < timezone.localdate()
        )


class CheckInTotal(models.Model):
    """Per consultant and local month: how many held conversations of their residents have
    a check-in or check-out number, and the sum and count of each. A stored fact
    (cases/facts.py): the team's check-in figures over five years read these few rows
    instead of every conversation. Residents whose processing is restricted are left
    out, as the team's figures leave them out."""

    consultant = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day
    conversations = models.PositiveIntegerField()
    check_in_sum = models.PositiveIntegerField()
    check_in_count = models.PositiveIntegerField()
    check_out_sum = models.PositiveIntegerField()
    check_out_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultant", "month"], name="check_in_total_once")
        ]

    def __str__(self):
        return f"{self.consultant_id} {self.month:%Y-%m}"


class CorePointTotal(models.Model):
    """Per consultant and local month: what the team's three core points count of their
    residents (cases/team/indicators.py). Trajectories whose first conversation fell in
    the month and in how many of those the resident was told "jij beslist mee"; decisions
    made in the month, with two or more options weighed, and in the resident's own words.
    A stored fact (cases/facts.py), as CheckInTotal: the core points over five years read
    these few rows instead of every trajectory and decision. Residents whose processing
    is restricted are left out, as the figures leave them out."""

    consultant = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day
    first_conversations = models.PositiveIntegerField()
    told_decides_too = models.PositiveIntegerField()
    decisions = models.PositiveIntegerField()
    options_weighed = models.PositiveIntegerField()  # decisions with two or more
    own_words = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultant", "month"], name="core_point_total_once")
        ]

    def __str__(self):
        return f"{self.consultant_id} {self.month:%Y-%m}"
