"""Every page holds at a phone's (320 px), a tablet's and a laptop's width, also when someone
typed a 300-character word or a long web address: the page never grows wider than the screen
(a wide table scrolls sideways inside its own box), and with the text spacing WCAG 1.4.12
asks no text is cut off. Screenshots of each in var/screenshots/."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases import services
from cases.models import AgendaItem, Agreement, Conversation, LifeDomain
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import (
    ActionFactory,
    ConversationFactory,
    DecisionFactory,
    GoalFactory,
    OptionFactory,
)

pytestmark = pytest.mark.browser

# 320 CSS px: the width WCAG 1.4.10 (reflow) asks, a 1280 px screen at 400 % zoom.
WIDTHS = {"phone": 320, "tablet": 768, "desktop": 1366}
WORD = "Onafgebrokenwoord" * 18  # 306 characters, no place to break
ADDRESS = "https://www.werkbedrijf-rijn.example/aanmelden/" + "a1b2c3d4" * 30

# How much wider than the window the page is; 0 when it fits.
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def long_words(alice, lead, resident, trajectory):
    """Johan's case with long words wherever a consultant types, up to a decided plan
    with five options on the card."""
    alice.team.office_address = "Koningstraat 38, 6811 DG Arnhem"
    alice.team.save()
    resident.notes = f"{WORD} {ADDRESS}"
    resident.needs_interpreter, resident.language = True, "Tigrinya"
    resident.save()
    services.move_to_step(trajectory=trajectory, step=6, by=alice)
    held = ConversationFactory(
        trajectory=trajectory,
        held_at=timezone.now() - timedelta(days=2),
        report=f"{WORD} {ADDRESS}",
        check_in=WORD[:1000],
    )
    Agreement.objects.create(
        conversation=held,
        owner="inwoner",
        what=WORD[:300],
        due_on=timezone.localdate() - timedelta(days=1),
    )
    planned = ConversationFactory(
        trajectory=trajectory,
        status=Conversation.Status.PLANNED,
        held_at=timezone.now().replace(hour=16, minute=0) + timedelta(days=1),
        kind="vervolggesprek",
    )
    AgendaItem.objects.create(conversation=planned, text=WORD[:300], raised_by="inwoner")
    LifeDomain.objects.create(
        trajectory=trajectory, domain="werk", wish=WORD, situation=ADDRESS, updated_by=alice
    )
    goal = GoalFactory(plan__trajectory=trajectory, in_own_words=WORD, why_it_matters=ADDRESS)
    plan = goal.plan
    options = [
        OptionFactory(plan=plan, title=WORD[:150], pros=WORD, cons=ADDRESS, position=n)
        for n in range(1, 5)
    ]
    OptionFactory(plan=plan, title="Nu even niet / afwachten", is_waiting=True, position=9)
    DecisionFactory(plan=plan, option=options[0], in_own_words=WORD)
    ActionFactory(plan=plan, what=WORD[:300], due_on=timezone.localdate())
    return {"trajectory": trajectory, "planned": planned, "held": held}


def pages(case, resident):
    trajectory = case["trajectory"]
    return {
        "vandaag": "/vandaag/",
        "caseload": "/inwoners/",
        "dossier": f"/inwoners/{resident.pk}/",
        "conversation": f"/gesprekken/{case['held'].pk}/",
        "agenda": f"/gesprekken/{case['planned'].pk}/",
        "step": f"/trajecten/{trajectory.pk}/stap/6/",
        "situation": f"/trajecten/{trajectory.pk}/situatie/",
        "plan": f"/trajecten/{trajectory.pk}/doel-actieplan/",
        "samen": f"/trajecten/{trajectory.pk}/doel-actieplan/samen/",
    }


@pytest.mark.django_db(transaction=True)
def test_the_consultants_pages_hold_at_every_width_with_long_words(
    alice, resident, long_words, live_server, login, screenshot
):
    page = login(alice)
    too_wide = []
    for name, path in pages(long_words, resident).items():
        for size, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("h1").first).to_be_visible()
            if overflow := page.evaluate(OVERFLOW):
                too_wide.append(f"{name} at {width}px: {overflow}px too wide")
            screenshot(f"layout-{name}-{size}")
    assert too_wide == []


@pytest.mark.django_db(transaction=True)
def test_the_team_leads_pages_hold_at_every_width(
    alice, lead, resident, long_words, live_server, login, screenshot
):
    page = login(lead)
    too_wide = []
    for name, path in {
        "team": "/team/",
        "handover": f"/team/overdragen/?consulent={alice.pk}",
    }.items():
        for size, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            if overflow := page.evaluate(OVERFLOW):
                too_wide.append(f"{name} at {width}px: {overflow}px too wide")
            screenshot(f"layout-{name}-{size}")
    assert too_wide == []


def inside(cell, box) -> bool:
    """Whether the cell is within the box's visible width."""
    return cell.evaluate(
        """(cell, box) => {
            const c = cell.getBoundingClientRect(), b = box.getBoundingClientRect();
            return c.left >= b.left - 1 && c.right <= b.right + 1;
        }""",
        box.element_handle(),
    )


