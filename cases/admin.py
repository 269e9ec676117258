from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from samenbeslissen.admin import BeheerModelAdmin

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
