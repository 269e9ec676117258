"""Check that nobody changed, removed or slipped in a row of the access log."""

from django.core.management.base import BaseCommand, CommandError

from cases.logbook.models import AccessLogEntry
from cases.logbook.services import first_broken_link


class Command(BaseCommand):
    help = (
        "Controleer de keten van het toegangslogboek: elke regel moet kloppen met zijn "
        "hash en verwijzen naar de regel ervoor. Meldt de eerste regel die niet klopt."
    )

    def handle(self, *args, **options):
        broken = first_broken_link()
        if broken is not None:
            raise CommandError(
                f"Het logboek is aangetast vanaf regel {broken.entry_id}: {broken.reason}."
            )
        count = AccessLogEntry.objects.count()
        self.stdout.write(f"Het logboek klopt: {count} regels, de keten is heel.")
