from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    default_site = "samenbeslissen.admin.BeheerAdminSite"

    def ready(self):
        super().ready()
        # django-otp registers its devices in the admin, keys and recovery codes
        # readable: the beheerder resets a second factor (the users' action), never reads it.
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
        from . import checks  # noqa: F401 - registers the deploy check
