"""Logging in and out in the browser with a municipal account, through the test provider
that the tests start (tests/oidc_provider.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server):
    """The provider sends the browser back to the live server."""
    return live_server.url


@pytest.fixture
def page(page, provider):
    # The test provider's pages ask a stylesheet of a CDN: nothing leaves this machine.
    page.route(
        re.compile(r"^https://"),
        lambda route: route.fulfill(status=200, content_type="text/css", body=""),
    )
    return page


def sign_in_at_provider(page, provider, subject):
    expect(page).to_have_url(re.compile(re.escape(f"{provider.url}/oauth2/authorize?")))
    page.get_by_label("Subject").fill(subject)
    page.get_by_role("button", name="Authorize", exact=True).click()


def test_a_consultant_logs_in_and_out_with_their_municipal_account(
    alice, provider, live_server, page, screenshot
):
    provider.add_person("s-1001", preferred_username="alice", amr=["pwd", "mfa"])
    page.goto(f"{live_server.url}/inloggen/")
    municipal = page.get_by_role("link", name="Inloggen met je gemeente-account")
    expect(municipal).to_be_visible()
    expect(
        page.get_by_role("heading", name="Of met een account van Samen Beslissen zelf")
    ).to_be_visible()
    screenshot("oidc-login-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("oidc-login-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    municipal.click()
    sign_in_at_provider(page, provider, "s-1001")
    # The provider's second factor counted: no code asked here.
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    screenshot("oidc-logged-in")

    page.get_by_role("button", name="Uitloggen").click()
    # On to the provider, which ends its session and sends the browser back.
    expect(page).to_have_url(re.compile(re.escape(f"{provider.url}/oauth2/end_session?")))
    page.get_by_role("button", name="End session").click()
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    page.goto(f"{live_server.url}/inwoners/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/inwoners/"))


def test_someone_without_an_account_is_told_whom_to_ask(provider, live_server, page, screenshot):
    provider.add_person("s-2001", preferred_username="nieuwe.collega", amr=["pwd", "mfa"])
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Inloggen met je gemeente-account").click()
    sign_in_at_provider(page, provider, "s-2001")
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("alert")).to_contain_text("je hebt nog geen account in Samen Beslissen")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("oidc-refused-phone")
