"""Remove the access log's rows past their retention (ACCESS_LOG_RETENTION_DAYS)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.logbook.services import prune


class Command(BaseCommand):
    help = (
        "Verwijder de regels van het toegangslogboek die ouder zijn dan "
        "ACCESS_LOG_RETENTION_DAYS, in één keer; dat wordt zelf ook gelogd."
    )

    def handle(self, *args, **options):
        before = timezone.now() - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
        removed = prune(before=before)
        self.stdout.write(
            f"{removed} regels van voor {timezone.localtime(before):%d-%m-%Y} verwijderd."
        )
