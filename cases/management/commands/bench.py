"""Measure pages in-process against the bare logged-in layout.

Each page is requested through the whole stack (middleware, sessions, CSP,
templates) with Django's test client, interleaved with the baseline page
(A B A B ...) so that both see the same machine load, and reported as the
median time and its ratio to the baseline's median. Runs on the current
database: load the demo first (DEBUG=true manage.py demo). Each page's queries are
counted once too: a count that grows with the data is an N+1.

With --scale N it measures the same pages, and every team page, on a team of N
consultants with 60 residents each and five years of history, built once in this
database (cases/demo/synthetic_history.py five_years; N=100 is a municipality's
6,000 residents and 600,000 conversations, with 12.5 million rows in the access log):
put it in a database of its own. The privacy officer's searches of the log are
measured there too.

With --sessions FILE it measures nothing: it builds the synthetic team of --team and
writes logged-in sessions of its consultants and its lead, with the residents and
trajectories each may open, for the load test (bin/load, loadtest/locustfile.py).

With --pdf it measures the resident's documents in the same way (in CPU
time) against a minimal one-paragraph document drawn by the same function
with the same fonts, and the process's memory after many renders (a leak
shows there).
"""

import json
import statistics
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.shortcuts import render
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from cases import documents
from cases.accounts.second_factor import log_in_verified
from cases.demo.synthetic_history import (
    LOG_ROWS_PER_DAY,
    SCALE_DAYS,
    SCALE_PRIVACY_OFFICER,
    closed_long_ago,
    five_years,
    scale_consultant,
    ten_years_of,
)
from cases.demo.synthetic_team import synthetic_team
from cases.models import Conversation, Plan, Resident, Trajectory, User
from cases.pdf import render_pdf
from cases.plan.documents import plan_document
from cases.plan.selectors import plan_sheet
from cases.retention.services import destroy, propose
from cases.rights.export import gather
from cases.rights.models import SubjectAccessExport
from cases.rights.tasks import copy_context

MINIMAL_DOCUMENT = ("bench/minimal_document.html", {"title": "Eén alinea"})
ACCESS_LOG_MIDDLEWARE = "cases.logbook.middleware.AccessLogMiddleware"
MEMORY_RENDERS = 500


def baseline(request):
    return render(request, "bench/baseline.html")


# The application's URLs plus the baseline page, used only while measuring.
urlpatterns = [path("_bench/baseline/", baseline), path("", include("samenbeslissen.urls"))]


