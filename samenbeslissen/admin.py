from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.accounts import second_factor


class BeheerAdminSite(admin.AdminSite):
    """/beheer/: the functioneel beheerder's workplace.

    Access follows the user's role, not Django's is_staff flag, so that a
    consultant or team lead never reaches it and a beheerder needs no
    separate permission set-up. Case data is not registered here at all.
    """

    site_header = _("Samen Beslissen — beheer")
    site_title = _("Beheer")
    index_title = _("Werkwijze, gebruikers en teams")

    def has_permission(self, request):
        user = request.user
        role_fits = user.is_active and (user.is_superuser or user.is_beheerder)
        return role_fits and second_factor.is_done(request)

    @login_not_required
    def login(self, request, extra_context=None):
        """One login page for the whole site, with its lockout and second factor:
        /beheer/login/ sends there and checks no password itself. Someone logged in
        whose role has no place here gets 403 (the login page would send them back)."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", self.index_url()), settings.LOGIN_URL)

    def index_url(self) -> str:
        return reverse("admin:index", current_app=self.name)


class BeheerPermissions:
    """Full rights on a model the beheerder keeps, for beheerders and superusers only."""

    def _may_manage(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._may_manage(request)

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request)

    def has_add_permission(self, request, *args):
        return self._may_manage(request)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_manage(request)


class BeheerModelAdmin(BeheerPermissions, admin.ModelAdmin):
    pass
