from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from samenbeslissen.admin import BeheerModelAdmin

from .accounts import second_factor
from .models import Offer, Team, User

# Case data (residents, network, and what later grows around them) is not in
# the admin: the beheerder who works here sees no case data.


@admin.register(Offer)
class OfferAdmin(BeheerModelAdmin):
    list_display = ["name", "kind", "provider", "place", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "provider", "description"]


@admin.register(Team)
class TeamAdmin(BeheerModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BeheerModelAdmin, DjangoUserAdmin):
    actions = ["reset_second_factor"]
    list_display = ["username", "get_full_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Rol en team"), {"fields": ["role", "team", "is_active"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"fields": ["username", "first_name", "last_name", "role", "team"]},
        ),
        (_("Wachtwoord"), {"fields": ["usable_password", "password1", "password2"]}),
    ]

    @admin.action(description=_("Tweede stap opnieuw laten instellen (bij de volgende login)"))
    def reset_second_factor(self, request, queryset):
        """The app and recovery codes go; the user sets up a new app at the next login.
        The beheerder never sees a key or code (django-otp's own admin is not registered)."""
        for user in queryset:
            second_factor.reset(user, by=request.user, request=request)
        self.message_user(
            request,
            _("De tweede stap van %(count)d gebruiker(s) is gewist. Ze stellen hem opnieuw in.")
            % {"count": len(queryset)},
        )
