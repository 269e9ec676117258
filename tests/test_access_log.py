"""Who saw what: every read and write of a resident's file and every security event in the
access log, its chain that shows tampering, and the two ways to read it."""

import contextlib
import csv
import io
import json
import logging
import re
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from cases.demo.synthetic_history import access_log_of, five_years
from cases.logbook.models import AccessLogChange, AccessLogEntry, Action, ObjectKind, Result
from cases.logbook.selectors import PURPOSES, Period, entries_in, outside_working_hours
from cases.logbook.services import Noted, first_broken_link, note, prune, write
from cases.models import Resident, User
from samenbeslissen.log_format import JsonFormatter

from .pdfs import pdf_text
from .queries import ACCESS_LOG
from .test_access import MATRIX, ROLES

pytestmark = pytest.mark.django_db

# A download of everything is logged as an export, not a read.
DOWNLOADS = {"copy_download"}
# /logboek/: the session, the user and their second factor; the page's count and its rows;
# the changed fields of those rows; the work outside hours; the failed logins per day and
# per account; the staff for the form's choice of a person.
QUERIES_OF_THE_LOG_SEARCH = 10
# The placeholders of the matrix's paths that stand for an object of Johan's file.
CASE_OBJECTS = {"resident", "trajectory", "conversation", "planned", "document", "agreement"}


def entries_of(response):
    return list(AccessLogEntry.objects.filter(request_id=response["X-Request-ID"]))


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("url_name", MATRIX)
def test_every_look_at_a_file_is_logged_allowed_or_refused(
    client_for, personas, case, resident, url_name, persona
):
    method, path, _expected = MATRIX[url_name]
    user = personas[persona]
    data = {"step": "2", "status": "gepauzeerd", "werk-wish": "Werk met hout"}
    response = getattr(client_for(user), method)(
        path.format(**case), data if method == "post" else None
    )
    entries = entries_of(response)
    about_johan = [e for e in entries if e.resident_id == resident.pk]
    for entry in entries:
        assert entry.user_id == user.pk
        assert entry.role == user.role
        assert entry.client == "127.0.0.1"
        assert abs(entry.at - timezone.now()) < timedelta(minutes=1)
    if response.status_code in (403, 404):
        assert entries, "a refusal leaves a row"
        assert all(e.result == Result.REFUSED for e in entries)
    elif set(re.findall(r"{(\w+)}", path)) & CASE_OBJECTS:
        assert about_johan, "a look at Johan's file is on Johan's file"
        entry = about_johan[0]
        assert entry.purpose == f"cases:{url_name}"
        if response.status_code < 400:
            assert entry.result == Result.ALLOWED
            if url_name in DOWNLOADS:
                assert entry.action == Action.EXPORT
            else:
                assert (entry.action == Action.READ) == (method == "get")
        else:
            assert entry.result == Result.FAILED


def test_every_page_has_a_purpose_a_person_can_read():
    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name and namespace == "cases:":
                yield namespace + pattern.name

    assert set(names(get_resolver())) - set(PURPOSES) == set()


def test_a_refused_look_shows_on_the_file_it_was_aimed_at(client_for, alice, charlie, resident):
    assert client_for(charlie).get(f"/inwoners/{resident.pk}/").status_code == 404
    page = client_for(alice).get(f"/inwoners/{resident.pk}/ingezien/").content.decode()
    assert "Charlie Claes" in page
    assert "geweigerd" in page


def test_a_change_of_personal_data_keeps_the_old_and_new_value(client_for, alice, resident):
    client = client_for(alice)
    form = client.get(f"/inwoners/{resident.pk}/bewerken/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data |= {
        "date_of_birth": resident.date_of_birth.strftime("%d-%m-%Y"),
        "phone": "06-99999999",
        "netwerk-TOTAL_FORMS": "0",
        "netwerk-INITIAL_FORMS": "0",
    }
    data.pop("needs_interpreter", None)
    response = client.post(f"/inwoners/{resident.pk}/bewerken/", data)
    assert response.status_code == 302
    (entry,) = AccessLogEntry.objects.filter(
        resident_id=resident.pk, action=Action.CHANGE, request_id=response["X-Request-ID"]
    )
    (change,) = AccessLogChange.objects.filter(entry=entry)
    assert (change.record, change.field, change.old, change.new) == (
        "inwoner",
        "phone",
        "06-12345678",
        "06-99999999",
    )
    page = client.get(f"/inwoners/{resident.pk}/ingezien/").content.decode()
    assert "06-12345678" in page
    assert "06-99999999" in page


