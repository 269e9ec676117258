"""manage.py demo as a command: refused outside development, and loadable on its own.

What the demo builds is in test_demo.py, which builds it once for all its tests. The
refusal needs a database without the demo, and the import check a fresh interpreter.
"""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from cases.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen op een ontwikkelmachine"):
        call_command("demo")
    assert not User.objects.exists()


def test_the_demo_command_loads_on_its_own():
    """`manage.py demo` imports cases.documents before anything else has loaded
    cases.services; a fresh interpreter shows whether that import order works."""
    code = (
        "import django; django.setup(); "
        "from django.core.management import load_command_class; "
        "load_command_class('cases', 'demo')"
    )
    env = {"DJANGO_SETTINGS_MODULE": "samenbeslissen.settings", "PATH": ""}
    finished = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert finished.returncode == 0, finished.stderr
