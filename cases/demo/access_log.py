"""The demo's access log: the last two weeks of a team at work, so that "Wie heeft dit
dossier ingezien" and the privacy officer's /logboek/ show what they are for.

Each working morning everyone logs in and the consultants open a few of their own
residents' files; the team lead reads some of the team's. One afternoon somebody tries
sanne's account with wrong passwords from an unknown address until it locks, and one
evening mehmet opens a file at home. Written once: the demo's log then grows by use.
"""

from datetime import time, timedelta

from cases.logbook.models import AccessLogEntry, Action, ObjectKind, Result
from cases.logbook.services import note
from cases.models import Resident, User

from .calendar import moment, workday_on_or_before

OFFICE = "10.20.30.41"
HOME = "84.104.12.7"
STRANGER = "185.220.101.4"


def build_access_log(users: dict[str, User], today) -> bool:
    if AccessLogEntry.objects.exists():
        return False
    consultants = [users["sanne"], users["mehmet"], users["linda"]]
    lead = users["ingrid"]
    caseloads = {
        c.pk: list(Resident.objects.filter(consultant=c).order_by("last_name")[:8])
        for c in consultants
    }
    day = workday_on_or_before(today - timedelta(days=14))
    while day < today:
        if day.weekday() < 5:
            for n, consultant in enumerate([*consultants, lead]):
                start = moment(day, time(8, 40 + 5 * n))
                _event(consultant, Action.LOG_IN, start)
                if consultant is lead:
                    for i, resident in enumerate(caseloads[consultants[day.day % 3].pk][:2]):
                        _read(lead, resident, start + timedelta(minutes=30 + i * 7))
                    continue
                for i, resident in enumerate(caseloads[consultant.pk][day.day % 3 :][:3]):
                    _read(consultant, resident, start + timedelta(hours=1 + i))
        day += timedelta(days=1)
    attacked = workday_on_or_before(today - timedelta(days=3))
    for i in range(5):
        _event(
            users["sanne"],
            Action.LOG_IN,
            moment(attacked, time(15, 2 + i)),
            result=Result.FAILED,
            client=STRANGER,
        )
    _event(
        users["sanne"],
        Action.LOCK_OUT,
        moment(attacked, time(15, 6)),
        result=Result.REFUSED,
        client=STRANGER,
    )
    evening = workday_on_or_before(today - timedelta(days=2))
    _event(users["mehmet"], Action.LOG_IN, moment(evening, time(21, 40)), client=HOME)
    _read(users["mehmet"], caseloads[users["mehmet"].pk][0], moment(evening, time(21, 43)), HOME)
    return True


def _event(user, action, at, *, result=Result.ALLOWED, client=OFFICE):
    note(
        None,
        kind=ObjectKind.USER,
        object_id=user.pk,
        action=action,
        result=result,
        user=user,
        at=at,
        purpose="accounts:login",
        client=client,
    )


def _read(user, resident, at, client=OFFICE):
    note(
        None,
        kind=ObjectKind.RESIDENT,
        object_id=resident.pk,
        resident_id=resident.pk,
        action=Action.READ,
        result=Result.ALLOWED,
        user=user,
        at=at,
        purpose="cases:resident",
        client=client,
    )
