from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    default_site = "samenbeslissen.admin.BeheerAdminSite"
