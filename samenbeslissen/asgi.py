import os

from django.core.asgi import get_asgi_application

from samenbeslissen.checks import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenbeslissen.settings")

application = get_asgi_application()

refuse_unsafe_production()

# As in wsgi.py: each server process loads WeasyPrint and the fonts now.
from cases.pdf import warm_up  # noqa: E402 - needs the settings that get_asgi_application loads

warm_up()
