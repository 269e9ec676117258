"""Writing the demo's case work through the services the views use, each write at the
moment it happened (`at=`): a new resident's registration, trajectories, conversations
with their agenda and agreements, agreements done, step moves, new rounds, ticks, and
the plan (cases.demo.plans).

Which checklist items are ticked is decided first (TickChooser), with the case's
random generator, so that everything that happens is known before it is written.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from cases import services
from cases.models import AgendaItem, Agreement, Conversation, Resident, Trajectory, User
from steps.models import ChecklistItem, Step

from .calendar import moment, prepared_at, workday_on_or_before
from .plans import write_plan
from .specs import ConversationSpec, PlannedSpec, TickSpec, TrajectorySpec, final_position


class Method:
    """The numbered steps and their active checklist items, loaded once."""

    def __init__(self):
        self.steps = {step.number: step for step in Step.objects.numbered()}
        self.items = {number: [] for number in self.steps}
        for item in ChecklistItem.objects.active().filter(step__number__in=self.steps):
            self.items[item.step.number].append(item)


class TickChooser:
    """Decides, with `rng`, which checklist items a trajectory's conversations tick and
    when: most items of a step that is passed, some of the step the work is in now."""

    def __init__(self, spec: TrajectorySpec, method: Method, rng):
        self.spec, self.method, self.rng = spec, method, rng
        self.ticked = set()  # (cycle, step) already ticked
        closed = spec.status == Trajectory.Status.CLOSED
        self.current = None if closed else final_position(spec)

    def choose(self) -> None:
        """Fill in the spec's ticks, in the order the writer ticks them."""
        spec, cycle, at_step = self.spec, 1, Trajectory.FIRST_STEP
        for conversation in spec.conversations:
            # The first step is chosen while preparing; later ones during the conversation.
            prepared = prepared_at(conversation.at)
            conversation.ticks = []
            for i, step in enumerate(conversation.steps):
                if step < at_step == Trajectory.LAST_STEP:
                    cycle += 1
                at_step = step
                during = conversation.step_at(i)
                conversation.ticks.append(self.step(cycle, step, prepared, during))
        if not spec.conversations:
            # Only the intake is planned: the consultant has been preparing it.
            prepared = moment(spec.started_on, time(11, 0))
            spec.intake_ticks = self.step(1, Trajectory.FIRST_STEP, prepared, None)

    def step(self, cycle, step, prepared: datetime, during: datetime | None) -> list[TickSpec]:
        position = (cycle, step)
        items = self.method.items.get(step, [])
        if position in self.ticked or not items:
            return []
        self.ticked.add(position)
        rng = self.rng
        if during is None:  # only preparing: just the preparation items
            items = [i for i in items if i.phase == ChecklistItem.Phase.PREPARATION]
            chosen = rng.sample(items, min(len(items), rng.randint(2, 3)))
        elif position == self.current:
            chosen = rng.sample(items, max(1, round(len(items) * rng.uniform(0.3, 0.6))))
        else:
            chosen = rng.sample(items, max(1, len(items) - rng.choice([0, 0, 1, 1, 2])))
        reasons = {
            item: reason
            for item in items
            for number, start, reason in self.spec.not_applicable
            if number == step and item.text.startswith(start)
        }
        ticks = []
        for n, item in enumerate([i for i in items if i in chosen or i in reasons]):
            at = prepared if item.phase == ChecklistItem.Phase.PREPARATION else during
            at += timedelta(minutes=2 * n)
            ticks.append(TickSpec(item, at, item in reasons, reasons.get(item, "")))
        return ticks


def advance(trajectory: Trajectory, step: int, by: User, at: datetime) -> None:
    """Move the trajectory to `step`, through a new round when it goes back after step 7."""
    if step < trajectory.current_step == Trajectory.LAST_STEP:
        services.start_new_round(trajectory=trajectory, by=by, at=at)
    if step != trajectory.current_step:
        services.move_to_step(trajectory=trajectory, step=step, by=by, at=at + timedelta(minutes=1))


def until_now(at: datetime) -> datetime:
    """What was written down later happened by now at the latest."""
    return min(at, timezone.now())