class Command(BaseCommand):
    help = "Meet de pagina's ten opzichte van de lege, ingelogde basispagina."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=30, help="metingen per pagina")
        parser.add_argument(
            "--cpu",
            action="store_true",
            help="meet de pagina's in de processortijd van dit proces in plaats van op de klok: "
            "ander werk op de machine verschuift die nauwelijks (de tijd van PostgreSQL zelf "
            "telt dan niet mee)",
        )
        parser.add_argument(
            "--team",
            action="store_true",
            help="maak (eenmalig) een synthetisch team van 15 consulenten met elk 60 inwoners "
            "en meet ook de teampagina daarvan",
        )
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="maak (eenmalig, in deze database) een team van N consulenten met elk 60 "
            "inwoners en vijf jaar geschiedenis, en meet daarop de caseload, het dossier, de "
            "stap, het plan, 'Gesprek vastleggen' en elke teampagina",
        )
        parser.add_argument(
            "--access-log",
            action="store_true",
            help="meet de caseload en het dossier met en zonder het toegangslogboek, elk "
            "verzoek in zijn eigen transactie zoals op een server (schrijft logregels)",
        )
        parser.add_argument(
            "--inzage",
            action="store_true",
            help="meet de inzage (AVG art. 15) van een inwoner met tien jaar geschiedenis: "
            "200 gesprekken, 5 plannen, 2.000 regels in het logboek",
        )
        parser.add_argument(
            "--retention",
            type=int,
            metavar="N",
            help="meet het vernietigen van N afgesloten trajecten in één transactie",
        )
        parser.add_argument(
            "--pdf",
            action="store_true",
            help="meet in plaats van de pagina's de pdf's voor inwoners, tegen een pdf van één "
            f"alinea, en het geheugen na {MEMORY_RENDERS} keer tekenen",
        )
        parser.add_argument(
            "--sessions",
            type=Path,
            help="meet niets: schrijf ingelogde sessies van het synthetische team naar dit "
            "bestand, voor de belastingtest (bin/load)",
        )
        parser.add_argument(
            "--per-user", type=int, default=4, help="sessies per consulent, bij --sessions"
        )

    def handle(
        self,
        *args,
        rounds,
        cpu,
        team,
        scale,
        pdf,
        access_log,
        inzage,
        retention,
        sessions,
        per_user,
        **options,
    ):
        self.clock = time.process_time if cpu else time.perf_counter
        if sessions:
            self.write_sessions(sessions, per_user)
            return
        if scale:
            start = time.perf_counter()
            lead = five_years(scale, log_rows_per_day=LOG_ROWS_PER_DAY)
            consultant = scale_consultant(lead)
            self.stdout.write(
                f"team van {scale} consulenten: {self.sizes(lead)} "
                f"(klaar na {time.perf_counter() - start:.0f} s)"
            )
        else:
            consultant = User.objects.filter(username="sanne").first()
            lead = User.objects.filter(username="ingrid").first()
        if consultant is None or lead is None:
            raise CommandError("Geen demo-gegevens: draai eerst DEBUG=true manage.py demo.")
        if pdf:
            self.measure_documents(consultant, rounds)
            return
        if access_log:
            self.measure_access_log(consultant, rounds)
            return
        if inzage:
            self.measure_copy(consultant, rounds)
            return
        if retention:
            self.measure_destruction(consultant, lead, retention)
            return
        resident = longest_history(consultant)
        trajectory = resident.trajectories.first()
        conversation = trajectory.conversations.first()
        # The plan with the most parts in its current round: the plan page's worst case.
        plan = (
            Plan.objects.filter(trajectory__resident__consultant=consultant)
            .annotate(parts=Count("options", distinct=True) + Count("actions", distinct=True))
            .order_by("-parts", "pk")
            .first()
        )
        pages = {
            consultant: [
                ("Vandaag /", "/"),
                ("Mijn caseload", "/inwoners/"),
                ("Caseload op contact", "/inwoners/?sorteer=contact"),
                ("Inwoners zoeken", "/inwoners/?q=de"),
                ("Dossier", f"/inwoners/{resident.pk}/"),
                ("Inwoner aanpassen", f"/inwoners/{resident.pk}/bewerken/"),
                ("Inschrijven", "/inwoners/nieuw/"),
                ("Traject", f"/trajecten/{trajectory.pk}/"),
                ("Stap (traject)", f"/trajecten/{trajectory.pk}/stap/{trajectory.current_step}/"),
                ("Gesprek", f"/gesprekken/{conversation.pk}/"),
                ("Gesprek vastleggen", f"/trajecten/{trajectory.pk}/gesprekken/nieuw/"),
                ("Gesprek plannen", f"/trajecten/{trajectory.pk}/gesprekken/nieuw/?plannen=1"),
                ("Stap 2 (situatie)", f"/trajecten/{trajectory.pk}/situatie/"),
                ("Doel-actieplan", f"/trajecten/{plan.trajectory_id}/doel-actieplan/"),
                ("Werkwijze", "/werkwijze/"),
                ("Stap 3 (werkwijze)", "/werkwijze/3/"),
            ],
            lead: team_pages(lead),
        }
        pages[consultant].append(("Wie heeft ingezien", f"/inwoners/{resident.pk}/ingezien/"))
        privacy = User.objects.filter(
            **{"username": SCALE_PRIVACY_OFFICER} if scale else {"role": User.Role.PRIVACY_OFFICER}
        ).first()
        if privacy is not None:
            pages[privacy] = log_pages(consultant, resident)
        if team:
            pages[synthetic_team()] = [("Team 15x60 /team/", "/team/")]
        # Logged in as after both login steps; the authenticator apps made for that are
        # rolled back with the rest of what the measured pages might write.
        with (
            override_settings(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["testserver"]),
            transaction.atomic(),
        ):
            median = "mediaan cpu ms" if cpu else "mediaan ms"
            self.stdout.write(
                f"{'pagina':<28}{median:>14}{'basis ms':>10}{'ratio':>8}{'queries':>9}"
            )
            for user, user_pages in pages.items():
                client = log_in_verified(Client(), user)
                for label, url in user_pages:
                    page, base = self.measure(client, url, rounds)
                    with CaptureQueriesContext(connection) as queries:
                        self.get(client, url)
                    self.stdout.write(
                        f"{label:<28}{page:>14.2f}{base:>10.2f}{page / base:>8.2f}{len(queries):>9}"
                    )
            transaction.set_rollback(True)

    def sizes(self, lead) -> str:
        in_team = {"trajectory__resident__consultant__team": lead.team}
        residents = Resident.objects.filter(consultant__team=lead.team).count()
        conversations = Conversation.objects.filter(**in_team).count()
        return f"{residents} inwoners, {conversations} gesprekken"

    def write_sessions(self, path: Path, per_user: int) -> None:
        """Sessions past both login steps (as the tests and this bench log in), `per_user`
        for each consultant of the synthetic team (their tabs, their colleagues' laptops)
        and two for its lead, with what each consultant may open."""
        lead = synthetic_team()
        consultants = []
        for consultant in User.objects.filter(team=lead.team, role=User.Role.CONSULTANT):
            trajectories = Trajectory.objects.filter(resident__consultant=consultant).exclude(
                status=Trajectory.Status.CLOSED
            )
            work = {
                "residents": [str(pk) for pk in trajectories.values_list("resident", flat=True)],
                "trajectories": [
                    [str(pk), step] for pk, step in trajectories.values_list("pk", "current_step")
                ],
            }
            for _ in range(per_user):
                consultants.append({"session": self.session(consultant), **work})
        leads = [{"session": self.session(lead)} for _ in range(2)]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"consultants": consultants, "leads": leads}))
        self.stdout.write(f"{len(consultants)} + {len(leads)} sessies in {path}")

    def session(self, user) -> str:
        return log_in_verified(Client(), user).session.session_key

    def measure(self, client, url, rounds):
        times = {url: [], "/_bench/baseline/": []}
        for _ in range(3):  # warm caches and template loaders
            self.get(client, url)
            self.get(client, "/_bench/baseline/")
        for _ in range(rounds):
            for target in times:
                start = self.clock()
                self.get(client, target)
                times[target].append((self.clock() - start) * 1000)
        return statistics.median(times[url]), statistics.median(times["/_bench/baseline/"])

    def measure_access_log(self, consultant, rounds):
        """What writing the access log costs a page: the same pages through the whole stack
        with and without AccessLogMiddleware, interleaved. Unlike the other measurements
        this runs outside a transaction, so each page's log row is committed as on a
        server (the commit is most of the cost); the rows stay in this database's log."""
        resident = longest_history(consultant)
        without = [m for m in settings.MIDDLEWARE if m != ACCESS_LOG_MIDDLEWARE]
        with override_settings(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            logged = log_in_verified(Client(), consultant)
            with override_settings(MIDDLEWARE=without):
                unlogged = log_in_verified(Client(), consultant)
                self.get(unlogged, "/_bench/baseline/")  # loads this client's middleware now
            self.stdout.write(f"{'pagina':<24}{'met log ms':>12}{'zonder ms':>11}{'meer':>8}")
            for label, url in [("Mijn caseload /", "/"), ("Dossier", resident.get_absolute_url())]:
                times = {logged: [], unlogged: []}
                for _ in range(3):
                    for client in times:
                        self.get(client, url)
                for _ in range(rounds):
                    for client, measured in times.items():
                        start = time.perf_counter()
                        self.get(client, url)
                        measured.append((time.perf_counter() - start) * 1000)
                on, off = statistics.median(times[logged]), statistics.median(times[unlogged])
                self.stdout.write(f"{label:<24}{on:>12.2f}{off:>11.2f}{on / off - 1:>8.1%}")

    def measure_copy(self, consultant, rounds):
        """The resident's copy of ten years (AVG art. 15): gathering everything, and the PDF
        the worker draws of it, in CPU time, with the memory after all rounds. The
        synthetic resident is rolled back."""
        with transaction.atomic():
            resident = ten_years_of(consultant)
            export = SubjectAccessExport(resident=resident, asked_on=resident.created_at)
            gathered, drawn = [], []
            before = resident_memory_mb()
            for _ in range(rounds):
                start = time.process_time()
                copy = gather(resident)
                middle = time.process_time()
                pdf = render_pdf("documents/inzage.html", copy_context(copy, export))
                drawn.append((time.process_time() - middle) * 1000)
                gathered.append((middle - start) * 1000)
            after = resident_memory_mb()
            self.stdout.write(
                f"inzage, 10 jaar: verzamelen {statistics.median(gathered):.0f} ms, pdf "
                f"{statistics.median(drawn):.0f} ms (mediaan van {rounds}), {len(pdf) // 1024} kB, "
                f"json {len(copy.as_json()) // 1024} kB; geheugen {after:.0f} MB "
                f"({after - before:+.1f} MB na {rounds} keer)"
            )
            transaction.set_rollback(True)

    def measure_destruction(self, consultant, lead, count):
        """Destroying `count` closed trajectories (with their residents, conversations and
        agreements) in the one transaction a destruction list is, rolled back after."""
        with transaction.atomic():
            closed_long_ago(consultant, count)
            [destruction_list] = [
                dl for dl in propose(today=timezone.localdate()) if dl.team_id == lead.team_id
            ]
            start = time.perf_counter()
            counts = destroy(destruction_list, by=lead)
            seconds = time.perf_counter() - start
            self.stdout.write(
                f"vernietigd in één transactie: {counts['cases.Trajectory']} trajecten, "
                f"{counts['cases.Resident']} inwoners, {sum(counts.values())} rijen in "
                f"{seconds:.1f} s"
            )
            transaction.set_rollback(True)

    def measure_documents(self, consultant, rounds):
        """Each kind of document's render against the minimal one, then memory after many renders.

        Drawing a PDF is all computation, so it is timed in this process's CPU time:
        other work on a shared machine then does not count. A label with several
        documents renders each of them every round; its median is over all of them.
        """
        measured = self.documents_to_measure(consultant)
        self.stdout.write(f"{'pdf':<28}{'mediaan ms':>12}{'minimaal ms':>13}{'ratio':>8}")
        for label, targets in measured:
            times, minimal = [], []
            for target in [*targets, MINIMAL_DOCUMENT] * 3:  # warm fonts, styles, templates
                render_pdf(*target)
            for _ in range(rounds):
                for target in targets:
                    start = time.process_time()
                    render_pdf(*target)
                    times.append((time.process_time() - start) * 1000)
                    start = time.process_time()
                    render_pdf(*MINIMAL_DOCUMENT)
                    minimal.append((time.process_time() - start) * 1000)
            median, base = statistics.median(times), statistics.median(minimal)
            self.stdout.write(f"{label:<28}{median:>12.2f}{base:>13.2f}{median / base:>8.2f}")
        label, [document] = measured[-1]  # the longest document
        before = resident_memory_mb()
        for _ in range(MEMORY_RENDERS):
            render_pdf(*document)
        after = resident_memory_mb()
        self.stdout.write(
            f"geheugen (RSS) na {MEMORY_RENDERS}x {label}: {after:.1f} MB "
            f"(was {before:.1f} MB, {after - before:+.1f} MB, "
            f"{(after - before) * 1024 / MEMORY_RENDERS:+.1f} kB per keer)"
        )

    def documents_to_measure(self, consultant) -> list[tuple[str, list[tuple[str, dict]]]]:
        """(label, [(template, context), ...]): the fullest afsprakenbriefje of the consultant,
        every decided plan of the demo, and the longest of those plans."""
        conversation = (
            Conversation.objects.filter(
                trajectory__resident__consultant=consultant, status=Conversation.Status.HELD
            )
            .annotate(agreement_count=Count("agreements"))
            .order_by("-agreement_count", "-held_at")
            .first()
        )
        letter = documents.agreements_letter(conversation)
        plans = []
        decided = Plan.objects.filter(decisions__isnull=False).distinct()
        for plan in decided.select_related("trajectory__resident__consultant__team"):
            # The round of the last decision: it has the choice and the actions.
            sheet = plan_sheet(plan.trajectory, plan.decisions.last().cycle)
            document = plan_document(sheet)
            plans.append((document.template_name, document.context))
        longest = max(plans, key=lambda plan: len(render_to_string(*plan)))
        return [
            ("Afsprakenbriefje", [(letter.template_name, letter.context)]),
            (f"Doel-actieplan, alle {len(plans)}", plans),
            ("Doel-actieplan, langst", [longest]),
        ]

    def get(self, client, url):
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} gaf status {response.status_code}")


