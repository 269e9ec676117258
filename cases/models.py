import uuid
from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def every_word_in(text: str, *fields: str) -> models.Q:
    """A search condition: each word of `text` occurs in at least one of `fields`."""
    condition = models.Q()
    for word in text.split():
        any_field = models.Q()
        for field in fields:
            any_field |= models.Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        CONSULTANT = "consulent", _("Consulent")
        TEAM_LEAD = "teamleider", _("Teamleider")
        BEHEERDER = "beheerder", _("Functioneel beheerder")

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
        help_text=_("Consulenten en teamleiders horen bij één team; een beheerder bij geen."),
    )
    phone = models.CharField(
        _("telefoon voor inwoners"),
        max_length=20,
        blank=True,
        help_text=_("Staat op het afsprakenbriefje en het doel-actieplan, met het e-mailadres."),
    )

    REQUIRED_FIELDS = ["role"]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.role == self.Role.BEHEERDER and self.team_id is not None:
            raise ValidationError({"team": _("Een beheerder hoort niet bij een team.")})
        if self.role != self.Role.BEHEERDER and self.team_id is None:
            raise ValidationError({"team": _("Kies het team van deze consulent of teamleider.")})

    @property
    def is_consultant(self) -> bool:
        return self.role == self.Role.CONSULTANT

    @property
    def is_team_lead(self) -> bool:
        return self.role == self.Role.TEAM_LEAD

    @property
    def is_beheerder(self) -> bool:
        return self.role == self.Role.BEHEERDER


def residents_visible_to(user, path: str = "") -> models.Q | None:
    """The one place that decides whose residents a user may see: a condition on the
    resident at `path` (from a trajectory "resident__"), or None for no one.

    A consultant sees their own caseload, a team lead their team's, and
    anyone else (a beheerder) no resident at all.
    """
    if not user.is_authenticated:
        return None
    if user.is_consultant:
        return models.Q(**{f"{path}consultant": user})
    if user.is_team_lead and user.team_id is not None:
        return models.Q(**{f"{path}consultant__team_id": user.team_id})
    return None


class VisibleThroughResident:
    """For querysets of what belongs to a resident: visible to whoever may see the
    resident. A join rather than a subquery: the dossier runs it on every visit."""

    resident_path = "resident__"

    def visible_to(self, user):
        condition = residents_visible_to(user, self.resident_path)
        return self.none() if condition is None else self.filter(condition)


class ResidentQuerySet(VisibleThroughResident, models.QuerySet):
    resident_path = ""

    def with_caseload_facts(self):
        """Per resident: step and round, last contact, next appointment, overdue agreements
        and an overdue evaluation.

        One query for a caseload of any size: the open trajectory is joined
        (a resident has at most one), the rest are subqueries.
        """
        mine = {"trajectory__resident": models.OuterRef("pk")}
        held = Conversation.objects.filter(status=Conversation.Status.HELD, **mine)
        planned = Conversation.objects.upcoming().filter(**mine)
        overdue = (
            Agreement.objects.overdue()
            .filter(conversation__trajectory__resident=models.OuterRef("pk"))
            .values("conversation__trajectory__resident")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            open_trajectory=models.FilteredRelation(
                "trajectories", condition=~models.Q(trajectories__status=Trajectory.Status.CLOSED)
            ),
            trajectory_id=models.F("open_trajectory__id"),
            current_step=models.F("open_trajectory__current_step"),
            cycle=models.F("open_trajectory__cycle"),
            trajectory_status=models.F("open_trajectory__status"),
            last_contact=models.Subquery(held.order_by("-held_at").values("held_at")[:1]),
            next_appointment=models.Subquery(planned.order_by("held_at").values("held_at")[:1]),
            overdue_count=Coalesce(models.Subquery(overdue), 0),
            evaluation_overdue_on=models.Subquery(
                Decision.objects.evaluation_overdue()
                .filter(plan__trajectory__resident=models.OuterRef("pk"))
                .values("evaluation_on")[:1]
            ),
        )

    def search(self, text: str):
        return self.filter(every_word_in(text, "first_name", "infix", "last_name"))


