"""Django's migrate, without a page's time limits: a migration that builds an index on
years of access log takes longer than the 3 seconds a page's statement may (with them,
migration 0047 was cancelled on a log of 2.6 million rows; without, it took 6.7 s)."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from samenbeslissen.postgresql.base import without_time_limits


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        with without_time_limits(connections[options["database"]]):
            return super().handle(*args, **options)
