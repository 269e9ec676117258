"""The accessibility statement at /toegankelijkheid/: open without login, linked from every
page, and naming the checks the test suite runs, with the versions of the tools that run
them. A check added, removed or upgraded without the statement fails here."""

import importlib
import json
import re
import tomllib
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.e2e.checks import AXE_TAGS
from tests.e2e.test_layout_journeys import ZOOMS

ROOT = Path(__file__).resolve().parents[1]

# Each check the statement lists (its item's id) and the tests that run it.
CHECKS = {
    "check-axe": [
        "tests/e2e/test_accessibility.py::test_every_page_of_a_role_passes_axe_and_the_html_checker",
        "tests/e2e/test_accessibility.py::test_the_pages_without_login_pass_axe_and_the_html_checker",
        "tests/e2e/test_accessibility.py::test_the_admin_passes_axe_and_the_html_checker",
        "tests/e2e/test_htmx_journeys.py::test_a_tick_by_keyboard_keeps_the_focus_and_the_count",
        "tests/e2e/test_plan_journeys.py::test_building_a_plan_through_steps_4_to_7_and_taking_it_home",
        "tests/e2e/test_situation_journeys.py::test_filling_in_two_life_domains_on_the_dossier",
        "tests/e2e/test_situation_journeys.py::test_measuring_a_scale_question_in_place",
        "tests/e2e/test_journeys.py::test_search_filters_the_caseload_without_reload",
    ],
    "check-html": [
        "tests/e2e/test_accessibility.py::test_every_page_of_a_role_passes_axe_and_the_html_checker",
        "tests/e2e/test_accessibility.py::test_the_admin_passes_axe_and_the_html_checker",
    ],
    "check-console": [
        "tests/e2e/test_accessibility.py::test_a_style_the_policy_blocks_fails_the_browser_test",
    ],
    "check-reflow": [
        "tests/e2e/test_layout_journeys.py::test_the_consultants_pages_hold_at_every_width_with_long_words",
        "tests/e2e/test_layout_journeys.py::test_the_team_leads_pages_hold_at_every_width",
        "tests/e2e/test_layout_journeys.py::test_text_spacing_cuts_off_no_text",
        "tests/e2e/test_layout_journeys.py::test_every_page_holds_at_200_and_400_percent_zoom",
    ],
    "check-targets": [
        "tests/e2e/test_accessibility.py::test_every_page_of_a_role_passes_axe_and_the_html_checker",
        "tests/e2e/test_accessibility.py::test_the_focus_shows_and_is_never_covered",
    ],
    "check-keyboard": [
        "tests/e2e/test_accessibility.py::test_the_journeys_by_keyboard_alone",
        "tests/e2e/test_accessibility.py::test_the_consultants_day_search_scale_question_and_conversation_by_keyboard_alone",
        "tests/e2e/test_accessibility.py::test_the_team_leads_journeys_by_keyboard_alone",
        "tests/e2e/test_accessibility.py::test_setting_up_the_second_factor_by_keyboard_alone",
    ],
    "check-pdf": ["tests/test_pdf_accessibility.py::test_each_document_is_tagged_for_pdf_ua"],
}


def pinned(name: str) -> str:
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    for requirement in groups["dev"] + groups["app"]:
        if isinstance(requirement, str) and requirement.startswith(f"{name}=="):
            return requirement.split("==")[1]
    raise LookupError(name)


@pytest.fixture
def statement(client):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_it_needs_no_login_and_every_page_links_to_it(client, statement):
    assert "<h1>Toegankelijkheids&shy;verklaring</h1>" in statement
    login = client.get("/inloggen/").content.decode()
    assert 'href="/toegankelijkheid/"' in login


def test_it_has_the_parts_of_the_governments_model(statement):
    for part in [
        "Voor welke onderdelen deze verklaring geldt",
        "Nalevingsstatus",
        "Wat we hebben gecontroleerd, en hoe",
        "Wat nog niet goed is, en wanneer het wel goed is",
        "Loopt u ergens tegenaan?",
        "Nationale ombudsman",
        "Opgesteld op",
    ]:
        assert part in statement
    # Every known gap says when it will be fixed.
    gaps = statement.split('id="nog-niet"')[1].split("</ul>")[0]
    for gap in re.findall(r"<li>(.*?)</li>", gaps):
        assert re.search(r"vóór \d+ \w+ \d{4}", gap), gap


def test_it_names_the_checks_the_suite_runs_and_their_versions(statement):
    axe_core = re.match(r"/\*! axe v([\d.]+)", AXE_SCRIPT).group(1)
    checker = json.loads((ROOT / "package.json").read_text())["devDependencies"]["vnu-jar"]
    assert f"axe-core {axe_core}" in statement
    assert f"axe-playwright-python {pinned('axe-playwright-python')}" in statement
    assert f"Nu Html Checker {checker}" in statement
    assert f"pikepdf {pinned('pikepdf')}" in statement
    versions = {re.match(r"wcag(\d)(\d?)", tag).groups() for tag in AXE_TAGS}
    for major, minor in versions:
        assert f"WCAG {major}.{minor or 0}" in statement
    assert "niveau A en AA" in statement
    # The browser's own zoom, at the levels tests/e2e/test_layout_journeys.py sets.
    assert "zoom van de browser zelf" in statement
    for zoom in ZOOMS:
        assert f"{zoom} %" in statement
    assert "/beheer/" in statement.split('id="check-axe"')[1].split("</li>")[0]


def test_each_check_it_names_is_a_test_of_the_suite(statement):
    assert re.findall(r'<li id="(check-[a-z]+)"', statement) == list(CHECKS)
    for tests in CHECKS.values():
        for node in tests:
            path, name = node.split("::")
            module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
            assert callable(getattr(module, name, None)), f"{node} does not exist"
