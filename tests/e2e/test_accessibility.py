"""Every page of the permission matrix, for each role that may see it, as an auditor checks
it: axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules, and the Nu Html Checker on the
HTML as the server sent it (tests/e2e/checks.py). The journeys check again after each htmx
change they make.

One browser page per role walks its pages; a page's problems are collected, so one run
lists them all.
"""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import BROWSER_ERRORS, PASSWORD
from tests.test_access import MATRIX
from tests.totp import unused_code

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


def shows_focus_on(page, target):
    """After an htmx swap: the focus is still on `target`, visible and not covered."""
    expect(target).to_be_focused()
    focus = page.evaluate(FOCUS)
    assert focus["ring"] and focus["seen"], focus


def log_in_by_keyboard(page, live_server, user, *, code=True):
    """The login form by keyboard (the username has the focus when it opens), and the code
    from the user's authenticator app (set up first when `code`; else the set-up follows)."""
    if code and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    page.goto(f"{live_server.url}/inloggen/")
    # Typed only once the field has it (a key pressed before the page set it goes nowhere).
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    if code:
        page.wait_for_url(re.compile(r"/inloggen/code/"))
        expect(page.locator("#id_code")).to_be_focused()  # as the username: keys wait for it
        page.keyboard.type(unused_code(TOTPDevice.objects.get(user=user)))
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/inloggen/" not in url)


def go(page, key="Enter"):
    """Press a key that leaves the page, and wait for the next one (as a person waits)."""
    with page.expect_navigation():
        page.keyboard.press(key)


def log_out_by_keyboard(page):
    tab_to(page, page.get_by_role("button", name="Uitloggen"))
    go(page)


