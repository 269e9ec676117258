"""A municipality's OpenID Connect provider for the tests, started by them.

oidc-provider-mock (authlib under Flask) runs as a process of its own on a free port:
a real authorization code flow with PKCE and a nonce, RS256-signed ID tokens and their
keys, userinfo and an end-session endpoint, all over HTTP on 127.0.0.1. Its login form
takes the person's subject; their claims (username, e-mail, groups, amr, acr) are put
in beforehand. Each test registers the application as a client, with its redirect URI,
as a municipality does (README, "Deploying at a municipality"), and configures Django
with what the provider's discovery document says, as the environment variables would.
"""

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests
from django.utils.csp import CSP

CALLBACK = "/inloggen/gemeente/terug/"


@dataclass
class Provider:
    url: str

    def discovery(self) -> dict:
        response = requests.get(f"{self.url}/.well-known/openid-configuration", timeout=5)
        response.raise_for_status()
        return response.json()

    def register(self, redirect_uri: str) -> dict:
        """Register the application as a client; the answer holds its id and secret."""
        response = requests.post(
            self.discovery()["registration_endpoint"],
            json={
                "redirect_uris": [redirect_uri],
                "token_endpoint_auth_method": "client_secret_post",
            },
            timeout=5,
        )
        response.raise_for_status()
        return response.json()

    def add_person(self, subject: str, **claims) -> None:
        response = requests.put(f"{self.url}/users/{quote(subject)}", json=claims, timeout=5)
        response.raise_for_status()

    def configure(self, settings, *, base_url: str) -> dict:
        """Django's settings for single sign-on through this provider, for an application
        at `base_url`, as the OIDC_* environment variables give them (settings.py)."""
        discovery = self.discovery()
        client = self.register(f"{base_url}{CALLBACK}")
        settings.OIDC_ISSUER = discovery["issuer"]
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = client["client_id"]
        settings.OIDC_RP_CLIENT_SECRET = client["client_secret"]
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_OP_END_SESSION_ENDPOINT = discovery["end_session_endpoint"]
        settings.OIDC_ROLES_CLAIM = "groups"
        # As settings.py adds the end-session endpoint's origin to form-action.
        settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": [CSP.SELF, self.url]}
        return client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(log: Path):
    """Start the provider; returns (Provider, process) once it answers."""
    port = _free_port()
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - a fixed command of our own
            [
                sys.executable,
                "-m",
                "oidc_provider_mock",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--require-registration",
                "--require-nonce",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    provider = Provider(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while True:
        try:
            provider.discovery()
            return provider, process
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"The test provider did not start:\n{log.read_text()}") from None
            time.sleep(0.1)
