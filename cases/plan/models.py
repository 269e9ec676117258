"""The doel-actieplan (steps 4 to 7)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.offers import Offer
from cases.models.people import NetworkMember, User
from cases.models.trajectories import Trajectory

# The doel-actieplan (steps 4 to 7). Goals and sub-goals belong to the plan;
# options, the decision, actions and the evaluation belong to a round
# (`cycle`), so every round keeps its own. Every part carries a version: two
# people editing the same part never overwrite each other silently, and parts
# edited side by side (a goal here, an action there) do not get in each other's way.
# A new part carries the one-time key of the form that added it, so a double click adds
# one; the plan's row lock gives parallel adds each their own position (services.add_part).


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
    in_own_words = models.TextField(_("het doel in de woorden van de inwoner"), max_length=1000)
    paraphrase = models.TextField(
        _("zo zegt de consulent het"),
        blank=True,
        help_text=_("Alleen als het helpt; de woorden van de inwoner blijven staan."),
        max_length=1000,
    )
    domain = models.CharField(_("gebied"), max_length=15, choices=Domain.choices)
    why_it_matters = models.TextField(
        _("waarom dit belangrijk is voor de inwoner"), blank=True, max_length=1000
    )
    feasibility = models.TextField(
        _("is het haalbaar?"),
        blank=True,
        help_text=_("Wat maakt het haalbaar, wat is er nog voor nodig? Knip het zo nodig op."),
        max_length=1000,
    )
    position = models.PositiveSmallIntegerField(_("prioriteit"), default=1)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.in_own_words

    def siblings(self):
        """The parts this one is ordered among, by `position`."""
        return Goal.objects.filter(plan_id=self.plan_id)

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
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("subdoel")
        verbose_name_plural = _("subdoelen")

    def __str__(self):
        return self.text

    @property
    def plan_id(self):
        """A sub-goal belongs to its goal's plan."""
        return self.goal.plan_id

    def siblings(self):
        return SubGoal.objects.filter(goal_id=self.goal_id)

    @property
    def authorship(self) -> str:
        if self.formulated_by == Author.TOGETHER:
            return _("samen verwoord")
        return _("verwoord door %(who)s") % {"who": self.get_formulated_by_display()}


# The fixed rows of the choice card, after the resident's own questions: an option's field
# and the question its row answers. The option's form, the card and the demo follow it.
CARD_ROWS = [
    ("helps_goal", _("Hoe helpt het om het doel te bereiken?")),
    ("expected_of_resident", _("Wat wordt er van jou verwacht?")),
    ("expected_of_us", _("Wat mag je van ons verwachten?")),
    ("time", _("Tijd")),
    ("travel", _("Reizen")),
    ("pros", _("Voordelen")),
    ("cons", _("Nadelen")),
]
CARD_FIELDS = [name for name, _label in CARD_ROWS]


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
    helps_goal = models.TextField(
        _("hoe helpt het om het doel te bereiken?"), blank=True, max_length=1000
    )
    expected_of_resident = models.TextField(
        _("wat wordt er van de inwoner verwacht?"), blank=True, max_length=1000
    )
    expected_of_us = models.TextField(
        _("wat mag de inwoner van ons verwachten?"), blank=True, max_length=1000
    )
    time = models.CharField(_("tijd: uren per week, hoe lang"), max_length=150, blank=True)
    travel = models.CharField(_("reizen"), max_length=150, blank=True)
    pros = models.TextField(_("voordelen, zoals de inwoner ze ziet"), blank=True, max_length=1000)
    cons = models.TextField(_("nadelen, zoals de inwoner ze ziet"), blank=True, max_length=1000)
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

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

    def siblings(self):
        """The round's real options; "nu even niet / afwachten" always comes last."""
        return Option.objects.filter(plan_id=self.plan_id, cycle=self.cycle, is_waiting=False)

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
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("vraag van de inwoner")
        verbose_name_plural = _("vragen van de inwoner")

    def __str__(self):
        return self.text

    def siblings(self):
        return OptionQuestion.objects.filter(plan_id=self.plan_id, cycle=self.cycle)


class OptionAnswer(models.Model):
    """What one option means for one of the resident's questions: a cell of the choice card."""

    question = models.ForeignKey(OptionQuestion, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("antwoord"), blank=True, max_length=1000)

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
    # RESTRICT, not PROTECT: a chosen option is never removed on its own, but goes with
    # its plan when the whole file is erased or destroyed.
    option = models.ForeignKey(
        Option, on_delete=models.RESTRICT, related_name="+", verbose_name=_("gekozen mogelijkheid")
    )
    # Not required: a decision recorded without the resident's words is still a
    # decision, and the team's third core point counts how often that happens.
    in_own_words = models.TextField(
        _("het besluit in de woorden van de inwoner"), blank=True, max_length=1000
    )
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


class ActionQuerySet(models.QuerySet):
    def open(self):
        """Actions still to do or under way, of the current round of an open trajectory:
        an earlier round's actions were looked back on in its evaluation."""
        return self.filter(
            status__in=[Action.Status.OPEN, Action.Status.BUSY],
            cycle=models.F("plan__trajectory__cycle"),
        ).exclude(plan__trajectory__status=Trajectory.Status.CLOSED)

    def overdue(self, today=None):
        """Open actions whose date has passed: they count wherever overdue agreements do."""
        return self.open().filter(due_on__lt=today or timezone.localdate())


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
    submission = models.UUIDField(unique=True, null=True, editable=False)  # create_once()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self):
        return self.what

    def siblings(self):
        return Action.objects.filter(plan_id=self.plan_id, cycle=self.cycle)

    @property
    def owner_name(self) -> str:
        if self.owner == self.Owner.NETWORK and self.network_member:
            return self.network_member.name
        if self.owner == self.Owner.PROVIDER and self.provider:
            return self.provider
        # The choice's own label: get_owner_display() hashes every choice's label (a
        # translation each) on every call, and the day lists a hundred of these.
        try:
            return self.Owner(self.owner).label
        except ValueError:
            return self.owner

    @property
    def status_label(self) -> str:
        """get_status_display(), without hashing every choice's label on each call: the
        day lists dozens of actions."""
        return self.Status(self.status).label

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (self.Status.OPEN, self.Status.BUSY)
            and self.due_on < timezone.localdate()
        )


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
    what_changed = models.TextField(_("wat is er veranderd voor de inwoner?"), max_length=2000)
    how_it_helps = models.TextField(
        _("hoe helpt dat om het doel te bereiken?"), blank=True, max_length=2000
    )
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
