"""Every page of the permission matrix, for each role that may see it, as an auditor checks
it: axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, and the Nu Html Checker on the
HTML as the server sent it (tests/e2e/checks.py). The journeys check again after each htmx
change they make.

One browser page per role walks its pages; a page's problems are collected, so one run
lists them all.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import BROWSER_ERRORS
from tests.test_access import MATRIX

pytestmark = pytest.mark.browser

# Not pages to look at: documents and files the browser downloads or shows itself.
FILES = (".pdf", ".csv", ".zip", ".ics")
# The pages outside the case matrix: the method, the start page, the statement.
METHOD = ["/werkwijze/", *(f"/werkwijze/{n}/" for n in range(1, 8))]
# The pages that say no to a consultant: another role's page, and a file not there or not theirs.
REFUSALS = {"/team/": 403, "/inwoners/00000000-0000-0000-0000-000000000000/": 404}


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
        ("alice", ["/", *METHOD, "/toegankelijkheid/", *REFUSALS]),
        ("lead", ["/", *METHOD]),
        ("beheerder", ["/", *METHOD]),
        ("privacy", ["/logboek/?buiten_werktijd=on"]),
    ],
)
def test_every_page_of_a_role_passes_axe_and_the_html_checker(
    persona, extra, personas, case, live_server, login, page, accessibility, request
):
    login(personas[persona])
    paths = pages_for(persona, case) + extra
    assert len(paths) >= 2
    problems = accessibility.problems("inloggen")
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        refused = REFUSALS.get(path) if persona == "alice" else None
        assert response.status == (refused or 200), path
        expect(page.locator("h1")).to_have_count(1)
        problems += accessibility.problems(path)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
    # The browser logs the refusals' statuses as errors; here they are what was asked for.
    errors = request.node.stash[BROWSER_ERRORS]
    errors[:] = [e for e in errors if not any(f"{path} (" in e for path in REFUSALS)]


@pytest.mark.django_db(transaction=True)
def test_the_pages_without_login_pass_axe_and_the_html_checker(
    alice, live_server, page, accessibility, at_each_width
):
    page.goto(f"{live_server.url}/inloggen/")
    problems = accessibility.problems("/inloggen/")
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheids\u00adverklaring")
    problems += accessibility.problems("/toegankelijkheid/")
    at_each_width("toegankelijkheid")
    # A wrong password: the form with its error.
    page.goto(f"{live_server.url}/inloggen/")
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


# The element with the focus: whether an outline or ring shows it, and whether anything
# lies on top of it (a sticky header or column): WCAG 2.4.7 and 2.4.11.
FOCUS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const points = [[.5, .5], [.1, .1], [.9, .1], [.1, .9], [.9, .9]].map(
    ([x, y]) => [box.left + box.width * x, box.top + box.height * y]);
  const seen = points.some(([x, y]) => {
    const top = document.elementFromPoint(x, y);
    return top && (el.contains(top) || top.contains(el) || top.control === el);
  });
  return {
    html: el.outerHTML.slice(0, 120),
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
          || style.boxShadow !== "none",
    seen,
  };
}
"""


def tab_to(page, target, *, key="Tab", limit=150):
    """Press Tab (or Shift+Tab) until `target` has the focus; each stop on the way must show
    its focus and not be covered."""
    for _ in range(limit):
        page.keyboard.press(key)
        focus = page.evaluate(FOCUS)
        assert focus is None or (focus["ring"] and focus["seen"]), focus
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{limit} presses of {key} did not reach {target}")


def announced(page):
    return expect(page.locator("#aankondiging"))