class Resident(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")
        POST = "post", _("Per post")
        IN_PERSON = "persoonlijk", _("Op papier in het gesprek")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultant = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="caseload",
        verbose_name=_("consulent"),
        limit_choices_to={"role": User.Role.CONSULTANT},
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    infix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100)
    date_of_birth = models.DateField(_("geboortedatum"))
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    street_address = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    preferred_channel = models.CharField(
        _("afspraken ontvangen via"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.IN_PERSON,
    )
    language = models.CharField(_("taal"), max_length=50, default="Nederlands")
    needs_interpreter = models.BooleanField(_("tolk nodig"), default=False)
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # Raised by every save through a form: a save based on an older version
    # is refused instead of silently overwriting a colleague's changes.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        indexes = [models.Index(fields=["consultant", "last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("cases:resident", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.infix, self.last_name) if part)

    @property
    def initials(self) -> str:
        """For the team's case review: enough to recognise the case, no more."""
        return f"{self.first_name[:1]}.{self.last_name[:1]}.".upper()

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class NetworkMember(models.Model):
    class Role(models.TextChoices):
        CAREGIVER = "mantelzorger", _("Mantelzorger")
        SUPPORT_WORKER = "begeleider", _("Begeleider")
        CONFIDANT = "vertrouwenspersoon", _("Vertrouwenspersoon")
        FAMILY = "familie", _("Familie")
        OTHER = "anders", _("Anders")

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="network", verbose_name=_("inwoner")
    )
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    relation = models.CharField(
        _("relatie"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: moeder, ambulant begeleider, buurman."),
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    joins_conversations = models.BooleanField(_("komt mee naar gesprekken"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("iemand uit het netwerk")
        verbose_name_plural = _("netwerk")

    def __str__(self):
        return self.name


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
    current_step = models.PositiveSmallIntegerField(_("huidige stap"), default=FIRST_STEP)
    cycle = models.PositiveSmallIntegerField(_("ronde"), default=1)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=~models.Q(status="afgesloten"),
                name="one_open_trajectory_per_resident",
                violation_error_message=_("Deze inwoner heeft al een lopend traject."),
            ),
            models.CheckConstraint(
                condition=models.Q(current_step__gte=1, current_step__lte=7),
                name="trajectory_step_1_to_7",
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


class ConversationQuerySet(VisibleThroughResident, models.QuerySet):
    resident_path = "trajectory__resident__"

    def upcoming(self):
        """Planned conversations still to come; one earlier today that has not been
        logged yet counts too."""
        return self.filter(
            status=Conversation.Status.PLANNED, held_at__gte=Conversation.upcoming_since()
        )


class Conversation(models.Model):
    """One contact with the resident: planned with its agenda, then logged."""

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        HELD = "gevoerd", _("Gevoerd")

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
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    held_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort gesprek"), max_length=30, choices=Kind.choices)
    setting = models.CharField(_("waar"), max_length=20, choices=Setting.choices)
    participants = models.ManyToManyField(
        NetworkMember, blank=True, related_name="conversations", verbose_name=_("ook aanwezig")
    )
    check_in = models.TextField(_("check-in: hoe zit de inwoner erbij?"), blank=True)
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
    report = models.TextField(_("verslag: wat is er besproken?"), blank=True)
    check_out = models.TextField(_("check-out: met welk gevoel gaat de inwoner weg?"), blank=True)
    check_out_score = models.PositiveSmallIntegerField(
        _("check-out in een getal (0 tot 10)"), null=True, blank=True
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The form's one-time key: a double-clicked submit finds the conversation
    # the first click made instead of making a second one.
    submission = models.UUIDField(unique=True, null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        indexes = [models.Index(fields=["trajectory", "status", "held_at"])]
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

    @staticmethod
    def upcoming_since():
        """A planned conversation from this moment on is still to come (see upcoming())."""
        return timezone.now() - timedelta(hours=12)

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED


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

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self):
        return self.what

    @property
    def owner_name(self) -> str:
        if self.owner == self.Owner.NETWORK and self.network_member:
            return self.network_member.name
        return self.get_owner_display()

    @property
    def is_overdue(self) -> bool:
        return (
            self.done_on is None and self.due_on is not None and self.due_on < timezone.localdate()
        )


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
    handover_note = models.TextField(_("overdrachtsnotitie"))
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
    question = models.TextField(_("vraag aan het team"))
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("ingebracht op"), default=timezone.now)
    meeting_on = models.DateField(_("bespreken op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ON_AGENDA
    )
    outcome = models.TextField(_("uitkomst: advies en afspraken"), blank=True)
    discussed_on = models.DateField(_("besproken op"), null=True, blank=True)

    objects = CaseReviewQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_on", "requested_at"]
        verbose_name = _("casuïstiekbespreking")
        verbose_name_plural = _("casuïstiekbesprekingen")

    def __str__(self):
        return self.question[:60]


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
    description = models.TextField(_("uitleg in gewone taal"))
    duration = models.CharField(_("hoe lang"), max_length=100, blank=True)
    hours_per_week = models.CharField(_("uren per week"), max_length=100, blank=True)
    place = models.CharField(_("waar"), max_length=150, blank=True)
    conditions = models.TextField(_("voorwaarden"), blank=True)
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
    description = models.TextField(_("wat de inwoner zegt"))
    share_identity = models.BooleanField(
        _("de teamleider mag zien om wie het gaat"),
        default=False,
        help_text=_("Alleen als dat nodig is om er iets mee te doen."),
    )
    signalled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="signals")
    signalled_at = models.DateTimeField(_("gesignaleerd op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="nieuw")
    response = models.TextField(_("wat ermee gebeurt"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-signalled_at"]
        verbose_name = _("signaal van systeemkritiek")
        verbose_name_plural = _("signalen van systeemkritiek")

    def __str__(self):
        return self.description[:60]


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
    text = models.TextField(_("wat de inwoner vertelt"))
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

    objects = BaggageNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-written_at"]
        verbose_name = _("notitie over bagage")
        verbose_name_plural = _("bagage")

    def __str__(self):
        return self.text[:60]


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
    drives = models.TextField(_("wat de inwoner in beweging brengt"), blank=True)
    holds_back = models.TextField(_("wat de inwoner tegenhoudt"), blank=True)
    wishes = models.TextField(_("wensen"), blank=True)
    worries = models.TextField(_("zorgen"), blank=True)
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
    situation = models.TextField(_("hoe het nu gaat"), blank=True)
    wish = models.TextField(_("wat de inwoner wil"), blank=True)
    limits = models.TextField(_("wat belemmert"), blank=True)
    helps = models.TextField(_("wat helpt"), blank=True)
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
    wanting = models.TextField(_("willen"), blank=True)
    able = models.TextField(_("kunnen"), blank=True)
    picture = models.TextField(_("ons beeld"), blank=True)
    recognised = models.CharField(
        _("herkent zich erin"), max_length=10, choices=Recognised.choices, blank=True
    )
    reaction = models.TextField(_("reactie van de inwoner"), blank=True)
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


# The doel-actieplan (steps 4 to 7). Goals and sub-goals belong to the plan;
# options, the decision, actions and the evaluation belong to a round
# (`cycle`), so every round keeps its own. Every part carries a version: two
# people editing the same part never overwrite each other silently, and parts
# edited side by side (a goal here, an action there) do not get in each other's way.


class Plan(models.Model):
    """The doel-actieplan of a trajectory, made together and handed over on paper."""

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, primary_key=True, related_name="plan"
    )
    max_options = models.PositiveSmallIntegerField(
        _("hoeveel mogelijkheden wil de inwoner afwegen?"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(2, 7)],
        help_text=_("Sommige inwoners willen er hooguit twee naast elkaar zien."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("doel-actieplan")
        verbose_name_plural = _("doel-actieplannen")

    def __str__(self):
        return _("Doel-actieplan van %(name)s") % {"name": self.trajectory.resident.full_name}

    def get_absolute_url(self):
        return reverse("cases:plan", args=[self.trajectory_id])


class Author(models.TextChoices):
    RESIDENT = "inwoner", _("de inwoner")
    CONSULTANT = "consulent", _("de consulent")
    TOGETHER = "samen", _("samen")


class Goal(models.Model):
    """Step 4: a goal for work or participation, in the resident's own words."""

    class Domain(models.TextChoices):
        WORK = "werk", _("Werk")
        PARTICIPATION = "participatie", _("Participatie")
        BOTH = "beide", _("Werk en participatie")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    in_own_words = models.TextField(_("het doel in de woorden van de inwoner"))
    paraphrase = models.TextField(
        _("zo zegt de consulent het"),
        blank=True,
        help_text=_("Alleen als het helpt; de woorden van de inwoner blijven staan."),
    )
    domain = models.CharField(_("gebied"), max_length=15, choices=Domain.choices)
    why_it_matters = models.TextField(_("waarom dit belangrijk is voor de inwoner"), blank=True)
    feasibility = models.TextField(
        _("is het haalbaar?"),
        blank=True,
        help_text=_("Wat maakt het haalbaar, wat is er nog voor nodig? Knip het zo nodig op."),
    )
    position = models.PositiveSmallIntegerField(_("prioriteit"), default=1)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.in_own_words

    @property
    def first_step_not_the_residents(self) -> bool:
        """The method lets the resident word the first sub-goal; say so when someone else did."""
        sub_goals = self.sub_goals.all()  # prefetched by the plan
        return bool(sub_goals) and sub_goals[0].formulated_by != Author.RESIDENT


class SubGoal(models.Model):
    """A smaller step towards a goal; the plan records who put it into words."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="sub_goals")
    text = models.CharField(_("subdoel"), max_length=300)
    formulated_by = models.CharField(
        _("verwoord door"), max_length=10, choices=Author.choices, default=Author.RESIDENT
    )
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("subdoel")
        verbose_name_plural = _("subdoelen")

    def __str__(self):
        return self.text

    @property
    def authorship(self) -> str:
        if self.formulated_by == Author.TOGETHER:
            return _("samen verwoord")
        return _("verwoord door %(who)s") % {"who": self.get_formulated_by_display()}


class Option(models.Model):
    """Step 5: one column of the choice card, from the aanbod or in the resident's words."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="options")
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uit het aanbod"),
    )
    title = models.CharField(_("mogelijkheid"), max_length=150)
    is_waiting = models.BooleanField(default=False, editable=False)
    helps_goal = models.TextField(_("hoe helpt het om het doel te bereiken?"), blank=True)
    expected_of_resident = models.TextField(_("wat wordt er van de inwoner verwacht?"), blank=True)
    expected_of_us = models.TextField(_("wat mag de inwoner van ons verwachten?"), blank=True)
    time = models.CharField(_("tijd: uren per week, hoe lang"), max_length=150, blank=True)
    travel = models.CharField(_("reizen"), max_length=150, blank=True)
    pros = models.TextField(_("voordelen, zoals de inwoner ze ziet"), blank=True)
    cons = models.TextField(_("nadelen, zoals de inwoner ze ziet"), blank=True)
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["is_waiting", "position", "pk"]
        verbose_name = _("keuzemogelijkheid")
        verbose_name_plural = _("keuzemogelijkheden")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "cycle"],
                condition=models.Q(is_waiting=True),
                name="one_waiting_option_per_round",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_weighed(self) -> bool:
        """A real option whose pros or cons were talked through (the second core point)."""
        return not self.is_waiting and bool(self.pros.strip() or self.cons.strip())


class OptionQuestion(models.Model):
    """A question of the resident's own: a row of the choice card."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="questions")
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    text = models.CharField(_("vraag van de inwoner"), max_length=200)
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("vraag van de inwoner")
        verbose_name_plural = _("vragen van de inwoner")

    def __str__(self):
        return self.text


class OptionAnswer(models.Model):
    """What one option means for one of the resident's questions: a cell of the choice card."""

    question = models.ForeignKey(OptionQuestion, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("antwoord"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "option"], name="one_answer_per_cell")
        ]

    def __str__(self):
        return self.text


class DecisionQuerySet(models.QuerySet):
    def evaluation_overdue(self, today=None):
        """Decisions of the current round of an open trajectory whose evaluation date has
        passed without an evaluation."""
        evaluated = Evaluation.objects.filter(
            plan=models.OuterRef("plan"), cycle=models.OuterRef("cycle")
        )
        return (
            self.filter(
                evaluation_on__lt=today or timezone.localdate(),
                cycle=models.F("plan__trajectory__cycle"),
            )
            .exclude(plan__trajectory__status=Trajectory.Status.CLOSED)
            .exclude(models.Exists(evaluated))
        )


class Decision(models.Model):
    """Step 6: what the resident and the consultant chose together in a round."""

    class Information(models.TextChoices):
        ENOUGH = "ja", _("Ja, genoeg informatie")
        PARTLY = "deels", _("Deels")
        NOT_ENOUGH = "nee", _("Nee, nog niet genoeg")

    class Satisfaction(models.TextChoices):
        SATISFIED = "tevreden", _("Tevreden")
        NEUTRAL = "neutraal", _("Neutraal")
        DISSATISFIED = "ontevreden", _("Niet tevreden")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="decisions")
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    option = models.ForeignKey(
        Option, on_delete=models.PROTECT, related_name="+", verbose_name=_("gekozen mogelijkheid")
    )
    # Not required: a decision recorded without the resident's words is still a
    # decision, and the team's third core point counts how often that happens.
    in_own_words = models.TextField(_("het besluit in de woorden van de inwoner"), blank=True)
    enough_information = models.CharField(
        _("had de inwoner genoeg informatie om te kiezen?"),
        max_length=10,
        choices=Information.choices,
    )
    satisfaction = models.CharField(
        _("hoe tevreden is de inwoner over het besluit?"),
        max_length=10,
        choices=Satisfaction.choices,
    )
    evaluation_on = models.DateField(_("evaluatie op"))
    # How many real options had their pros or cons weighed when the decision
    # was made: the team's second core point reads this, and later edits of
    # the choice card do not rewrite history.
    options_weighed = models.PositiveSmallIntegerField(default=0, editable=False)
    decided_on = models.DateField(_("besloten op"), default=timezone.localdate)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["cycle"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(fields=["plan", "cycle"], name="one_decision_per_round")
        ]

    def __str__(self):
        return self.in_own_words


class Action(models.Model):
    """Step 6: a concrete action of the plan: who does what, by when."""

    class Owner(models.TextChoices):
        RESIDENT = "inwoner", _("Inwoner")
        CONSULTANT = "consulent", _("Consulent")
        NETWORK = "netwerk", _("Iemand uit het netwerk")
        PROVIDER = "aanbieder", _("Aanbieder")

    class Status(models.TextChoices):
        OPEN = "open", _("Nog te doen")
        BUSY = "bezig", _("Bezig")
        DONE = "gedaan", _("Gedaan")
        DROPPED = "vervallen", _("Vervallen")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    owner = models.CharField(_("wie"), max_length=10, choices=Owner.choices)
    network_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie uit het netwerk"),
    )
    provider = models.CharField(_("welke aanbieder"), max_length=150, blank=True)
    what = models.CharField(_("wat"), max_length=300)
    due_on = models.DateField(_("wanneer"))
    status = models.CharField(
        _("stand"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self):
        return self.what

    @property
    def owner_name(self) -> str:
        if self.owner == self.Owner.NETWORK and self.network_member:
            return self.network_member.name
        if self.owner == self.Owner.PROVIDER and self.provider:
            return self.provider
        return self.get_owner_display()


class Evaluation(models.Model):
    """Step 7: looking back together on a round, and what comes next."""

    class Next(models.TextChoices):
        CARRY_ON = "doorgaan", _("Doorgaan zoals afgesproken")
        ADJUST_GOAL = "doel", _("Het doel bijstellen")
        ADJUST_OPTION = "keuze", _("Een andere mogelijkheid kiezen")
        NEW_ROUND = "ronde", _("Een nieuwe ronde vanaf stap 3")
        CLOSE = "afsluiten", _("Het traject afsluiten")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    cycle = models.PositiveSmallIntegerField(_("ronde"))
    held_on = models.DateField(_("geëvalueerd op"), default=timezone.localdate)
    what_changed = models.TextField(_("wat is er veranderd voor de inwoner?"))
    how_it_helps = models.TextField(_("hoe helpt dat om het doel te bereiken?"), blank=True)
    next_step = models.CharField(_("hoe verder?"), max_length=10, choices=Next.choices)
    evaluated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["cycle"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.UniqueConstraint(fields=["plan", "cycle"], name="one_evaluation_per_round")
        ]

    def __str__(self):
        return self.what_changed


class PlanChange(models.Model):
    """A line in the plan's history; the dossier's timeline shows it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("wijziging van het plan")
        verbose_name_plural = _("wijzigingen van het plan")

    def __str__(self):
        return self.summary