def test_a_search_is_logged_without_what_was_searched(client_for, alice, resident):
    response = client_for(alice).get("/inwoners/", {"q": "Johan"})
    (entry,) = entries_of(response)
    assert (entry.action, entry.object_kind, entry.count) == (Action.SEARCH, ObjectKind.LIST, 1)
    assert "Johan" not in entry.content()


def test_a_handover_names_from_whom_to_whom(client_for, lead, alice, bob, resident):
    response = client_for(lead).post(
        "/team/overdragen/",
        {
            "residents": [resident.pk],
            "to_consultant": bob.pk,
            "reason": "Verlof",
            "handover_note": "Johan is net begonnen.",
        },
    )
    assert response.status_code == 302
    (entry,) = AccessLogEntry.objects.filter(action=Action.HAND_OVER)
    assert entry.resident_id == resident.pk
    assert entry.target_user_id == bob.pk
    assert entry.detail == {"from": alice.pk, "to": bob.pk}
    assert "Johan" not in entry.content()


def test_printing_a_document_is_logged_as_printing(client_for, alice, trajectory):
    from .factories import ConversationFactory

    conversation = ConversationFactory(trajectory=trajectory)
    response = client_for(alice).post(
        f"/gesprekken/{conversation.pk}/afspraken.pdf", {"how": "geprint"}
    )
    assert response.status_code == 302
    (entry,) = entries_of(response)
    assert (entry.action, entry.detail) == (Action.PRINT, {"document": "afsprakenbriefje"})


def test_logins_failures_lockouts_and_logouts_are_logged_without_passwords(client, alice):
    for _ in range(5):
        client.post("/inloggen/", {"username": "alice", "password": "fout-wachtwoord"})
    client.post("/inloggen/", {"username": "niemand", "password": "fout-wachtwoord"})
    rows = list(AccessLogEntry.objects.order_by("id"))
    failed = [r for r in rows if r.action == Action.LOG_IN and r.result == Result.FAILED]
    assert len(failed) == 6
    assert {r.user_id for r in failed} == {alice.pk, None}
    assert [r.result for r in rows if r.action == Action.LOCK_OUT] == [Result.REFUSED]
    assert not any("fout-wachtwoord" in r.content() or "niemand" in r.content() for r in rows)


def test_a_login_and_logout_are_logged(client, alice, settings):
    settings.REQUIRE_SECOND_FACTOR = False
    client.post("/inloggen/", {"username": "alice", "password": "geheim-wachtwoord-123"})
    client.post("/uitloggen/")
    actions = list(
        AccessLogEntry.objects.filter(user=alice).order_by("id").values_list("action", "result")
    )
    assert actions == [(Action.LOG_IN, Result.ALLOWED), (Action.LOG_OUT, Result.ALLOWED)]


def test_the_server_log_has_one_line_per_request_without_the_query(client_for, alice, caplog):
    with caplog.at_level(logging.INFO, logger="samenbeslissen.requests"):
        response = client_for(alice).get("/inwoners/", {"q": "Johan"})
    (record,) = [r for r in caplog.records if r.name == "samenbeslissen.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert (line["user_id"], line["method"], line["path"], line["status"]) == (
        alice.pk,
        "GET",
        "/inwoners/",
        200,
    )
    assert line["duration_ms"] >= 0
    assert "Johan" not in json.dumps(line)


# --- The chain: tampering shows.


def write_some(n=5):
    for i in range(n):
        note(None, kind=ObjectKind.USER, object_id=i, action=Action.ACCOUNT, purpose="test")


