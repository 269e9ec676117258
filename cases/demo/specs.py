"""What the demo builds, decided before anything is written: a trajectory with its
conversations, agreements, ticks and next appointment, and the moments the plan
follows. cases.demo.stories and cases.demo.casework make them, cases.demo.writer
and cases.demo.plans write them through the services."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from cases.models import NetworkMember, Trajectory
from steps.models import ChecklistItem


@dataclass
class AgreementSpec:
    owner: str
    what: str
    due_on: date
    done_on: date | None = None
    member: NetworkMember | None = None


@dataclass
class TickSpec:
    item: ChecklistItem
    at: datetime
    not_applicable: bool = False
    reason: str = ""


@dataclass
class ConversationSpec:
    at: datetime
    kind: str
    setting: str
    steps: list[int]  # worked on, in order; a lower step after step 7 starts a new round
    check_in: str
    check_in_score: int | None
    told_decides_too: bool
    report: str
    check_out: str
    check_out_score: int | None
    agenda: list[tuple[str, str, bool]]  # text, raised by, discussed
    agreements: list[AgreementSpec]
    participants: list[NetworkMember] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # the story so far, for the plan
    ticks: list[list[TickSpec]] = field(default_factory=list)  # per step worked on

    def step_at(self, i: int) -> datetime:
        """When the conversation got to its i-th step: its checklist is ticked then."""
        return self.at + timedelta(minutes=40 + 20 * i)


@dataclass
class PlannedSpec:
    at: datetime
    kind: str
    setting: str
    agenda: list[tuple[str, str]]  # text, raised by; undiscussed items are carried over too


@dataclass
class TrajectorySpec:
    started_on: date
    conversations: list[ConversationSpec]
    planned: PlannedSpec | None = None
    status: str = Trajectory.Status.ACTIVE
    outcome: str = ""
    closed_on: date | None = None
    # (step, start of the item's text, reason): items marked not applicable.
    not_applicable: list[tuple[int, str, str]] = field(default_factory=list)
    intake_ticks: list[TickSpec] = field(default_factory=list)  # only the intake planned


def final_position(spec: TrajectorySpec) -> tuple[int, int]:
    """The (round, step) the trajectory's conversations bring it to."""
    cycle, step = 1, Trajectory.FIRST_STEP
    for conversation in spec.conversations:
        for next_step in conversation.steps:
            if next_step < step == Trajectory.LAST_STEP:
                cycle += 1
            step = next_step
    return cycle, step


@dataclass
class Moment:
    """A step worked on in a conversation: the plan's parts for it are written then."""

    cycle: int
    step: int
    at: datetime
    conversation: ConversationSpec

    @property
    def day(self) -> date:
        return timezone.localdate(self.at)


def moments(spec: TrajectorySpec) -> list[Moment]:
    """Every (round, step) worked on, at the time the case work ticks its checklist."""
    cycle, step, found = 1, Trajectory.FIRST_STEP, []
    for conversation in spec.conversations:
        for i, next_step in enumerate(conversation.steps):
            if next_step < step == Trajectory.LAST_STEP:
                cycle += 1
            step = next_step
            found.append(Moment(cycle, step, conversation.step_at(i), conversation))
    return found