@pytest.mark.django_db(transaction=True)
def test_the_samen_view_reads_without_controls_and_scrolls_the_card_to_every_option(
    alice, resident, long_words, live_server, login, screenshot
):
    trajectory = long_words["trajectory"]
    page = login(alice)
    for size, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/doel-actieplan/samen/")
        expect(page.get_by_role("button", name="Weghalen")).to_have_count(0)
        expect(page.get_by_role("link", name="Wijzigen")).to_have_count(0)
        card = page.get_by_role("region", name="Keuzekaart, schuift opzij")
        waiting = card.get_by_role("columnheader", name="Nu even niet / afwachten")
        card.evaluate("e => e.scrollIntoView({block: 'start'})")
        assert not inside(waiting, card)  # off to the right, in the card's own box
        card.focus()  # by keyboard: the box scrolls with the arrow keys
        for _ in range(200):
            page.keyboard.press("ArrowRight")
            if inside(waiting, card):
                break
        assert inside(waiting, card)
        expect(waiting).to_be_in_viewport()
        screenshot(f"samen-card-scrolled-{size}")
    page.get_by_role("link", name="Aanpassen").click()
    expect(page.get_by_role("button", name="Weghalen").first).to_be_visible()


# WCAG 1.4.12: line height 1.5, paragraphs 2 em apart, letters 0.12 em and words 0.16 em,
# as a reader's own style sheet sets them (a style sheet made in the page's script: the
# CSP allows no inline style).
TEXT_SPACING = """
() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: .12em !important;
                         word-spacing: .16em !important; }
                     p { margin-bottom: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
"""
# Elements that hide what does not fit (overflow hidden or clip) and do hide text; the
# visually hidden texts for screen readers are meant to be. Compared before and after the
# spacing: a glance that cuts a long text short on purpose (the dossier's life domains,
# the whole text a click away) is not what the spacing cut off.
CUT_OFF = """
() => [...document.querySelectorAll("body *")].filter((el) => {
  if (el.closest(".visually-hidden") || !el.textContent.trim()) return false;
  const style = getComputedStyle(el);
  const hides = (o) => o === "hidden" || o === "clip";
  return (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map((el) => el.outerHTML.slice(0, 100))
"""


@pytest.mark.django_db(transaction=True)
def test_text_spacing_cuts_off_no_text(alice, resident, long_words, live_server, login, screenshot):
    page = login(alice)
    problems = []
    for name, path in pages(long_words, resident).items():
        for size in ("phone", "desktop"):
            page.set_viewport_size({"width": WIDTHS[size], "height": 900})
            page.goto(f"{live_server.url}{path}")
            cut_before = set(page.evaluate(CUT_OFF))
            page.evaluate(TEXT_SPACING)
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{name} at {WIDTHS[size]}px: {overflow}px too wide")
            problems += [
                f"{name} at {WIDTHS[size]}px: {cut}"
                for cut in page.evaluate(CUT_OFF)
                if cut not in cut_before
            ]
            screenshot(f"text-spacing-{name}-{size}")
    assert problems == []


