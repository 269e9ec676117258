"""A team lead restricts a file and approves a destruction list; a consultant asks for the
resident's copy: seen in the browser at phone, tablet and desktop width."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import Trajectory
from cases.retention.services import propose
from tests.factories import ResidentFactory, TrajectoryFactory
from tests.queue import run_the_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_restricted_file_says_so_on_every_page(
    alice, lead, resident, trajectory, live_server, login, at_each_width, browser
):
    lead_page = browser.new_page()
    login(lead, page=lead_page)
    lead_page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    lead_page.get_by_role("link", name="Verwerking beperken").click()
    lead_page.get_by_label("Waarom wordt de verwerking beperkt?").fill(
        "De inwoner betwist wat er over zijn schulden staat"
    )
    lead_page.get_by_role("button", name="Verwerking beperken").click()
    expect(lead_page.get_by_role("status")).to_contain_text("Het dossier is nu alleen te lezen")
    lead_page.close()

    page = login(alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/1/")
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("Verwerking beperkt")
    expect(banner).to_contain_text("De inwoner betwist wat er over zijn schulden staat")
    page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    expect(page.get_by_role("link", name="Gesprek vastleggen")).to_have_count(0)
    at_each_width("beperkt-dossier")


def test_the_team_lead_approves_a_destruction_list(alice, lead, live_server, login, at_each_width):
    old = ResidentFactory(consultant=alice, first_name="Gerrit", last_name="Mulder")
    trajectory = TrajectoryFactory(resident=old)
    services.set_trajectory_status(
        trajectory=trajectory, status=Trajectory.Status.CLOSED, outcome="werk"
    )
    Trajectory.objects.filter(pk=trajectory.pk).update(destroy_on=date(2020, 1, 1))
    propose(today=date.today())  # noqa: DTZ011
    page = login(lead)
    page.goto(f"{live_server.url}/team/vernietigen/")
    expect(page.get_by_role("table").first).to_contain_text("Gerrit Mulder")
    at_each_width("vernietigen")
    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    expect(page.get_by_role("status")).to_contain_text("Vernietigd: 1 traject")
    expect(page.get_by_role("main")).not_to_contain_text("Gerrit")


def test_a_consultant_makes_the_residents_copy(alice, resident, live_server, login, at_each_width):
    page = login(alice)
    page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    page.get_by_role("link", name="Inzage voor de inwoner: alles wat we bewaren").click()
    page.get_by_role("button", name="Maak de inzage").click()
    expect(page.get_by_role("table")).to_contain_text("Wordt gemaakt")
    run_the_queue()  # the worker beside the server
    page.reload()
    expect(page.get_by_role("table")).to_contain_text(".zip")
    at_each_width("inzage")
