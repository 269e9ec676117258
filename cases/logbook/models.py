"""The access log: who read or changed which resident's file, and every security event.

One row per access, written once and never changed (NEN 7513, BIO2 8.15). Each row
carries the hash of the row before it, so that a changed, removed or inserted row
breaks the chain (`manage.py check_access_log`). On PostgreSQL a trigger refuses
UPDATE and DELETE (migration 0019), except the pruning of rows past their retention
by `manage.py prune_access_log`; `manage.py grant_app_role` gives the application's
own database role no UPDATE or DELETE on these tables at all.

What a row holds is what the norms ask, and no more: when, who (and in which role),
what, which object (kind and id, and the resident's id), the result, where from (the
client's address and the request's id) and why (the page). No names, no texts, no
search terms. The one exception is a change of a resident's personal data: its old
and new values are in `AccessLogChange`, a separate table, so that they can be traced
and put back by hand, and destroyed with the file (erasure, retention) without
breaking the chain: the row keeps only their digest.
"""

import datetime
import hashlib
import json

from django.db import models
from django.db.models import F
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.people import User

# The hash that the very first row points back to.
GENESIS = "0" * 64


class Action(models.TextChoices):
    READ = "lezen", _("Lezen")
    CREATE = "aanmaken", _("Aanmaken")
    CHANGE = "wijzigen", _("Wijzigen")
    DELETE = "verwijderen", _("Verwijderen")
    PRINT = "printen", _("Printen")
    MAIL = "mailen", _("Mailen")
    EXPORT = "exporteren", _("Exporteren")
    SEARCH = "zoeken", _("Zoeken")
    HAND_OVER = "overdragen", _("Overdragen")
    # AVG art. 18 and 17, and the end of a retention period.
    RESTRICT = "beperken", _("Verwerking beperken")
    UNRESTRICT = "beperking-opheffen", _("Beperking opheffen")
    ERASE = "wissen", _("Wissen")
    DESTROY = "vernietigen", _("Vernietigen")
    LOG_IN = "inloggen", _("Inloggen")
    LOG_OUT = "uitloggen", _("Uitloggen")
    LOCK_OUT = "blokkeren", _("Blokkeren na mislukte pogingen")
    SECOND_FACTOR = "tweede-factor", _("Tweede factor")
    ACCOUNT = "account", _("Account beheren")
    PRUNE = "opschonen", _("Logboek opschonen")


class Result(models.TextChoices):
    ALLOWED = "toegestaan", _("Toegestaan")
    # 404 or 403: the user may not see or change this.
    REFUSED = "geweigerd", _("Geweigerd")
    # Allowed, but nothing happened: a wrong password, a refused form, a late save.
    FAILED = "mislukt", _("Mislukt")


class ObjectKind(models.TextChoices):
    RESIDENT = "inwoner", _("Inwoner")
    TRAJECTORY = "traject", _("Traject")
    CONVERSATION = "gesprek", _("Gesprek")
    AGREEMENT = "afspraak", _("Afspraak")
    DOCUMENT = "document", _("Document")
    SIGNAL = "signaal", _("Systeemkritiek")
    CASE_REVIEW = "casus", _("Casuïstiek")
    CASELOAD = "caseload", _("Caseload")
    # A list of residents: a search, an export, the team's overview.
    LIST = "lijst", _("Lijst")
    ACCESS_LOG = "logboek", _("Logboek")
    # A page refused without a case object: another role's, or an address of nothing.
    PAGE = "pagina", _("Pagina")
    USER = "gebruiker", _("Gebruiker")
    TEAM = "team", _("Team")


class AccessLogEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The access log is append-only: its rows are never changed.")

    def delete(self):
        raise TypeError("The access log is append-only: prune_access_log removes old rows.")


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("wanneer"), default=timezone.now)
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
        # Rows stay while a user is deactivated (users with history are never deleted).
        db_constraint=False,
    )
    role = models.CharField(_("rol"), max_length=20, blank=True)
    # The user an action was done to: the account whose second factor a beheerder
    # reset, whose role changed, who a resident was handed over to.
    target_user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("betrokken medewerker"),
        db_constraint=False,
    )
    action = models.CharField(_("wat"), max_length=20, choices=Action.choices)
    object_kind = models.CharField(_("soort"), max_length=20, choices=ObjectKind.choices)
    object_id = models.CharField(_("welke"), max_length=64, blank=True)
    # Not a foreign key: the row outlives the resident's file (erasure, retention).
    resident_id = models.UUIDField(_("inwoner"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=20, choices=Result.choices)
    client = models.CharField(_("vanaf adres"), max_length=45, blank=True)
    request_id = models.CharField(_("verzoek"), max_length=32, blank=True)
    # The page or function: a URL name (`cases:resident`) or a command's name.
    purpose = models.CharField(_("doel"), max_length=80, blank=True)
    # How many residents a list, search or export showed.
    count = models.PositiveIntegerField(_("aantal"), null=True, blank=True)
    # Ids and codes only (from and to for a handover, how a document went out).
    detail = models.JSONField(_("details"), default=dict, blank=True)
    changes_digest = models.CharField(max_length=64, blank=True)
    previous_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [
            models.Index(fields=["resident_id", "-at"], name="access_log_resident"),
            models.Index(fields=["user", "-at"], name="access_log_user"),
            models.Index(fields=["action", "result", "-at"], name="access_log_action"),
            models.Index(fields=["-at"], name="access_log_at"),
            # The privacy officer's "outside working hours" (selectors.outside_working_hours)
            # finds its few rows among millions through these: the hour and the day of the
            # week in the project's time zone, which the database computes once a row.
            models.Index(ExtractHour("at"), F("at"), name="access_log_local_hour"),
            models.Index(ExtractIsoWeekDay("at"), F("at"), name="access_log_local_weekday"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_kind} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The access log is append-only: its rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only: prune_access_log removes old rows.")

    def content(self) -> str:
        """Everything the row says, in one canonical text: what its hash covers."""
        return json.dumps(
            [
                self.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
                self.user_id,
                self.role,
                self.target_user_id,
                self.action,
                self.object_kind,
                self.object_id,
                str(self.resident_id) if self.resident_id else None,
                self.result,
                self.client,
                self.request_id,
                self.purpose,
                self.count,
                self.detail,
                self.changes_digest,
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def expected_hash(self) -> str:
        return hashlib.sha256((self.previous_hash + self.content()).encode()).hexdigest()


class AccessLogChange(models.Model):
    """A changed field of a resident's personal data or network, with the old and new
    value: to trace a change and undo it by hand. Destroyed with the file."""

    entry = models.ForeignKey(
        AccessLogEntry, on_delete=models.DO_NOTHING, related_name="changes", db_constraint=False
    )
    resident_id = models.UUIDField(db_index=True)
    # "inwoner" or the network member ("netwerk 12"), and the field's label.
    record = models.CharField(max_length=40)
    field = models.CharField(max_length=100)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.record}: {self.field}"

    @staticmethod
    def digest(changes) -> str:
        """The digest of a row's changes that the row's own hash covers."""
        if not changes:
            return ""
        text = json.dumps(
            [[c.record, c.field, c.old, c.new] for c in changes],
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(text.encode()).hexdigest()
