"""Logging in in the browser: setting up the authenticator app at the first login, the code
at the next, and the idle warning."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.totp import totp

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def password_step(page, live_server, user):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.django_db(transaction=True)
def test_a_consultant_sets_up_the_app_and_logs_in_with_a_code(alice, live_server, page, screenshot):
    password_step(page, live_server, alice)
    expect(page).to_have_url(re.compile(r"/inloggen/instellen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    qr = page.get_by_role(
        "img", name="QR-code om Samen Beslissen aan je authenticator-app toe te voegen"
    )
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 100  # the SVG drew
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    screenshot("enrol-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("enrol-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    secret = page.locator(".secret code").inner_text()
    page.get_by_label("Code uit de app").fill("000000" if totp(secret) != "000000" else "111111")
    page.get_by_role("button", name="Instellen").click()
    expect(page.locator("#id_code_error")).to_contain_text("Deze code klopt niet")
    expect(page.get_by_role("link", name=re.compile("Code uit de app"))).to_be_visible()

    time.sleep(1.1)  # django-otp makes one wait a second after a wrong code
    page.get_by_label("Code uit de app").fill(totp(secret))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je herstelcodes")
    codes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    screenshot("recovery-codes-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("recovery-codes-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")

    # The next login asks a code from the app.
    page.get_by_role("button", name="Uitloggen").click()
    password_step(page, live_server, alice)
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("code-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Code").fill(totp(secret, at=time.time() + 30))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")


@pytest.mark.django_db(transaction=True)
def test_the_idle_warning_keeps_one_logged_in(alice, live_server, login, settings, screenshot):
    # Two minutes and four seconds idle allowed: the warning shows after about four seconds.
    settings.SESSION_IDLE_SECONDS = 124
    page = login(alice)
    dialog = page.get_by_role("dialog", name="Ben je er nog?")
    expect(dialog).to_be_visible(timeout=15000)
    expect(dialog).to_contain_text("word je uitgelogd")
    screenshot("idle-warning")
    dialog.get_by_role("button", name="Ingelogd blijven").click()
    expect(dialog).to_be_hidden()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
