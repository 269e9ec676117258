from collections import Counter

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import router
from django.http import Http404
from django.urls import path, reverse
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

    def get_urls(self):
        """Django's "bekijk op site" shortcut (/beheer/r/<type>/<id>/) redirects to any
        object with an address, registered here or not: for a resident it would confirm
        that one exists. Here it answers 404 for every model this site does not keep."""
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<int:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        if model is None or not self.is_registered(model):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)


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


class CountsOnlyDeletes:
    """A delete page names no related object, only how many of each kind: what hangs
    off a user or a team is case data (residents, notes, signals), which the beheerder
    does not see. Django's own page lists every one by name."""

    def get_deleted_objects(self, objs, request):
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        counts = {
            model._meta.verbose_name_plural: len(instances)
            for model, instances in collector.model_objs.items()
        }
        protected = Counter(obj._meta.verbose_name_plural for obj in collector.protected)
        summary = [f"{name}: {count}" for name, count in counts.items()]
        protected_summary = [f"{name}: {count}" for name, count in protected.items()]
        return summary, counts, set(), protected_summary


class BeheerModelAdmin(CountsOnlyDeletes, BeheerPermissions, admin.ModelAdmin):
    # The "bekijk op site" button: the site's pages of what is kept here are the
    # method's and the aanbod's, reached from the menu; no shortcut needed.
    view_on_site = False

    # What /beheer/ needs beyond Django's own style for WCAG 2.2 AA (static/css/admin.css).
    class Media:
        css = {"all": ["css/admin.css"]}