def tamper(sql, params):
    """Change the log behind the application's back, as someone with the database's keys
    could: past the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS cases_accesslogentry_no_update")
        cursor.execute(sql, params)


def test_an_untouched_log_checks(capsys):
    write_some()
    call_command("check_access_log")
    assert "de keten is heel" in capsys.readouterr().out


def test_a_changed_row_is_found():
    write_some()
    third = AccessLogEntry.objects.order_by("id")[2]
    tamper("UPDATE cases_accesslogentry SET object_id = 'x' WHERE id = %s", [third.pk])
    assert first_broken_link().entry_id == third.pk
    with pytest.raises(CommandError, match=f"vanaf regel {third.pk}"):
        call_command("check_access_log")


def test_a_removed_row_is_found():
    write_some()
    third, fourth = AccessLogEntry.objects.order_by("id")[2:4]
    tamper("DELETE FROM cases_accesslogentry WHERE id = %s", [third.pk])
    assert first_broken_link().entry_id == fourth.pk


def test_the_application_cannot_change_or_remove_a_row():
    write_some(1)
    entry = AccessLogEntry.objects.get()
    with pytest.raises(TypeError):
        AccessLogEntry.objects.update(object_id="x")
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_accesslogentry SET object_id = 'x'")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a trigger of PostgreSQL")
def test_postgresql_refuses_a_delete():
    write_some(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM cases_accesslogentry")
    assert AccessLogEntry.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles of PostgreSQL")
def test_the_application_role_may_add_to_the_log_but_not_delete_or_truncate():
    write_some(1)
    role = f"sb_app_{connection.settings_dict['NAME']}"[:60]
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    try:
        call_command("grant_app_role", role, stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
            try:
                with transaction.atomic():
                    write_some(1)  # adding is allowed
                for statement in (
                    "DELETE FROM cases_accesslogentry",
                    "TRUNCATE cases_accesslogentry",
                    "UPDATE cases_accesslogentry SET role = ''",
                ):
                    with (
                        pytest.raises(DatabaseError, match="permission denied"),
                        transaction.atomic(),
                    ):
                        cursor.execute(statement)
                cursor.execute("SELECT count(*) FROM cases_resident")  # cases: allowed
            finally:
                cursor.execute("RESET ROLE")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
    assert AccessLogEntry.objects.count() == 2


def test_pruning_removes_old_rows_logs_itself_and_keeps_the_chain(settings, capsys):
    write_some(3)
    old_ids = list(AccessLogEntry.objects.values_list("id", flat=True))
    with connection.cursor() as cursor:  # make them six years old
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS cases_accesslogentry_no_update")
        six_years_ago = timezone.now() - timedelta(days=6 * 365)
        cursor.execute("UPDATE cases_accesslogentry SET at = %s", [six_years_ago])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    write_some(2)
    call_command("prune_access_log")
    assert "3 regels" in capsys.readouterr().out
    assert not AccessLogEntry.objects.filter(id__in=old_ids).exists()
    pruned = AccessLogEntry.objects.get(action=Action.PRUNE)
    assert pruned.count == 3
    assert first_broken_link() is None
    assert prune(before=timezone.now() - timedelta(days=365)) == 0


@contextlib.contextmanager
def a_pages_time_limit_far_too_short():
    """The server's statement limit and the connection's answer timeout at 1 ms: far
    less than the night's commands take, as the 3 seconds of a page are to a month of a
    municipality's rows."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
    raw = connection.connection
    usual, raw.answer_timeout = raw.answer_timeout, 0.001
    try:
        yield
    finally:
        raw.answer_timeout = usual


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's time limits")
def test_the_nights_commands_on_the_log_are_not_stopped_by_a_pages_time_limit(capsys):
    entries = [
        AccessLogEntry(
            action=Action.ACCOUNT, object_kind=ObjectKind.USER, result=Result.ALLOWED, purpose="t"
        )
        for _ in range(3000)
    ]
    write([Noted(entry) for entry in entries])
    tamper("UPDATE cases_accesslogentry SET at = %s", [timezone.now() - timedelta(days=6 * 365)])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
    write_some(2)
    with a_pages_time_limit_far_too_short():
        call_command("prune_access_log")
        call_command("check_access_log")
    out = capsys.readouterr().out
    assert "3000 regels van voor" in out
    assert "Het logboek klopt: 3 regels, de keten is heel." in out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's time limits")
