"""The access log refuses to be changed, in the database itself.

PostgreSQL: a trigger refuses every UPDATE and DELETE of a row of the log, except a
DELETE inside a transaction that set `samenbeslissen.prune_access_log` (only
`manage.py prune_access_log` does, for rows past their retention). The old and new
values of a change of personal data (AccessLogChange) may be deleted with the file,
never changed. `manage.py grant_app_role` takes UPDATE and DELETE on these tables
from the application's own database role altogether.

SQLite (development): UPDATE is refused; a DELETE is left to the application, since
emptying the database between tests deletes rows one by one.
"""

from django.db import migrations

POSTGRESQL = """
CREATE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND (
        TG_TABLE_NAME = 'cases_accesslogchange'
        OR current_setting('samenbeslissen.prune_access_log', true) = 'on'
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: % of % refused.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON cases_accesslogchange
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
"""
POSTGRESQL_REVERSE = """
DROP TRIGGER access_log_append_only ON cases_accesslogchange;
DROP TRIGGER access_log_append_only ON cases_accesslogentry;
DROP FUNCTION access_log_append_only();
"""
SQLITE = [
    f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, 'The access log is append-only: UPDATE refused.'); END"""
    for table in ("cases_accesslogentry", "cases_accesslogchange")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER {table}_no_update" for table in ("cases_accesslogentry", "cases_accesslogchange")
]


def protect(apps, schema_editor):
    statements = {"postgresql": [POSTGRESQL], "sqlite": SQLITE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def unprotect(apps, schema_editor):
    statements = {"postgresql": [POSTGRESQL_REVERSE], "sqlite": SQLITE_REVERSE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0018_access_log")]

    operations = [migrations.RunPython(protect, unprotect)]
