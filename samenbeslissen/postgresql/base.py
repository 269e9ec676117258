"""Django's PostgreSQL backend, whose connections give up on a server that does not answer.

A database that hangs (a frozen virtual machine, a stopped process, a storage that
stalls) accepts connections and queries into the operating system's buffers and never
answers. psycopg then waits for ever, and so does the consultant, until gunicorn kills
the worker. The server's own `statement_timeout` cannot help: the server is what hangs.
So every wait for the server here ends after `answer_timeout` seconds (the statement
timeout and a little more, settings.py), with an OperationalError that the
application answers with its 503 page (samenbeslissen/availability.py); the connection
it was waiting on is closed, and the next request connects anew, which succeeds as soon
as the server answers again. Connecting has its own `connect_timeout`.

Subclassing the built-in backend is Django's documented way to change how it connects
("Subclassing the built-in database backends"); ENGINE names this package.
"""

import time
from contextlib import contextmanager

import psycopg
from django.db.backends.postgresql import base
from psycopg import IsolationLevel

# Django checks a kept connection before a request uses it ("SELECT 1", CONN_HEALTH_CHECKS).
# A server that answers at all answers that at once; waiting the whole answer timeout
# there and then the connect timeout would keep the user waiting longer than both.
HEALTH_CHECK_SECONDS = 1.0
# After a failed connect, connecting again this soon cannot succeed: a request that touches
# the database again (saving the session after the 503 page) fails at once instead of
# waiting the connect timeout a second time. The next request tries for real.
RETRY_SECONDS = 1.0
# A server that refuses connections is often restarting: it is asked again this often,
# within the connect timeout, so that a restart of a second or two is not an error.
REFUSED_RETRY_SECONDS = 0.2


@contextmanager
def without_time_limits(connection):
    """For the night's work on the whole access log (pruning it, checking its chain): a
    statement over millions of rows takes longer than a page may wait, so in the block
    neither the server's statement_timeout nor the connection's answer timeout applies
    (a hanging server then hangs the command, which has no user waiting). Both are back
    as they were afterwards. On another database: nothing to lift."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    usual, raw.answer_timeout = raw.answer_timeout, None
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        raw.answer_timeout = usual
        if not raw.closed:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")  # to the connection's own option


class NotReached(psycopg.OperationalError):
    """The server did not answer, or could not be connected to: unlike a connection that
    broke off halfway, asking again at once would only make the user wait twice."""


class Connection(psycopg.Connection):
    """A psycopg connection whose every wait for the server lasts `answer_timeout` seconds
    at most (None: as long as it takes)."""

    answer_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        timeout = timeout or self.answer_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except psycopg.errors._WaitTimeout:  # psycopg's own: raised when `timeout` passes
            # Halfway through the protocol this connection cannot go on: close it.
            self.pgconn.finish()
            raise NotReached(
                f"the database server did not answer within {timeout} seconds"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        # Ours, not libpq's: it would refuse an option it does not know.
        self.answer_timeout = params.pop("answer_timeout", None)
        # No JIT compilation: the team's figures over years of history are big enough for
        # the planner to compile them, which took 0.4 s of /team/'s 0.55 s at 6,000
        # residents, more than it ever saves on queries that read an index.
        # Reading a page of an index costs the planner 1.1 sequential pages, not 4: a
        # municipality's case files fit in the server's memory, where a random read is
        # hardly dearer. At 4 it joined a consultant's 114 trajectories to their planned
        # conversations by reading all 11,400 trajectories (7.6 ms, three times on the
        # day's page at 6,000 residents); at 1.1 through the indexes (0.5 ms).
        options = "-c jit=off -c random_page_cost=1.1"
        params["options"] = f"{params.get('options', '')} {options}".strip()
        return params

    failed_at = -RETRY_SECONDS

    def get_new_connection(self, conn_params):
        # Django's own, less the pool and the isolation level option, which settings.py
        # sets neither of; with our connection class.
        if time.monotonic() - self.failed_at < RETRY_SECONDS:
            raise NotReached("the database server could not be reached just now")
        self.isolation_level = IsolationLevel.READ_COMMITTED
        give_up = time.monotonic() + conn_params.get("connect_timeout", 0)
        while True:
            try:
                connection = Connection.connect(**conn_params)
            except psycopg.errors.ConnectionTimeout as error:  # no answer: asking again
                self.failed_at = time.monotonic()  # cannot help
                raise NotReached(str(error)) from error
            except psycopg.OperationalError as error:  # refused, starting up, shutting down
                if time.monotonic() + REFUSED_RETRY_SECONDS >= give_up:
                    self.failed_at = time.monotonic()
                    raise NotReached(str(error)) from error
                time.sleep(REFUSED_RETRY_SECONDS)
            else:
                connection.answer_timeout = self.answer_timeout
                return connection

    def close_if_unusable_or_obsolete(self):
        # Django calls this as each request starts and ends: a new request connects anew.
        self.failed_at = -RETRY_SECONDS
        super().close_if_unusable_or_obsolete()

    def is_usable(self):
        if self.connection is None:
            return False
        usual, self.connection.answer_timeout = self.connection.answer_timeout, HEALTH_CHECK_SECONDS
        try:
            return super().is_usable()
        finally:
            self.connection.answer_timeout = usual