# Real browser zoom: the window's CSS pixels shrink and each one is drawn with more device
# pixels. A 1366 x 768 screen at 200 % is 683 x 384 CSS px at two to one; a 1280 x 1024
# screen at 400 % is 320 x 256 CSS px at four to one.
UUID = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
ZOOMS = {"200": ({"width": 683, "height": 384}, 2), "400": ({"width": 320, "height": 256}, 4)}
# Text that lies past the window's right edge outside a box that scrolls sideways on purpose
# (a data table's .table-wrap, the choice card), or that a box hiding its overflow cuts off
# (a glance that ends in "…" on purpose aside: the whole text is a click away).
CUT_OFF_AT_ZOOM = """
() => [...document.querySelectorAll("body *")].filter((el) => {
  if (el.closest(".visually-hidden, .table-wrap, .choice-card, .skip-link")) return false;
  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) return false;
  const style = getComputedStyle(el);
  if (style.textOverflow === "ellipsis") return false;
  const hides = (o) => o === "hidden" || o === "clip";
  return el.getBoundingClientRect().right > window.innerWidth + 1
      || (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1);
}).map((el) => el.outerHTML.slice(0, 100))
"""


# A word of the interface's own (a heading, a label, a button, a menu) broken over two lines
# where Dutch does not break it: "beweegredene" + "n". A break at a hyphen or a soft hyphen
# is what a reader expects, and so is one where the browser hyphenates (hyphens: auto, for
# the method's long words in headings). A browser without Dutch hyphenation, as Chromium on
# Linux without its downloaded dictionaries, breaks those anywhere as a last resort: there
# they are left out, and the statement says so.
BROKEN_WORDS = """
() => {
  const probe = document.createElement("div");
  probe.lang = "nl";
  Object.assign(probe.style, {width: "3em", hyphens: "auto", overflowWrap: "normal"});
  probe.textContent = "beweegredenen";
  document.body.append(probe);
  const line = parseFloat(getComputedStyle(probe).lineHeight);
  const hyphenates = probe.getClientRects()[0].height > 2 * line;
  probe.remove();
  return [...document.querySelectorAll(
      "h1, h2, h3, h4, label, legend, button, .button, nav a, th, .step-path__title")]
    .filter((el) => hyphenates || getComputedStyle(el).hyphens !== "auto")
    .flatMap((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const broken = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(".visually-hidden")) continue;
        for (const word of node.textContent.matchAll(/[^\\s\\u00ad-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          if (new Set(rects.map((r) => Math.round(r.top))).size > 1) broken.push(word[0]);
        }
      }
      return broken;
    });
}
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("persona", ["alice", "lead"])
def test_every_page_holds_at_200_and_400_percent_zoom(
    persona, personas, case, live_server, login, browser, browser_context_args
):
    from tests.e2e.test_accessibility import METHOD, pages_for

    paths = ["/", *pages_for(persona, case)]
    if persona == "alice":  # the same pages for every role
        paths += [*METHOD, "/toegankelijkheid/"]
    problems = []
    for zoom, (viewport, scale) in ZOOMS.items():
        context = browser.new_context(
            **{**browser_context_args, "viewport": viewport, "device_scale_factor": scale}
        )
        page = login(personas[persona], page=context.new_page())
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            name = UUID.sub("id", path).strip("/").replace("/", "-") or "start"
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{path} at {zoom} %: {overflow}px too wide")
            problems += [
                f"{path} at {zoom} %: cut off {cut}" for cut in page.evaluate(CUT_OFF_AT_ZOOM)
            ]
            problems += [f"{path} at {zoom} %: broken {w}" for w in page.evaluate(BROKEN_WORDS)]
            page.screenshot(
                path=SCREENSHOTS / f"zoom-{zoom}-{persona}-{name}.png", full_page=True, scale="css"
            )
        context.close()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