@pytest.mark.django_db(transaction=True)
def test_the_journeys_by_keyboard_alone(alice, trajectory, live_server, page):
    """Logging in, ticking, adding a sub-goal and filling in a life domain with Tab,
    Shift+Tab, Enter, Space and Escape: the focus shows and stays where the work is, and
    the live region says what changed."""
    from cases.models import LifeDomain, SubGoal
    from tests.factories import GoalFactory

    GoalFactory(plan__trajectory=trajectory, in_own_words="Ik wil weer werken")
    log_in_by_keyboard(page, live_server, alice)

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
def test_the_consultants_day_search_scale_question_and_conversation_by_keyboard_alone(
    alice, trajectory, live_server, page
):
    """The consultant's day (an agreement marked done, a conversation that did not take
    place closed), search as you type, a scale question and a conversation logged: each
    with Tab, Shift+Tab, Enter, Space and typing. After each htmx swap the focus is where
    the key was pressed, and shows."""
    from datetime import timedelta

    from django.utils import timezone

    from cases import services
    from cases.models import Agreement, Conversation, MotivationRecord
    from tests.factories import ConversationFactory, ResidentFactory, TrajectoryFactory

    for first_name, last_name in [("Kees", "Dijkstra"), ("Yusuf", "Demir")]:
        ResidentFactory(consultant=alice, first_name=first_name, last_name=last_name)
    hodan = TrajectoryFactory(
        resident=ResidentFactory(consultant=alice, first_name="Hodan", last_name="Abdi")
    )
    ConversationFactory(
        trajectory=hodan, status="gepland", held_at=timezone.now() - timedelta(days=2)
    )
    agreement = Agreement.objects.create(
        conversation=ConversationFactory(trajectory=trajectory),
        owner="inwoner",
        what="Cv sturen",
        due_on=timezone.localdate(),
    )
    log_in_by_keyboard(page, live_server, alice)

    # The day: an agreement marked done with Enter, the count follows, the focus stays.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    done = page.locator(f"#gedaan-{agreement.pk}")
    tab_to(page, done)
    page.keyboard.press("Enter")
    expect(done).to_have_accessible_name(re.compile(r"^Weer open\W+Cv sturen$"))
    expect(page.locator("#week-teller")).to_have_text("(0)")
    shows_focus_on(page, done)
    agreement.refresh_from_db()
    assert agreement.done_on == timezone.localdate()
    # A conversation that did not take place: the first radio of each group by Space.
    tab_to(page, page.get_by_role("link", name=re.compile(r"Afgezegd of niet verschenen\W+Hodan")))
    go(page)
    tab_to(page, page.get_by_label("Afgezegd"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("group", name="Wie zegde af?").get_by_label("de inwoner"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Reden of toelichting"))
    page.keyboard.type("Ziek")
    go(page)
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd: afgezegd.")
    assert Conversation.objects.get(trajectory=hodan).status == "afgezegd"

    # Search as you type: the focus stays in the field while the list changes under it.
    page.goto(f"{live_server.url}/inwoners/")
    search = page.get_by_label("Zoek op naam")
    tab_to(page, search)
    page.keyboard.type("dijk")
    rows = page.get_by_role("main").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(["Kees Dijkstra"])
    shows_focus_on(page, search)
    tab_to(page, rows.get_by_role("link", name="Kees Dijkstra"))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kees Dijkstra")

    # The scale question: refused in place, then measured; the focus stays on the button.
    services.move_to_step(trajectory=trajectory, step=3, by=alice)
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/stap/3/")
    tab_to(page, page.get_by_role("link", name="Drijfveren en schaalvragen vastleggen"))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Drijfveren en beweegredenen")
    tab_to(page, page.get_by_label("Wat de inwoner in beweging brengt"))
    page.keyboard.type("Ordenen en opruimen.")
    importance = page.get_by_label("Hoe belangrijk is werk of meedoen nu?")
    tab_to(page, importance)
    page.keyboard.type("11")
    save = page.get_by_role("button", name="Meting bewaren")
    tab_to(page, save)
    page.keyboard.press("Enter")
    expect(page.locator("#id_importance_error")).to_have_text("Kies een getal van 0 tot en met 10.")
    shows_focus_on(page, save)
    settled(page)
    tab_to(page, importance, key="Shift+Tab")
    page.keyboard.type("7")  # Tab selects what a field holds: the 7 replaces the 11
    tab_to(page, page.get_by_label("Hoeveel vertrouwen heb je dat het lukt?"))
    page.keyboard.type("5")
    tab_to(page, save)
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text("De meting is bewaard.")
    expect(page.locator("#metingen table tbody tr")).to_have_count(1)
    shows_focus_on(page, save)
    assert list(MotivationRecord.objects.values_list("importance", "confidence")) == [(7, 5)]

    # A conversation logged: selects chosen by typing, a box ticked with Space.
    page.goto(f"{live_server.url}/inwoners/{trajectory.resident.pk}/")
    tab_to(page, page.get_by_role("main").get_by_role("link", name="Gesprek vastleggen"))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek met Johan de Wit")
    tab_to(page, page.get_by_label("Soort gesprek"))
    page.keyboard.type("Intake")
    tab_to(page, page.get_by_label("Waar", exact=True))
    page.keyboard.type("Op kantoor")
    told = page.get_by_label("De inwoner hoorde expliciet: jij beslist mee")
    tab_to(page, told)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Verslag"))
    page.keyboard.type("Kennisgemaakt; Johan wil blijven werken.")
    tab_to(page, page.locator("#id_afspraken-0-owner"))
    page.keyboard.type("Inwoner")
    tab_to(page, page.locator("#id_afspraken-0-what"))
    page.keyboard.type("Lijstje maken van wat hij graag doet")
    tab_to(page, page.get_by_role("button", name="Opslaan"))
    go(page)
    expect(page.get_by_role("status")).to_contain_text("Het gesprek is vastgelegd.")
    held = Conversation.objects.get(trajectory=trajectory, report__startswith="Kennisgemaakt")
    assert (held.kind, held.setting, held.told_decides_too) == ("intake", "kantoor", True)
    assert list(held.agreements.values_list("what", flat=True)) == [
        "Lijstje maken van wat hij graag doet"
    ]


@pytest.mark.django_db(transaction=True)
def test_the_team_leads_journeys_by_keyboard_alone(
    alice, bob, lead, resident, trajectory, live_server, page
):
    """Search as you type, an overdue evaluation found from the overview, a file restricted
    and a caseload handed over, by keyboard alone."""
    from datetime import timedelta

    from django.utils import timezone

    from cases.models import Resident
    from tests.factories import DecisionFactory, ResidentFactory

    ResidentFactory(consultant=bob, first_name="Yusuf", last_name="Demir")
    DecisionFactory(
        plan__trajectory=trajectory,
        option__title="Taalcursus",
        in_own_words="Eerst de taal",
        evaluation_on=timezone.localdate() - timedelta(days=5),
    )
    log_in_by_keyboard(page, live_server, lead)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Team"))

    # An overdue evaluation, from the overview's row of the consultant.
    row = page.get_by_role("row").filter(has_text="Alice Aarts")
    tab_to(page, row.get_by_role("link", name="evaluaties te laat bekijken"))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluaties te laat")
    tab_to(page, page.get_by_role("main").get_by_role("link", name=resident.full_name))
    go(page)
    expect(page.locator("#besluit")).to_contain_text("te laat")

    # Search as you type, over the whole team.
    page.goto(f"{live_server.url}/inwoners/")
    search = page.get_by_label("Zoek op naam")
    tab_to(page, search)
    page.keyboard.type("dem")
    rows = page.get_by_role("main").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(["Yusuf Demir"])
    shows_focus_on(page, search)

    # Restricting Johan's file.
    page.goto(f"{live_server.url}/inwoners/{resident.pk}/")
    tab_to(page, page.get_by_role("link", name="Verwerking beperken"))
    go(page)
    tab_to(page, page.get_by_label("Waarom wordt de verwerking beperkt?"))
    page.keyboard.type("De inwoner betwist wat er over zijn schulden staat")
    tab_to(page, page.get_by_role("button", name="Verwerking beperken"))
    go(page)
    expect(page.get_by_role("status")).to_contain_text("Het dossier is nu alleen te lezen")

    # Handing Alice's caseload over to Bob.
    page.goto(f"{live_server.url}/team/overdragen/")
    tab_to(page, page.get_by_label("Caseload van"))
    page.keyboard.type("Alice")
    tab_to(page, page.get_by_role("button", name="Tonen"))
    go(page)
    tab_to(page, page.get_by_role("link", name="Alle inwoners van Alice Aarts aanvinken"))
    go(page)
    expect(page.get_by_role("checkbox", name=resident.full_name)).to_be_checked()
    tab_to(page, page.get_by_label("Overdragen aan"))
    page.keyboard.type("Bob")
    tab_to(page, page.get_by_label("Reden"))
    page.keyboard.type("Alice gaat met verlof")
    tab_to(page, page.get_by_label("Overdrachtsnotitie"))
    page.keyboard.type("Johan komt graag op dinsdag; zijn moeder is vaak mee.")
    tab_to(page, page.get_by_role("button", name="Overdragen"))
    go(page)
    expect(page.get_by_role("status")).to_contain_text("overgedragen aan Bob Bos")
    assert set(Resident.objects.values_list("consultant__username", flat=True)) == {"bob"}


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_second_factor_by_keyboard_alone(alice, live_server, page):
    """The first login (REQUIRE_SECOND_FACTOR, on by default) sets up the authenticator app;
    the next asks its code."""
    from tests.totp import totp

    log_in_by_keyboard(page, live_server, alice, code=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    secret = page.locator(".secret code").inner_text()
    tab_to(page, page.get_by_label("Code uit de app"))
    page.keyboard.type(totp(secret))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Je herstelcodes")
    tab_to(page, page.get_by_role("link", name="Ik heb ze bewaard, verder"))
    go(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    log_out_by_keyboard(page)
    log_in_by_keyboard(page, live_server, alice)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")


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


def admin_pages(beheerder) -> list[str]:
    """Every page of /beheer/ the beheerder may open: per registered model its list, add page,
    an object's change page and its delete confirmation, as the model's admin allows."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/beheer/")
    request.user, request.session = beheerder, {}
    beheerder.is_verified = lambda: True  # the second factor, as the login gives it
    paths = ["/beheer/"]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        base = f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"
        paths.append(base)
        if model_admin.has_add_permission(request):
            paths.append(f"{base}add/")
        obj = model_admin.get_queryset(request).first()
        if obj is not None:
            paths.append(f"{base}{obj.pk}/change/")
            if model_admin.has_delete_permission(request, obj):
                paths.append(f"{base}{obj.pk}/delete/")
    return paths


@pytest.mark.django_db(transaction=True)
def test_the_admin_passes_axe_and_the_html_checker(
    alice, beheerder, live_server, login, page, accessibility
):
    """/beheer/ as the beheerder: the lists, add, change and delete pages of the method,
    the offers, the retention rules, teams and users, and the page that refuses to delete
    a user with a caseload (ours: templates/admin/cases/user/refuse_delete.html)."""
    from cases.models import Offer
    from cases.retention.models import RetentionRule
    from tests.factories import ResidentFactory

    Offer.objects.create(
        name="Werkfit traject", kind="traject", provider="Werkbedrijf", description="Wennen"
    )
    if not RetentionRule.objects.exists():
        RetentionRule.objects.create(outcome="werk", years=2, basis="Selectielijst")
    ResidentFactory(consultant=alice)
    login(beheerder)
    paths = [*admin_pages(beheerder), f"/beheer/cases/user/{alice.pk}/delete/"]
    assert len(paths) > 20, paths
    problems = accessibility.problems("inloggen")
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        problems += accessibility.problems(path)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
