"""Query counts the tests pin, beyond a page's own."""

from django.db import connection

# Writing the access log when a request ends, in a test's transaction: a savepoint, the
# row (on PostgreSQL one statement that reads the chain's last hash and inserts; on
# SQLite the last hash and the insert apart), and the savepoint's release. On a server,
# outside any transaction, that is one statement on PostgreSQL.
ACCESS_LOG = 3 if connection.vendor == "postgresql" else 4
