"""Production settings and the headers every page carries."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "samenbeslissen.gemeente.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "SMTP_HOST": "smtp.gemeente.example",
}


def manage(*args, **env):
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def run_python(code, **env):
    return subprocess.run(  # noqa: S603 - our own code, fixed in the test
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_wants_a_mail_server():
    without_smtp = {key: value for key, value in PRODUCTION.items() if key != "SMTP_HOST"}
    result = manage("check", "--deploy", **without_smtp)
    assert result.returncode != 0
    assert "development-only email backend" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    no_key = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", "--deploy", **no_key)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr
    server = run_python("import samenbeslissen.wsgi", **no_key)
    assert server.returncode != 0
    assert "SECRET_KEY is required" in server.stderr


@pytest.mark.parametrize("server", ["wsgi", "asgi"])
def test_a_server_process_warms_weasyprint_when_it_starts(server):
    check = (
        f"import samenbeslissen.{server}; from cases.pdf import _renderer; "
        "assert _renderer.cache_info().currsize == 1, 'not warmed'"
    )
    result = run_python(check, **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = manage("makemigrations", "--check", "--dry-run", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_carry_a_strict_content_security_policy(client_for, alice):
    response = client_for(alice).get("/werkwijze/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    page = response.content.decode()
    assert f'src="/static/django_htmx/htmx-2.min.js" defer nonce="{nonce}"' in page


def test_pages_load_nothing_from_outside(client_for, alice, resident):
    client = client_for(alice)
    for path in ("/", "/werkwijze/", f"/inwoners/{resident.pk}/", "/inwoners/nieuw/"):
        page = client.get(path).content.decode()
        assert "http://" not in page
        assert "https://" not in page


def test_pages_with_resident_data_are_not_kept_by_htmx(client_for, alice, resident):
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    assert 'hx-history="false"' in page
    assert '"X-CSRFToken"' in page
