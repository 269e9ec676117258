"""Every page of the permission matrix, for each role that may see it, as an auditor checks
it: axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, and the Nu Html Checker on the
HTML as the server sent it (tests/e2e/checks.py). The journeys check again after each htmx
change they make.

One browser page per role walks its pages; a page's problems are collected, so one run
lists them all.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import BROWSER_ERRORS
from tests.test_access import MATRIX

pytestmark = pytest.mark.browser

# Not pages to look at: documents and files the browser downloads or shows itself.
FILES = (".pdf", ".csv", ".zip", ".ics")
# The pages outside the case matrix: the method, the start page, the statement.
METHOD = ["/werkwijze/", *(f"/werkwijze/{n}/" for n in range(1, 8))]


def pages_for(persona: str, case: dict) -> list[str]:
    """The matrix's pages that answer this persona 200."""
    return [
        path.format(**case)
        for method, path, expected in MATRIX.values()
        if method == "get"
        and not path.endswith(FILES)
        and expected.get(persona, expected["beheerder"]) == 200
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("persona", "extra"),
    [
        ("alice", ["/", *METHOD]),
        ("lead", ["/", *METHOD]),
        ("beheerder", ["/", *METHOD]),
        ("privacy", ["/logboek/?buiten_werktijd=on"]),
    ],
)
def test_every_page_of_a_role_passes_axe_and_the_html_checker(
    persona, extra, personas, case, live_server, login, page, accessibility
):
    login(personas[persona])
    paths = pages_for(persona, case) + extra
    assert len(paths) >= 2
    problems = accessibility.problems("inloggen")
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        problems += accessibility.problems(path)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_the_pages_without_login_pass_axe_and_the_html_checker(
    alice, live_server, page, accessibility
):
    problems = []
    for path in ["/inloggen/", "/inwoners/"]:
        page.goto(f"{live_server.url}{path}")
        problems += accessibility.problems(path)
    # A wrong password: the form with its error.
    page.fill("#id_username", alice.username)
    page.fill("#id_password", "niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    problems += accessibility.problems("inloggen, fout wachtwoord")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_a_style_the_policy_blocks_fails_the_browser_test(alice, live_server, login, request):
    """The hook every browser test has (tests/e2e/conftest.py) sees a style-src violation:
    a style attribute put in after the page loaded, as an htmx answer could bring one."""
    page = login(alice)
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.evaluate("0")  # a round trip, so the report has come
    errors = request.node.stash[BROWSER_ERRORS]
    assert any("CSP violation: style-src" in error for error in errors), errors
    errors.clear()  # seen; the test itself passes
