"""The second factor: enrolment with a QR code drawn here, login with a code the app would
show (computed in the test from the key the page gives), recovery codes that work once,
the beheerder's reset, and no page before it."""

import base64
import logging
import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .test_settings import PRODUCTION, manage
from .totp import totp

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def secret_of(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def password_login(client, user, next_="/"):
    response = client.post(
        f"/inloggen/?next={next_}", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client.get(response.url, follow=True)


def enrol(client, user):
    """Log in with the password and set up the app; returns the recovery codes."""
    page = password_login(client, user).content.decode()
    secret = re.search(r'<p class="secret"><code>([A-Z2-7 ]+)</code>', page).group(1)
    response = client.post("/inloggen/instellen/?next=/", {"code": totp(secret), "next": "/"})
    assert response.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def test_the_first_login_walks_through_enrolment_with_a_qr_code(client, alice):
    response = password_login(client, alice)
    assert response.redirect_chain[-1][0] == "/inloggen/instellen/?next=%2F"
    page = response.content.decode()
    assert "Tweede stap instellen" in page
    assert 'src="data:image/svg+xml' in page  # drawn here, by segno
    assert "http://" not in page.replace("http%3A%2F%2Fwww.w3.org", "")
    assert 'autocomplete="one-time-code"' in page
    assert '<label for="id_code">' in page
    secret = re.search(r'<p class="secret"><code>([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert secret.replace(" ", "") == secret_of(device)
    # A reload shows the same key.
    assert secret in client.get("/inloggen/instellen/").content.decode()
    # Nothing else is reachable yet.
    assert client.get("/inwoners/").url == "/inloggen/instellen/?next=%2Finwoners%2F"


def test_enrolment_confirms_the_app_and_shows_the_recovery_codes_once(client, alice):
    codes = enrol(client, alice)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert client.get("/").status_code == 200
    # They are not shown again, and not on any page.
    assert client.get("/inloggen/instellen/").status_code == 302
    assert codes[0] not in client.get("/").content.decode()


def test_a_wrong_first_code_is_refused_at_the_field(client, alice):
    password_login(client, alice)
    response = client.post("/inloggen/instellen/", {"code": "12345"})
    assert response.status_code == 400
    assert "zes cijfers" in response.content.decode()
    device = TOTPDevice.objects.get(user=alice)
    wrong = f"{(int(totp(secret_of(device))) + 1) % 1_000_000:06d}"
    response = client.post("/inloggen/instellen/", {"code": wrong})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Deze code klopt niet" in page
    assert 'id="id_code_error"' in page
    assert not TOTPDevice.objects.get(user=alice).confirmed
    assert client.get("/inwoners/").status_code == 302


def test_the_next_login_asks_a_code_from_the_app(client, alice):
    enrol(client, alice)
    client.post("/uitloggen/")
    response = password_login(client, alice, next_="/werkwijze/")
    assert response.redirect_chain[-1][0] == "/inloggen/code/?next=%2Fwerkwijze%2F"
    assert "Code invullen" in response.content.decode()
    assert client.get("/werkwijze/").status_code == 302
    device = TOTPDevice.objects.get(user=alice)
    # The code the app shows now (the one used at enrolment is spent: the next step's).
    code = totp(secret_of(device), at=time.time() + 30)
    response = client.post(
        "/inloggen/code/", {"code": code[:3] + " " + code[3:], "next": "/werkwijze/"}
    )
    assert response.status_code == 302
    assert response.url == "/werkwijze/"
    assert client.get("/werkwijze/").status_code == 200


def test_a_code_works_once(client, alice):
    enrol(client, alice)
    device = TOTPDevice.objects.get(user=alice)
    code = totp(secret_of(device), at=time.time() + 30)
    for expected in (302, 400):
        client.post("/uitloggen/")
        password_login(client, alice)
        assert client.post("/inloggen/code/", {"code": code}).status_code == expected


def test_a_recovery_code_works_once(client, alice, settings):
    # Without django-otp's pause after a wrong code (test_wrong_codes_make_one_wait).
    settings.OTP_STATIC_THROTTLE_FACTOR = settings.OTP_TOTP_THROTTLE_FACTOR = 0
    codes = enrol(client, alice)
    for expected in (302, 400):
        client.post("/uitloggen/")
        password_login(client, alice)
        response = client.post("/inloggen/code/", {"code": codes[0].upper()})
        assert response.status_code == expected
    assert StaticToken.objects.filter(device__user=alice).count() == 9
    # Another one still works.
    assert client.post("/inloggen/code/", {"code": codes[1]}).status_code == 302


def test_wrong_codes_make_one_wait(client, alice):
    enrol(client, alice)
    client.post("/uitloggen/")
    password_login(client, alice)
    client.post("/inloggen/code/", {"code": "000000"})
    device = TOTPDevice.objects.get(user=alice)
    right = totp(secret_of(device), at=time.time() + 30)
    # Straight after a wrong code, even the right one waits (django-otp's throttle).
    response = client.post("/inloggen/code/", {"code": right})
    assert response.status_code == 400
    assert "Wacht een halve minuut" in response.content.decode()


def test_the_admin_needs_the_second_factor_too(client, beheerder):
    password_login(client, beheerder, next_="/beheer/")
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/instellen/")


def test_htmx_before_the_second_factor_is_sent_to_it_whole(client, alice):
    password_login(client, alice)
    response = client.get("/inwoners/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/inloggen/instellen/")


def test_the_beheerder_resets_a_second_factor_without_seeing_it(
    client_for, beheerder, alice, caplog
):
    codes = ["abcdefgh"]
    device = TOTPDevice.objects.create(user=alice, name="Authenticator-app", confirmed=True)
    static = StaticDevice.objects.create(user=alice, name="Herstelcodes", confirmed=True)
    StaticToken.objects.create(device=static, token=codes[0])
    client = client_for(beheerder)
    page = client.get(f"/beheer/cases/user/{alice.pk}/change/").content.decode()
    assert device.key not in page
    assert secret_of(device) not in page
    assert codes[0] not in page
    assert client.get("/beheer/otp_totp/totpdevice/").status_code == 404
    assert client.get("/beheer/otp_static/staticdevice/").status_code == 404
    index = client.get("/beheer/").content.decode()
    assert "otp_totp" not in index
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        response = client.post(
            "/beheer/cases/user/",
            {"action": "reset_second_factor", "_selected_action": [alice.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticDevice.objects.filter(user=alice).exists()
    events = [r.security for r in caplog.records if hasattr(r, "security")]
    reset = next(e for e in events if e["action"] == "second_factor_reset")
    assert (reset["user_id"], reset["target_user_id"]) == (beheerder.pk, alice.pk)
    assert codes[0] not in caplog.text


def test_a_reset_ends_the_verification_of_open_sessions(client_for, alice, beheerder):
    client = client_for(alice)
    assert client.get("/").status_code == 200
    TOTPDevice.objects.filter(user=alice).delete()
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/instellen/")


def test_second_factor_events_are_logged_without_codes(client, alice, caplog):
    with caplog.at_level(logging.INFO, logger="samenbeslissen.security"):
        codes = enrol(client, alice)
        client.post("/uitloggen/")
        password_login(client, alice)
        client.post("/inloggen/code/", {"code": "999999"})
    actions = [
        (r.security["action"], r.security["result"])
        for r in caplog.records
        if hasattr(r, "security")
    ]
    assert ("second_factor_enrol", "ok") in actions
    assert ("second_factor", "failed") in actions
    assert "999999" not in caplog.text
    assert codes[0] not in caplog.text


def test_the_deploy_check_fails_without_the_second_factor():
    result = manage("check", "--deploy", **PRODUCTION, REQUIRE_SECOND_FACTOR="false")
    assert result.returncode != 0
    assert "REQUIRE_SECOND_FACTOR is off" in result.stderr
