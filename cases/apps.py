from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casuïstiek: inwoners, gebruikers en teams")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .accounts import receivers
        from .search import register_fold

        receivers.connect()
        # SQLite learns the accent folding PostgreSQL has from a migration (cases/search.py).
        connection_created.connect(register_fold)