class TrajectoryWriter:
    """Writes one trajectory from its spec (its ticks chosen) through the services."""

    def __init__(self, resident: Resident, spec: TrajectorySpec, method: Method):
        self.resident, self.spec, self.method = resident, spec, method
        self.by = resident.consultant

    def write(self) -> Trajectory:
        spec = self.spec
        self.trajectory = trajectory = services.start_trajectory(
            resident=self.resident, by=self.by, at=moment(spec.started_on, time(9, 15))
        )
        previous = None
        for conversation in spec.conversations:
            previous = self.hold(conversation)
        self.tick(spec.intake_ticks)
        if spec.planned:
            self.plan(previous, spec.planned)
        if spec.status != Trajectory.Status.ACTIVE:
            closed = moment(spec.closed_on, time(16, 30)) if spec.closed_on else None
            services.set_trajectory_status(
                trajectory=trajectory, status=spec.status, outcome=spec.outcome, at=closed
            )
        write_plan(trajectory, spec)
        return trajectory

    def conversation(self, spec: ConversationSpec | PlannedSpec, status, **fields):
        """A conversation of the trajectory, at the spec's moment, not saved yet."""
        return Conversation(
            trajectory=self.trajectory,
            status=status,
            held_at=spec.at,
            kind=spec.kind,
            setting=spec.setting,
            **fields,
        )

    def hold(self, spec: ConversationSpec) -> Conversation:
        agreements = [
            Agreement(owner=a.owner, network_member=a.member, what=a.what, due_on=a.due_on)
            for a in spec.agreements
        ]
        conversation = services.save_conversation(
            conversation=self.conversation(
                spec,
                Conversation.Status.HELD,
                check_in=spec.check_in,
                check_in_score=spec.check_in_score,
                told_decides_too=spec.told_decides_too,
                report=spec.report,
                check_out=spec.check_out,
                check_out_score=spec.check_out_score,
            ),
            by=self.by,
            participants=spec.participants,
            steps_worked_on=[
                self.method.steps[n] for n in dict.fromkeys(spec.steps) if n in self.method.steps
            ],
            agenda=[
                AgendaItem(text=text, raised_by=by, discussed=done, position=i)
                for i, (text, by, done) in enumerate(spec.agenda)
            ],
            agreements=agreements,
            # Logged the same day, a couple of hours after the conversation.
            at=until_now(spec.at + timedelta(hours=2)),
        )
        for agreement, a in zip(agreements, spec.agreements, strict=True):
            if a.done_on:  # the resident, or whoever it was, did it then
                services.set_agreement_done(agreement=agreement, at=moment(a.done_on, time(17, 0)))
        # Each step after the items of the step before it were ticked.
        prepared = prepared_at(spec.at)
        for i, (step, ticks) in enumerate(zip(spec.steps, spec.ticks, strict=True)):
            moved = prepared if i == 0 else spec.step_at(i) - timedelta(minutes=2)
            advance(self.trajectory, step, self.by, moved)
            self.tick(ticks)
        return conversation

    def tick(self, ticks: list[TickSpec]) -> None:
        for t in ticks:
            services.tick(
                trajectory=self.trajectory,
                item=t.item,
                by=self.by,
                not_applicable=t.not_applicable,
                reason=t.reason,
                at=t.at,
            )

    def plan(self, previous: Conversation | None, spec: PlannedSpec) -> None:
        agenda = [AgendaItem(text=text, raised_by=by) for text, by in spec.agenda]
        if previous is not None:
            # Planned as the last conversation was logged; it carries the agenda items
            # that conversation did not get to.
            services.plan_next_conversation(
                previous=previous,
                held_at=spec.at,
                by=self.by,
                kind=spec.kind,
                setting=spec.setting,
                agenda=agenda,
                at=until_now(previous.held_at + timedelta(hours=2)),
            )
            return
        for position, item in enumerate(agenda):
            item.position = position
        services.save_conversation(
            conversation=self.conversation(spec, Conversation.Status.PLANNED),
            by=self.by,
            agenda=agenda,
            at=until_now(moment(self.spec.started_on, time(11, 30))),
        )


def write_case(resident: Resident, network: list, specs: list[TrajectorySpec], method, rng):
    """Register a new resident (`network`: their people, not saved yet) a few days before
    the first trajectory started, then write the trajectories."""
    for spec in specs:
        TickChooser(spec, method, rng).choose()
    registered = workday_on_or_before(specs[0].started_on - timedelta(days=rng.randint(1, 8)))
    at = moment(registered, time(rng.randint(9, 15), rng.choice([0, 15, 30, 45])))
    if resident._state.adding:
        services.register_resident(
            resident=resident, network=network, consultant=resident.consultant, at=at
        )
    for spec in specs:
        TrajectoryWriter(resident, spec, method).write()