def team_pages(lead) -> list[tuple[str, str]]:
    """Every page of the team lead's, with the core points over the default half year and
    over the five years of --scale."""
    today = timezone.localdate()
    five_years_ago = f"?van={today - timedelta(days=SCALE_DAYS)}&tot={today}"
    consultant = User.objects.filter(team=lead.team, role=User.Role.CONSULTANT).order_by("pk")[0]
    return [
        ("Team /", "/"),
        ("Inwoners van het team", "/inwoners/"),
        ("Inwoners zoeken (team)", "/inwoners/?q=an"),
        ("Team: geen contact", "/inwoners/?toon=geen-contact"),
        ("Team /team/", "/team/"),
        ("Team caseload.csv", "/team/caseload.csv"),
        ("Kernpunten half jaar", "/team/kernpunten/"),
        ("Kernpunten 5 jaar", f"/team/kernpunten/{five_years_ago}"),
        ("Kernpunten.csv 5 jaar", f"/team/kernpunten.csv{five_years_ago}"),
        ("Check-in.csv 5 jaar", f"/team/check-in.csv{five_years_ago}"),
        ("Jij beslist mee: rijen", "/team/kernpunten/jij-beslist-mee/"),
        ("Eigen woorden: rijen", "/team/kernpunten/eigen-woorden/"),
        ("Evaluaties te laat", "/team/evaluaties/"),
        ("Overdragen", "/team/overdragen/"),
        ("Overdragen (consulent)", f"/team/overdragen/?consulent={consultant.pk}"),
        ("Signalen", "/team/signalen/"),
        ("Casuistiek", "/team/casuistiek/"),
        ("Vernietigen", "/team/vernietigen/"),
    ]


