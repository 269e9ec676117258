"""The Samen Beslissen method as content the beheerder keeps.

The foundation "Relatie met de inwoner" is stored as step 0: it has tools,
checklist items and prompts like the seven steps, and is shown beside each.
Checklist items and prompts are retired, never deleted, so a tick made on
an item keeps its meaning after the item goes; and a checklist item keeps every
wording it had (`ChecklistItemWording`), so a tick shows the words it was ticked on.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FOUNDATION = 0


class Tool(models.Model):
    """A hulpmiddel the method suggests (STOZ, schaalvragen, doel-actieplan...)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("uitleg"), blank=True, max_length=2000)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hulpmiddel")
        verbose_name_plural = _("hulpmiddelen")

    def __str__(self):
        return self.name


class StepQuerySet(models.QuerySet):
    def numbered(self):
        """The seven steps, without the foundation."""
        return self.exclude(number=FOUNDATION)

    def with_content(self):
        """Steps with their active checklist, prompts and tools in three extra queries."""
        return self.prefetch_related(
            models.Prefetch(
                "checklist_items",
                queryset=ChecklistItem.objects.active(),
                to_attr="active_checklist_items",
            ),
            models.Prefetch("prompts", queryset=Prompt.objects.active(), to_attr="active_prompts"),
            "tools",
        )

    def get_with_foundation(self, number: int) -> tuple["Step", "Step | None"]:
        """Step `number` and the foundation shown beside it, both with their content."""
        steps = {s.number: s for s in self.filter(number__in={FOUNDATION, number}).with_content()}
        if number == FOUNDATION or number not in steps:
            raise self.model.DoesNotExist(f"No step {number}")
        return steps[number], steps.get(FOUNDATION)


class Step(models.Model):
    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, help_text=_("0 is de basis: Relatie met de inwoner.")
    )
    title = models.CharField(_("titel"), max_length=100)
    summary = models.CharField(
        _("in één zin"), max_length=300, help_text=_("Waar de stap om draait, kort.")
    )
    description = models.TextField(_("uitleg"), max_length=2000)
    existing_moments = models.CharField(
        _("wat doe je al"),
        max_length=300,
        blank=True,
        help_text=_("Bestaande momenten waarin deze stap past, gescheiden door komma's."),
    )
    tools = models.ManyToManyField(
        Tool, blank=True, related_name="steps", verbose_name=_("hulpmiddelen")
    )

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self):
        if self.is_foundation:
            return self.title
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        if self.is_foundation:
            return reverse("steps:method") + "#basis"
        return reverse("steps:step", args=[self.number])

    @property
    def is_foundation(self) -> bool:
        return self.number == FOUNDATION

    @property
    def existing_moment_list(self) -> list[str]:
        return [m.strip() for m in self.existing_moments.split(",") if m.strip()]

    def checklist_by_phase(self) -> list[tuple[str, list["ChecklistItem"]]]:
        """The active checklist as (phase label, items), preparation first.

        Uses the items loaded by StepQuerySet.with_content().
        """
        groups = []
        for phase, label in ChecklistItem.Phase.choices:
            items = [i for i in self.active_checklist_items if i.phase == phase]
            if items:
                groups.append((label, items))
        return groups


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class MethodContent(models.Model):
    """What checklist items and prompts share: a place in a step, and retirement."""

    step = models.ForeignKey(Step, on_delete=models.PROTECT, verbose_name=_("stap"))
    text = models.TextField(_("tekst"), max_length=1000)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    retired_at = models.DateTimeField(
        _("niet meer in gebruik sinds"),
        null=True,
        blank=True,
        help_text=_("Vul een datum in om dit niet meer te tonen. Eerdere vinkjes blijven staan."),
    )

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["step__number", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class ChecklistItem(MethodContent):
    class Phase(models.TextChoices):
        PREPARATION = "voorbereiding", _("Voor het gesprek")
        CONVERSATION = "gesprek", _("In het gesprek")

    phase = models.CharField(
        _("moment"), max_length=20, choices=Phase.choices, default=Phase.CONVERSATION
    )

    class Meta(MethodContent.Meta):
        default_related_name = "checklist_items"
        verbose_name = _("checklistpunt")
        verbose_name_plural = _("checklistpunten")


class Prompt(MethodContent):
    """An example question a consultant can ask in the step's conversation."""

    class Meta(MethodContent.Meta):
        default_related_name = "prompts"
        verbose_name = _("gespreksvraag")
        verbose_name_plural = _("gespreksvragen")


class ChecklistItemWording(models.Model):
    """A checklist item's text from a moment on. A tick points at the wording it was
    ticked on, so changing an item's text in /beheer/ does not rewrite history."""

    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="wordings", verbose_name=_("punt")
    )
    text = models.TextField(_("tekst"), max_length=1000)
    since = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        ordering = ["item", "-since", "-pk"]
        verbose_name = _("formulering van een checklistpunt")
        verbose_name_plural = _("formuleringen van checklistpunten")

    def __str__(self):
        return self.text
