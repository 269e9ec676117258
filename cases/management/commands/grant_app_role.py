"""Give the application's own PostgreSQL role what it needs, and no more.

Run as the role that owns the tables (the one `migrate` runs as), after every
`migrate`: the application then connects as `ROLE`, which may read and write the
case tables but may only add rows to the access log, never change or remove them.
Pruning the log (`prune_access_log`) runs as the owner.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

from cases.logbook.models import AccessLogChange, AccessLogEntry


class Command(BaseCommand):
    help = (
        "Geef de databaserol van de applicatie (PostgreSQL) lees- en schrijfrechten op "
        "de tabellen, maar op het toegangslogboek alleen lezen en toevoegen."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="de rol waarmee de applicatie verbindt")

    @transaction.atomic
    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Rechten per rol bestaan alleen in PostgreSQL.")
        log_tables = {AccessLogEntry._meta.db_table, AccessLogChange._meta.db_table}
        tables = [t for t in connection.introspection.table_names() if t not in log_tables]
        name = sql.Identifier(role)
        statements = [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(connection.settings_dict["NAME"]), name
            ),
            sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(name),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(name),
            *(
                sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
                    sql.Identifier(table), name
                )
                for table in tables
            ),
            *(
                sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(table), name)
                for table in sorted(log_tables)
            ),
            *(
                sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(sql.Identifier(table), name)
                for table in sorted(log_tables)
            ),
        ]
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(
            f"{role} mag {len(tables)} tabellen lezen en schrijven, en het logboek alleen "
            "lezen en aanvullen."
        )
