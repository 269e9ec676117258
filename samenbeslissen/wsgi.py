import os

from django.core.wsgi import get_wsgi_application

from samenbeslissen.checks import refuse_unsafe_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenbeslissen.settings")

application = get_wsgi_application()

refuse_unsafe_production()

# Each server process loads WeasyPrint and the fonts now, not on a resident's first PDF.
# (gunicorn imports this module in every worker it starts.)
from cases.pdf import warm_up  # noqa: E402 - needs the settings that get_wsgi_application loads

warm_up()
