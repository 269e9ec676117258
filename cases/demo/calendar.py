"""The demo's calendar: working days, moments on them, and a consultant's diary.

The case work and the plans count their dates back from today with these, so
the demo always looks like this week.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.models import Conversation, User


def workday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def workday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def nth_workday(today: date, n: int) -> date:
    """Today (or Monday in a weekend) for n=0, the next working day for n=1, and so on."""
    day = workday_on_or_after(today)
    for _ in range(n):
        day = workday_on_or_after(day + timedelta(days=1))
    return day


def moment(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def clock(text: str) -> time:
    """A time of day written as "13:30"."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def prepared_at(conversation_at: datetime) -> datetime:
    """When the consultant prepared a conversation: the working day before, late afternoon."""
    day = workday_on_or_before(timezone.localdate(conversation_at) - timedelta(days=1))
    return moment(day, time(15, 30))


class Diary:
    """One consultant's appointments, so that no two conversations share a slot."""

    SLOTS = [time(9, 0), time(10, 30), time(13, 0), time(14, 30), time(16, 0), time(11, 30)]

    def __init__(self, consultant: User):
        held = Conversation.objects.filter(trajectory__resident__consultant=consultant)
        self.taken = set()
        for at in held.values_list("held_at", flat=True):
            local = timezone.localtime(at)
            self.taken.add((local.date(), local.time().replace(second=0, microsecond=0)))

    def book(self, day: date, preferred: time, not_before: datetime | None = None) -> datetime:
        """The preferred time on that day, or the first free slot after not_before."""
        for at in [preferred, *(slot for slot in self.SLOTS if slot != preferred)]:
            if (day, at) not in self.taken and (
                not_before is None or moment(day, at) >= not_before
            ):
                self.taken.add((day, at))
                return moment(day, at)
        # Every slot is taken or already past (the demo runs in the evening):
        # an appointment earlier today that still has to be logged is realistic too.
        self.taken.add((day, preferred))
        return moment(day, preferred)
