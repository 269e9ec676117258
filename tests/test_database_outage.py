"""A database that hangs: gunicorn in front of a PostgreSQL of this test's own, frozen with
SIGSTOP (every process of it: it accepts connections and queries and answers nothing) and
thawed with SIGCONT. Each page answers the Dutch 503 page within 5 seconds, a form
comes back with what was typed, `/gezond/` tells a load balancer, and the service comes
back by itself when the database does.

It needs PostgreSQL's cluster tools and root (CI has both), so it runs in the
PostgreSQL run of the suite; the cluster is dropped afterwards.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql"
    or shutil.which("pg_createcluster") is None
    or os.geteuid() != 0,
    reason="starts and freezes a PostgreSQL cluster of its own: PostgreSQL run, as root",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*command, env=None):
    return subprocess.run(  # noqa: S603 - our own commands
        command, check=True, capture_output=True, text=True, env=env, cwd=ROOT
    )


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL cluster of this test's own on a free port: (version, name, port)."""
    version = sorted(os.listdir("/etc/postgresql"), key=int)[-1]
    name, port = f"sb_outage_{os.getpid()}", free_port()
    run("pg_createcluster", version, name, "-p", str(port), "--", "--auth=trust")
    try:
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start")
        yield version, name, port
    finally:
        subprocess.run(  # noqa: S603
            ["pg_dropcluster", "--stop", version, name],  # noqa: S607 - Debian's cluster tools
            capture_output=True,
            check=False,
        )


@pytest.fixture(scope="module")
def server(cluster, tmp_path_factory):
    """gunicorn as the README deploys it, on the cluster: (port, session cookie, resident)."""
    _version, _name, db_port = cluster
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTEST_VERSION", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    } | {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{db_port}/samenbeslissen",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SMTP_HOST": "127.0.0.1",
        "HTTPS": "false",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    run("psql", "-h", "127.0.0.1", "-p", str(db_port), "-U", "postgres", "-c",
        "CREATE DATABASE samenbeslissen")  # fmt: skip
    run(PYTHON, "manage.py", "migrate", "--verbosity", "0", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=env)
    made = run(PYTHON, "manage.py", "shell", "--no-imports", "-c", SETUP, env=env).stdout.split()
    cookie, resident = made[-2], made[-1]
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with log.open("w") as out:
        gunicorn = subprocess.Popen(  # noqa: S603 - the README's gunicorn
            [
                *(str(Path(PYTHON).parent / "gunicorn"), "samenbeslissen.wsgi"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(120):
            try:
                if request(port, "GET", "/gezond/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        yield port, cookie, resident
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


# Run by manage.py shell on the cluster: a consultant logged in past the second factor,
# as the bench does, and a resident of theirs; prints the session cookie and the id.
SETUP = """
from django.test import Client
from cases.accounts.second_factor import log_in_verified
from cases.models import Resident, User
alice = User.objects.create_user("alice", role="consulent", first_name="Alice")
resident = Resident.objects.create(
    first_name="Johan", last_name="de Wit", date_of_birth="1980-01-01", consultant=alice
)
client = log_in_verified(Client(), alice)
print(client.cookies["sessionid"].value, resident.pk)
"""


def request(port, method, path, *, cookie="", form=None, csrf=""):
    """(status, body, seconds) of one request, redirects not followed."""
    headers = {"Cookie": f"sessionid={cookie}; csrftoken={csrf}"}
    body = None
    if form is not None:
        body = urlencode(form, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode(), time.monotonic() - started
    finally:
        conn.close()


def cluster_processes(version, name) -> list[int]:
    """The postmaster of the cluster and every process it started."""
    pid_file = Path(f"/var/lib/postgresql/{version}/{name}/postmaster.pid")
    postmaster = int(pid_file.read_text().split()[0])
    children = run("ps", "-o", "pid=", "--ppid", str(postmaster)).stdout.split()
    return [postmaster, *map(int, children)]


def test_a_hung_database_answers_503_within_5_seconds_and_service_comes_back(cluster, server):
    version, name, _db_port = cluster
    port, cookie, resident = server
    bagage = f"/inwoners/{resident}/bagage/"
    # Both workers serve pages and keep a connection to the database.
    for _ in range(6):
        status, page, _ = request(port, "GET", bagage, cookie=cookie)
        assert status == 200
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    note = f"Zijn vader overleed toen hij vijftien was. {uuid.uuid4()}"
    form = {
        "csrfmiddlewaretoken": csrf,
        "submission": str(uuid.uuid4()),
        "text": note,
        "private": "on",
    }

    frozen = cluster_processes(version, name)
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        timings, pages = {}, {}
        for what, (method, path, data) in {
            "/gezond/": ("GET", "/gezond/", None),
            "het dossier": ("GET", f"/inwoners/{resident}/", None),
            "een bagagenotitie opslaan": ("POST", bagage, form),
        }.items():
            status, pages[what], timings[what] = request(
                port, method, path, cookie=cookie, form=data, csrf=csrf
            )
            assert (status, timings[what] < 5) == (503, True), (what, timings[what])
    finally:
        thawed = time.monotonic()
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    page = unescape(pages["een bagagenotitie opslaan"])
    assert "Samen Beslissen is even niet bereikbaar" in page
    assert "wat je hebt ingevuld is niet verloren" in page
    assert note in page
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    assert again["text"] == note

    while request(port, "GET", "/gezond/")[0] != 200:
        assert time.monotonic() - thawed < 10, "no recovery within 10 seconds"
        time.sleep(0.1)
    recovered = time.monotonic() - thawed
    # "Opnieuw versturen": the form as the 503 page holds it, saved once.
    status, _, _ = request(port, "POST", bagage, cookie=cookie, form=again, csrf=csrf)
    assert status == 302
    status, page, _ = request(port, "GET", bagage, cookie=cookie)
    assert status == 200
    assert unescape(page).count(note) == 1
    print(  # the figures for the README and the report (pytest -s)
        "\n503 after: "
        + ", ".join(f"{what} {seconds:.2f} s" for what, seconds in timings.items())
        + f"; /gezond/ 200 again {recovered:.2f} s after SIGCONT"
    )
