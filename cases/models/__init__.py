"""The cases app's models, one module per part of the case; the plan's, the team's, the
access log's and the accounts room's live in their own sub-packages. Importing them here
registers them all under the app label `cases`, so the migrations stay as they are."""

from cases.accounts.models import AccountChange
from cases.logbook.models import AccessLogChange, AccessLogEntry
from cases.plan.models import (
    Action,
    Author,
    Decision,
    Evaluation,
    Goal,
    Option,
    OptionAnswer,
    OptionQuestion,
    Plan,
    PlanChange,
    SubGoal,
)
from cases.retention.models import ArchivedFact, DestructionList, RetentionRule
from cases.rights.models import ErasureRequest, SubjectAccessExport
from cases.team.models import CaseReview, Reassignment, Signal

from .baggage import BaggageNote
from .conversations import (
    AgendaItem,
    Agreement,
    AppointmentChange,
    CheckInTotal,
    Conversation,
    CorePointTotal,
)
from .documents import HandedOverDocument
from .offers import Offer
from .people import NetworkMember, Resident, Team, User, residents_visible_to
from .situation import LifeDomain, MotivationRecord, PersonalSituation, SituationChange
from .trajectories import StepChange, Tick, Trajectory

__all__ = [
    "AccessLogChange",
    "AccessLogEntry",
    "AccountChange",
    "Action",
    "AgendaItem",
    "Agreement",
    "AppointmentChange",
    "ArchivedFact",
    "Author",
    "BaggageNote",
    "CaseReview",
    "CheckInTotal",
    "Conversation",
    "CorePointTotal",
    "Decision",
    "DestructionList",
    "ErasureRequest",
    "Evaluation",
    "Goal",
    "HandedOverDocument",
    "LifeDomain",
    "MotivationRecord",
    "NetworkMember",
    "Offer",
    "Option",
    "OptionAnswer",
    "OptionQuestion",
    "PersonalSituation",
    "Plan",
    "PlanChange",
    "Reassignment",
    "Resident",
    "RetentionRule",
    "Signal",
    "SituationChange",
    "StepChange",
    "SubGoal",
    "SubjectAccessExport",
    "Team",
    "Tick",
    "Trajectory",
    "User",
    "residents_visible_to",
]