def test_migrate_is_not_stopped_by_a_pages_time_limit():
    # Migration 0047 builds two indexes on the log: on years of it, seconds of work.
    call_command("migrate", "cases", "0046", verbosity=0)
    with a_pages_time_limit_far_too_short():
        call_command("migrate", "cases", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'access_log_local_%'")
        assert cursor.fetchone()[0] == 2


# --- Reading it.


def test_the_consultant_reads_who_saw_the_file_and_prints_it(client_for, alice, lead, resident):
    client_for(lead).get(f"/inwoners/{resident.pk}/")
    client = client_for(alice)
    page = client.get(f"/inwoners/{resident.pk}/ingezien/").content.decode()
    assert "Lotte Leider" in page
    assert "Teamleider" in page
    assert "Dossier" in page
    text = pdf_text(client.get(f"/inwoners/{resident.pk}/ingezien.pdf").content)
    assert "Wie heeft je dossier ingezien?" in text
    assert "Lotte Leider" in text
    assert "Dossier" in text
    assert "Bekeken" in text
    assert "AVG" in text


def test_the_overview_keeps_to_the_chosen_period(client_for, alice, lead, resident):
    client_for(lead).get(f"/inwoners/{resident.pk}/")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = client_for(alice).get(
        f"/inwoners/{resident.pk}/ingezien/", {"van": tomorrow, "tot": tomorrow}
    )
    assert "Lotte Leider" not in page.content.decode()
    assert "Niemand in deze periode" in page.content.decode()


def test_the_overview_runs_a_fixed_number_of_queries(
    client_for, alice, lead, resident, django_assert_num_queries
):
    client = client_for(alice)
    counts = []
    for looks in (1, 30):
        for _ in range(looks):
            client_for(lead).get(f"/inwoners/{resident.pk}/")
        client = client_for(alice)
        with django_assert_num_queries(7 + ACCESS_LOG) as captured:
            assert client.get(f"/inwoners/{resident.pk}/ingezien/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_privacy_officer_searches_the_whole_log(client_for, privacy, alice, resident):
    client_for(alice).get(f"/inwoners/{resident.pk}/")
    client = client_for(privacy)
    page = client.get("/logboek/", {"inwoner": resident.pk}).content.decode()
    assert "Alice Aarts" in page
    assert str(resident.pk) in page
    assert "Johan" not in page  # the officer sees ids, never a file
    page = client.get("/logboek/", {"persoon": privacy.pk, "actie": "lezen"}).content.decode()
    assert "Niets gevonden" in page
    refused = client.get("/logboek/", {"inwoner": "niet-een-nummer"})
    assert refused.status_code == 400
    assert "Dit is geen nummer van een inwoner." in refused.content.decode()
    # Reading the log is itself in the log.
    assert AccessLogEntry.objects.filter(user=privacy, object_kind=ObjectKind.ACCESS_LOG).count()


def test_the_privacy_officer_sees_failed_login_peaks(client, client_for, privacy, alice):
    for _ in range(3):
        client.post("/inloggen/", {"username": "alice", "password": "fout"})
    page = client_for(privacy).get("/logboek/").content.decode()
    per_day = page.split('id="per-dag"')[1].split("</section>")[0]
    assert '<td class="number">3</td>' in per_day
    per_account = page.split('id="per-account"')[1].split("</section>")[0]
    assert ">alice</a>" in per_account


def test_the_privacy_officer_finds_work_outside_working_hours(client_for, privacy, alice):
    evening_rows(alice, 1)
    page = client_for(privacy).get("/logboek/", {"buiten_werktijd": "on"}).content.decode()
    assert "1 keer was iemand buiten werktijd bezig" in page
    assert "Alice Aarts" in page


def test_the_privacy_officer_exports_a_selection(client_for, privacy, alice, resident):
    client_for(alice).get(f"/inwoners/{resident.pk}/")
    response = client_for(privacy).get("/logboek.csv", {"persoon": alice.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["tijd", "medewerker", "gebruikersnaam", "rol", "wat"]
    assert [r[4] for r in rows[1:]] == ["lezen"]
    assert rows[1][7] == str(resident.pk)
    assert "Johan" not in response.content.decode("utf-8-sig")
    exported = AccessLogEntry.objects.get(user=privacy, action=Action.EXPORT)
    assert exported.count == 1


def evening_rows(user, n):
    """`n` rows of `user`'s at half past ten in the evening, outside working hours."""
    write_some(n)
    evening = timezone.localtime().replace(hour=22, minute=30)
    tamper(
        "UPDATE cases_accesslogentry SET at = %s, user_id = %s WHERE purpose = 'test'",
        [evening, user.pk],
    )


def test_a_search_of_years_pages_its_newest_rows_and_says_how_to_find_older(
    client_for, privacy, monkeypatch
):
    monkeypatch.setattr("cases.logbook.views.PAGE", 2)
    monkeypatch.setattr("cases.logbook.views.MOST_ROWS_PAGED", 4)
    write_some(6)
    client = client_for(privacy)
    page = client.get("/logboek/").content.decode()
    assert "Deze selectie heeft meer dan 4 regels: hieronder staan de nieuwste 4." in page
    assert "Kies een kortere periode, een medewerker of een inwoner om oudere te zien." in page
    assert "De nieuwste 4 regels, nieuwste eerst</caption>" in page
    assert "Pagina 1 van 2" in page
    past = client.get("/logboek/", {"pagina": 3}).content.decode()
    assert "dit is de laatste, pagina 2" in past
    narrowed = client.get("/logboek/", {"actie": "lezen"}).content.decode()
    assert "meer dan" not in narrowed


def test_work_outside_hours_is_counted_up_to_the_same_limit(
    client_for, privacy, alice, monkeypatch
):
    monkeypatch.setattr("cases.logbook.views.MOST_ROWS_PAGED", 2)
    evening_rows(alice, 3)
    page = client_for(privacy).get("/logboek/").content.decode()
    assert "Meer dan 2 keer was iemand buiten werktijd bezig in deze selectie." in page


def test_the_csv_link_downloads_the_selection_on_screen(client_for, privacy, alice):
    page = client_for(privacy).get("/logboek/", {"persoon": alice.pk, "actie": "lezen"})
    assert f'href="/logboek.csv?persoon={alice.pk}&amp;actie=lezen"' in page.content.decode()


def test_an_export_too_large_for_one_file_is_refused_and_says_how_to_narrow_it(
    client_for, privacy, alice, resident, monkeypatch
):
    monkeypatch.setattr("cases.logbook.views.MOST_ROWS_IN_CSV", 3)
    write_some(5)
    client_for(alice).get(f"/inwoners/{resident.pk}/")
    client = client_for(privacy)
    response = client.get("/logboek.csv", {"actie": "account", "resultaat": "toegestaan"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Deze selectie heeft meer dan 3 regels: te veel voor één CSV-bestand." in page
    # The search stays as it was asked, to narrow it from there.
    assert '<option value="account" selected>' in page
    assert '<option value="toegestaan" selected>' in page
    assert not AccessLogEntry.objects.filter(user=privacy, action=Action.EXPORT).exists()
    narrowed = client.get("/logboek.csv", {"persoon": alice.pk, "actie": "lezen"})
    assert narrowed.status_code == 200
    assert len(narrowed.content.decode("utf-8-sig").splitlines()) == 2  # head and one row


def test_the_log_search_runs_a_fixed_number_of_queries(
    client_for, privacy, alice, django_assert_num_queries
):
    counts = []
    for rows in (2, 60):
        evening_rows(alice, rows)
        client = client_for(privacy)
        with django_assert_num_queries(QUERIES_OF_THE_LOG_SEARCH + ACCESS_LOG) as captured:
            assert client.get("/logboek/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_work_outside_hours_is_asked_for_as_its_indexes_hold_it():
    """Among millions of rows the few of the evening are found through the indexes on the
    local hour and day of the week (measured in bench --scale), which the planner takes
    only when the search asks in the same expression, time zone and all; with another it
    reads every row of the period."""
    query = outside_working_hours(entries_in(Period(date(2021, 1, 1), date(2026, 1, 1))))
    sql, params = query.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'access_log_local_%'"
        )
        indexes = dict(cursor.fetchall())
    for name, unit in (("access_log_local_hour", "hour"), ("access_log_local_weekday", "isodow")):
        expression = re.search(
            r"EXTRACT\(\w+ FROM \(at AT TIME ZONE '[^']+'::text\)\)", indexes[name]
        )
        assert expression[0] == f"EXTRACT({unit} FROM (at AT TIME ZONE 'Europe/Amsterdam'::text))"
        assert expression[0] in plan


def test_the_benchs_log_of_a_team_is_one_chain_in_order_of_time():
    lead = five_years(2, residents=3, conversations=2)
    access_log_of(lead.team, rows_per_day=6, days=21)
    rows = list(AccessLogEntry.objects.order_by("id"))
    assert first_broken_link() is None
    assert [row.at for row in rows] == sorted(row.at for row in rows)
    consultants = User.objects.filter(team=lead.team, role=User.Role.CONSULTANT)
    caseloads = {
        resident.pk: resident.consultant_id
        for resident in Resident.objects.filter(consultant__in=consultants)
    }
    # Fifteen working days of six rows for each of the two, and now and then one more.
    assert 2 * 15 * 6 <= len(rows) <= 2 * 15 * 8
    assert {row.user_id for row in rows} == {person.pk for person in consultants}
    assert all(caseloads[row.resident_id] == row.user_id for row in rows if row.resident_id)


def test_the_beheerder_sees_none_of_it(client_for, beheerder):
    client = client_for(beheerder)
    assert client.get("/logboek/").status_code == 403
    assert client.get("/beheer/cases/accesslogentry/").status_code == 404