def log_pages(consultant, resident) -> list[tuple[str, str]]:
    """The privacy officer's searches of the access log: the default 30 days, each filter,
    and five years."""
    today = timezone.localdate()
    five_years_ago = f"van={today - timedelta(days=SCALE_DAYS)}&tot={today}"
    return [
        ("Logboek 30 dagen", "/logboek/"),
        ("Logboek: een medewerker", f"/logboek/?persoon={consultant.pk}"),
        ("Logboek: een inwoner", f"/logboek/?inwoner={resident.pk}"),
        ("Logboek: buiten werktijd", "/logboek/?buiten_werktijd=on"),
        ("Logboek: mislukt inloggen", "/logboek/?actie=inloggen&resultaat=mislukt"),
        ("Logboek 5 jaar", f"/logboek/?{five_years_ago}"),
        ("Logboek 5 jaar: inwoner", f"/logboek/?{five_years_ago}&inwoner={resident.pk}"),
        ("Logboek 5 jaar: pagina 2000", f"/logboek/?{five_years_ago}&pagina=2000"),
        ("Logboek.csv 30 dagen", "/logboek.csv"),
        ("Logboek.csv 5 jaar: inwoner", f"/logboek.csv?{five_years_ago}&inwoner={resident.pk}"),
    ]


def longest_history(consultant) -> Resident:
    """The consultant's resident with the longest history: the dossier's worst case."""
    resident = (
        Resident.objects.filter(consultant=consultant, trajectories__isnull=False)
        .annotate(history=Count("trajectories__conversations"))
        .order_by("-history")
        .first()
    )
    if resident is None:
        raise CommandError("De demo heeft geen trajecten: draai DEBUG=true manage.py demo.")
    return resident


def resident_memory_mb() -> float:
    """The process's resident set size (VmRSS, Linux) in megabytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise CommandError("Het geheugengebruik is alleen op Linux te meten (/proc/self/status).")
