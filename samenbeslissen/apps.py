from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    default_site = "samenbeslissen.admin.BeheerAdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401 - registers the deploy check
