"""Users and teams, and the residents with their network: who may see whom starts here."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.addresses import address
from cases.search import folded_name, resident_condition


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    office_address = models.CharField(
        _("adres van het kantoor"),
        max_length=200,
        blank=True,
        help_text=_(
            "Waar inwoners naartoe komen voor een gesprek op kantoor, bijvoorbeeld "
            "“Koningstraat 38, 6811 DG Arnhem”. Het staat op het afsprakenbriefje en de agenda."
        ),
    )

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
        # Reads the access log of the whole municipality, never a file itself.
        PRIVACY_OFFICER = "privacy", _("Privacy- en securityfunctionaris")

    # Roles that see no case data and belong to no team.
    ROLES_WITHOUT_TEAM = (Role.BEHEERDER, Role.PRIVACY_OFFICER)

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
        help_text=_(
            "Consulenten en teamleiders horen bij één team; een beheerder en een "
            "privacyfunctionaris bij geen."
        ),
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
        without_team = self.ROLES_WITHOUT_TEAM
        if self.role in without_team and self.team_id is not None:
            raise ValidationError(
                {"team": _("Een beheerder of privacyfunctionaris hoort niet bij een team.")}
            )
        if self.role not in without_team and self.team_id is None:
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

    @property
    def is_privacy_officer(self) -> bool:
        return self.role == self.Role.PRIVACY_OFFICER


def residents_visible_to(user, path: str = "") -> models.Q | None:
    """The one place that decides whose residents a user may see: a condition on the
    resident at `path` (from a trajectory "resident__"), or None for no one.

    A consultant sees their own caseload, a team lead their team's, and
    anyone else (a beheerder, the privacy officer) no resident at all.
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

    def search(self, text: str):
        """By name (whatever the accents and capitals), date of birth, phone or postcode."""
        return self.filter(resident_condition(text))


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
    notes = models.TextField(_("notities"), blank=True, max_length=2000)
    # Set by a handover, cleared when the new consultant first opens the dossier: until
    # then their caseload and day say "Nieuw bij jou".
    new_to_consultant = models.BooleanField(
        _("nieuw bij de consulent"), default=False, editable=False
    )
    # AVG art. 18: while set, the file is read-only for everyone and left out of the
    # team's figures and exports (cases/rights/). Set and lifted by the team lead.
    restricted_since = models.DateTimeField(_("verwerking beperkt sinds"), null=True, blank=True)
    restriction_reason = models.CharField(_("reden van de beperking"), max_length=300, blank=True)
    # The last conversation held with them, in any trajectory: stored for the lists
    # (cases/facts.py), kept by the services that hold or remove conversations.
    last_contact = models.DateTimeField(_("laatste contact"), null=True, editable=False)
    # The name as a search reads it (cases/search.py), computed and stored by the
    # database at every write, so no way of writing leaves it behind: a team lead's
    # search through 6,000 residents folded every name twice a page, 80 ms each time.
    search_name = models.GeneratedField(
        expression=folded_name(),
        output_field=models.CharField(max_length=230),
        db_persist=True,
    )
    # Set by the services (register_resident, update_resident), from their clock.
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), default=timezone.now, editable=False)
    # Raised by every save through a form: a save based on an older version
    # is refused instead of silently overwriting a colleague's changes.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The one-time key of the form that registered them: a double click makes one.
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        indexes = [
            models.Index(fields=["consultant", "last_name", "first_name"]),
            # A team lead's residents by name, 100 a page: read in this order and stopped
            # after the page, instead of sorting the whole team's 6,000 (and a search's
            # matches found on the way, Resident.search_name).
            models.Index(fields=["last_name", "first_name", "id"], name="resident_by_name"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return address("cases:resident", self.pk)  # in every list of residents

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.infix, self.last_name) if part)

    @property
    def is_restricted(self) -> bool:
        return self.restricted_since is not None

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
