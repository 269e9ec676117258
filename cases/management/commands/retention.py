"""Daily: the destruction lists of what has reached the end of its retention period."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.retention.services import propose


class Command(BaseCommand):
    help = (
        "Maak per team een vernietigingslijst van de afgesloten trajecten waarvan de "
        "bewaartermijn om is. De teamleider keurt hem goed op /team/vernietigen/."
    )

    def handle(self, *args, **options):
        lists = propose(today=timezone.localdate())
        for destruction_list in lists:
            self.stdout.write(
                f"{destruction_list.team}: {len(destruction_list.trajectory_ids)} trajecten "
                "wachten op goedkeuring."
            )
        if not lists:
            self.stdout.write("Niets nieuws om te vernietigen.")
