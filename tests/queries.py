"""Query counts the tests pin, beyond a page's own."""

# Writing the access log when a request ends: in a test's transaction a savepoint, the
# chain's last hash, one insert, and the savepoint's release (on a server, outside any
# transaction, the last hash and the insert).
ACCESS_LOG = 4
