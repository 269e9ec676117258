"""A working day of a team, for locust: consultants open their caseload and dossiers, prepare
and tick a step, log a conversation, add to a doel-actieplan and print it; their team lead
reads the team's pages. Run it with bin/load (README, "Working on it"), which builds the
synthetic team, logs everyone in and starts gunicorn.

Every answer but the expected one counts as an error: a 409, a 400 or a 503 too.
"""

import itertools
import json
import os
import random
import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from locust import HttpUser, between, constant, task

SESSIONS = json.loads(Path(os.environ.get("LOAD_SESSIONS", "var/load/sessions.json")).read_text())
CONSULTANTS = itertools.cycle(SESSIONS["consultants"])
LEADS = itertools.cycle(SESSIONS["leads"])
AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # the forms' time zone (settings.TIME_ZONE)
TICKABLE = re.compile(r'action="/trajecten/[^/]+/vinkjes/(\d+)/"')


def pause_between_clicks():
    """LOAD_WAIT="0.5-1.5" (the default): a hurried day, a click every half second to second
    and a half, so that USERS stands for people. LOAD_WAIT=0: each user clicks again as soon
    as the answer is in, so that the run measures what the server can do."""
    low, _, high = os.environ.get("LOAD_WAIT", "0.5-1.5").partition("-")
    return between(float(low), float(high)) if high else constant(float(low))


class Colleague(HttpUser):
    abstract = True
    wait_time = pause_between_clicks()

    def log_in(self, session: dict) -> None:
        """The session that bin/load made past both login steps."""
        self.client.cookies.set("sessionid", session["session"])

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            return response

    def post(self, url: str, data: dict, name: str, expected: int, htmx: bool = False):
        """A form post as the browser sends it (with htmx: the part that changed)."""
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        if htmx:
            headers["HX-Request"] = "true"
        with self.client.post(
            url, data, headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expected:
                response.failure(f"status {response.status_code}")
            return response


class Consultant(Colleague):
    weight = 12

    def on_start(self):
        me = next(CONSULTANTS)
        self.log_in(me)
        self.residents, self.trajectories = me["residents"], me["trajectories"]
        self.with_goal = []  # plans this user gave a goal: they have a PDF
        self.get("/", "day")  # and the CSRF cookie

    @task(2)
    def day(self):
        self.get("/", "day")

    @task(6)
    def caseload(self):
        sort = random.choice(["", "?sorteer=contact", "?sorteer=stap"])
        self.get(f"/inwoners/{sort}", "caseload")

    @task(6)
    def dossier(self):
        self.get(f"/inwoners/{random.choice(self.residents)}/", "dossier")

    @task(4)
    def step_with_ticks(self):
        trajectory, step = random.choice(self.trajectories)
        page = self.get(f"/trajecten/{trajectory}/stap/{step}/", "step page")
        items = TICKABLE.findall(page.text or "")
        if items:
            self.post(
                f"/trajecten/{trajectory}/vinkjes/{random.choice(items)}/",
                {"action": random.choice(["done", "undo"]), "reason": ""},
                "tick",
                200,
                htmx=True,
            )

    @task(1)
    def log_a_conversation(self):
        trajectory, step = random.choice(self.trajectories)
        url = f"/trajecten/{trajectory}/gesprekken/nieuw/"
        self.get(url, "conversation form")
        held = datetime.now(AMSTERDAM) - timedelta(hours=1)
        self.post(
            url,
            {
                "status": "gevoerd",
                "held_at": held.strftime("%Y-%m-%dT%H:%M"),
                "kind": "vervolggesprek",
                "setting": "kantoor",
                "check_in": "Gaat goed, wat moe.",
                "told_decides_too": "on",
                "steps_worked_on": [str(step)],
                "report": "Samen gekeken naar de volgende stap.",
                "check_out": "Tevreden.",
                "version": "0",
                "submission": str(uuid.uuid4()),
                **{f"{p}-{k}": v for p in ("agenda", "afspraken") for k, v in EMPTY_FORMSET},
            },
            "log conversation",
            302,
        )

    @task(3)
    def plan(self):
        trajectory, _step = random.choice(self.trajectories)
        self.get(f"/trajecten/{trajectory}/doel-actieplan/", "plan")

    @task(1)
    def plan_edit(self):
        trajectory, _step = random.choice(self.trajectories)
        if random.random() < 0.5:
            self.add_goal(trajectory)
            return
        self.post(
            f"/trajecten/{trajectory}/doel-actieplan/acties/nieuw/",
            {
                "deel-owner": "inwoner",
                "deel-what": "Bellen met de werkplaats",
                "deel-due_on": (datetime.now(AMSTERDAM) + timedelta(days=14)).date().isoformat(),
                "deel-status": "open",
                **new_part(),
            },
            "plan: add an action",
            200,
            htmx=True,
        )

    def add_goal(self, trajectory):
        response = self.post(
            f"/trajecten/{trajectory}/doel-actieplan/doelen/nieuw/",
            {"deel-in_own_words": "Weer aan het werk, in de buitenlucht", "deel-domain": "werk"}
            | new_part(),
            "plan: add a goal",
            200,
            htmx=True,
        )
        if response.status_code == 200:
            self.with_goal.append(trajectory)

    @task(1)
    def plan_pdf(self):
        if not self.with_goal:
            self.add_goal(random.choice(self.trajectories)[0])
            return
        with self.client.get(
            f"/trajecten/{random.choice(self.with_goal)}/doel-actieplan.pdf",
            name="plan pdf",
            catch_response=True,
        ) as response:
            if response.headers.get("Content-Type") != "application/pdf":
                response.failure(f"status {response.status_code}, not a PDF")


def new_part() -> dict:
    """A new part of the plan's form: no version yet, and the form's own one-time key."""
    return {"deel-version": "0", "deel-submission": str(uuid.uuid4())}


EMPTY_FORMSET = [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0")]


class TeamLead(Colleague):
    weight = 1

    def on_start(self):
        self.log_in(next(LEADS))

    @task(3)
    def team(self):
        self.get("/team/", "team")

    @task(1)
    def core_points(self):
        self.get("/team/kernpunten/", "team: core points")

    @task(1)
    def signals_and_reviews(self):
        self.get("/team/signalen/", "team: signals")
        self.get("/team/casuistiek/", "team: case reviews")

    @task(1)
    def a_caseload(self):
        self.get("/inwoners/", "team: residents")