def settled(page):
    """htmx has taken over what it swapped in (a person's next key press comes later than
    Playwright's; pressed before, a form is sent as a plain post: test_casework.py)."""
    expect(page.locator(".htmx-settling, .htmx-added, .htmx-swapping")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_the_journeys_by_keyboard_alone(alice, trajectory, live_server, page):
    """Logging in, ticking, adding a sub-goal and filling in a life domain with Tab,
    Shift+Tab, Enter, Space and Escape: the focus shows and stays where the work is, and
    the live region says what changed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.models import LifeDomain, SubGoal
    from tests.e2e.conftest import PASSWORD
    from tests.factories import GoalFactory
    from tests.totp import unused_code

    device = TOTPDevice.objects.create(user=alice, name="Authenticator-app", confirmed=True)
    GoalFactory(plan__trajectory=trajectory, in_own_words="Ik wil weer werken")
    page.goto(f"{live_server.url}/inloggen/")
    page.keyboard.type(alice.username)  # the username has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    page.keyboard.type(unused_code(device))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # Step 1: tick with Space, untick with Enter; the focus stays on the box.
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/1/")
    box = page.locator(".ticklist button[aria-pressed]").first
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_have_attribute("aria-pressed", "true")
    expect(box).to_be_focused()
    announced(page).to_have_text("Afgevinkt")
    settled(page)
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("aria-pressed", "false")
    expect(box).to_be_focused()
    announced(page).to_have_text("Vinkje weggehaald")

    # The plan: a sub-goal opened, typed and saved by keyboard; Escape closes a form.
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/")
    tab_to(page, page.get_by_role("link", name="Subdoel toevoegen"))
    page.keyboard.press("Enter")
    field = page.get_by_label("Subdoel")
    expect(field).to_be_focused()
    page.keyboard.type("Twee keer meelopen bij een hovenier")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Het doel")).to_be_focused()
    announced(page).to_have_text("Subdoel toegevoegd.")
    assert SubGoal.objects.get().text == "Twee keer meelopen bij een hovenier"
    tab_to(page, page.get_by_role("link", name="Actie toevoegen"))
    page.keyboard.press("Enter")
    expect(page.locator("#acties form.plan-form").get_by_role("combobox").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#acties form.plan-form")).to_have_count(0)
    expect(page.get_by_role("heading", name="Wie doet wat, wanneer")).to_be_focused()

    # The dossier: a life domain opened in place, a field back with Shift+Tab, saved.
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/")
    overview = page.get_by_role("region", name="Persoonlijke situatie")
    tab_to(page, overview.get_by_role("link", name="Wonen aanpassen"))
    page.keyboard.press("Enter")
    housing = overview.get_by_role("group", name="Wonen")
    expect(housing.get_by_label("Hoe het nu gaat")).to_be_focused()
    tab_to(page, housing.get_by_label("Wat de inwoner wil"), limit=5)
    page.keyboard.type("Blijven wonen waar hij nu woont.")
    tab_to(page, housing.get_by_label("Hoe het nu gaat"), key="Shift+Tab", limit=5)
    page.keyboard.type("Woont zelfstandig.")
    tab_to(page, housing.get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")
    expect(overview.locator("tr#gebied-wonen")).to_contain_text("Blijven wonen")
    expect(overview.get_by_role("link", name="Wonen aanpassen")).to_be_focused()
    assert LifeDomain.objects.get().situation == "Woont zelfstandig."
    # Escape leaves an opened domain as it was.
    page.keyboard.press("Tab")
    tab_to(page, overview.get_by_role("link", name="Werk aanpassen"))
    page.keyboard.press("Enter")
    expect(
        overview.get_by_role("group", name="Werk").get_by_label("Hoe het nu gaat")
    ).to_be_focused()
    page.keyboard.press("Escape")
    expect(overview.get_by_role("group", name="Werk")).to_have_count(0)
    assert LifeDomain.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_focus_shows_and_is_never_covered(alice, trajectory, live_server, login):
    """Every stop of Tab through the pages where the work is, at 320 and 1366 px: the focus
    ring shows, and nothing (a header, the choice card's sticky row labels) lies on top."""
    from cases import services
    from tests.factories import DecisionFactory, GoalFactory, OptionFactory

    services.move_to_step(trajectory=trajectory, step=6, by=alice)
    plan = GoalFactory(plan__trajectory=trajectory, in_own_words="Ik wil weer werken").plan
    options = [
        OptionFactory(plan=plan, title=f"Mogelijkheid {n}", pros="Ritme", position=n)
        for n in range(1, 4)
    ]
    DecisionFactory(plan=plan, option=options[0], in_own_words="Ik begin met de eerste")
    page = login(alice)
    for width in (320, 1366):
        page.set_viewport_size({"width": width, "height": 700})
        for path in [
            f"/trajecten/{trajectory.pk}/doel-actieplan/",
            f"/trajecten/{trajectory.pk}/stap/1/",
            f"/inwoners/{trajectory.resident.pk}/",
        ]:
            page.goto(f"{live_server.url}{path}")
            stops = 0
            while stops < 250:
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS)
                if focus is None:  # past the last stop
                    break
                stops += 1
                assert focus["ring"], f"{path} at {width}px: no visible focus on {focus['html']}"
                assert focus["seen"], f"{path} at {width}px: {focus['html']} is covered"
            assert stops > 5, path
