"""The task queue in the tests: what the worker beside the server does."""

from django.core.management import call_command


def run_the_queue():
    """Every task that is due, then stop (bin/demo and a server run the worker for good).

    The worker closes a connection that is in a transaction, as it closes an old one
    between tasks: a test that runs it commits for real (django_db(transaction=True))."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
