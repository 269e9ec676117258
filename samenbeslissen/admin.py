from django.contrib import admin
from django.utils.translation import gettext_lazy as _


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
        return user.is_active and (user.is_superuser or user.is_beheerder)


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
