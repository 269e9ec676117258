"""Files past their retention period, so that /team/vernietigen/ has something to show:
residents whose trajectory closed more than ten years ago, and the destruction list
`manage.py retention` makes of them."""

from datetime import date, time

from django.utils import timezone

from cases import services
from cases.models import Conversation, Resident, Trajectory, User
from cases.retention.services import propose

from .calendar import moment

# (first name, last name, born, started, closed, outcome, consultant)
OLD_FILES = [
    ("Gerrit", "Mulder", date(1961, 4, 2), date(2013, 9, 2), date(2015, 6, 15), "werk", "sanne"),
    (
        "Yvonne",
        "Bakker",
        date(1978, 11, 20),
        date(2014, 1, 13),
        date(2015, 3, 2),
        "verhuisd",
        "linda",
    ),
    (
        "Hasan",
        "Demir",
        date(1985, 7, 7),
        date(2014, 5, 5),
        date(2016, 1, 11),
        "opleiding",
        "mehmet",
    ),
]


def build_old_files(users: dict[str, User]) -> bool:
    if Resident.objects.filter(first_name="Gerrit", last_name="Mulder").exists():
        return False
    for first, last, born, started, closed, outcome, username in OLD_FILES:
        consultant = users[username]
        resident = services.register_resident(
            resident=Resident(first_name=first, last_name=last, date_of_birth=born),
            consultant=consultant,
            at=moment(started, time(9, 0)),
        )
        trajectory = services.start_trajectory(
            resident=resident, by=consultant, at=moment(started, time(10, 0))
        )
        services.save_conversation(
            conversation=Conversation(
                trajectory=trajectory,
                status=Conversation.Status.HELD,
                held_at=moment(started, time(10, 0)),
                kind=Conversation.Kind.INTAKE,
                setting=Conversation.Setting.OFFICE,
                told_decides_too=True,
                check_in="Wat spannend allemaal.",
                check_in_score=5,
                report="Kennismaking en afspraken over het traject.",
                check_out="Fijn dat het duidelijk is.",
                check_out_score=7,
            ),
            by=consultant,
            at=moment(started, time(12, 0)),
        )
        services.set_trajectory_status(
            trajectory=trajectory,
            status=Trajectory.Status.CLOSED,
            outcome=outcome,
            at=moment(closed, time(16, 0)),
        )
    propose(today=timezone.localdate())
    return True
