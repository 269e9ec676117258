from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import router
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenbeslissen.admin import BeheerModelAdmin

from .accounts import audit, passwords, second_factor, services
from .models import Offer, Team, User
from .retention.models import RetentionRule

# Case data (residents, network, and what later grows around them) is not in
# the admin: the beheerder who works here sees no case data.


@admin.register(Offer)
class OfferAdmin(BeheerModelAdmin):
    list_display = ["name", "kind", "provider", "place", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "provider", "description"]


class NoBulkDelete:
    """Deleting many at once would pass the refusal below: one at a time."""

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions


@admin.register(RetentionRule)
class RetentionRuleAdmin(BeheerModelAdmin):
    """How long a closed trajectory is kept, per outcome: the archivist's decision, which
    the beheerder enters here. A change applies to trajectories that close afterwards."""

    list_display = ["outcome", "years", "basis"]


@admin.register(Team)
class TeamAdmin(NoBulkDelete, BeheerModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record("team_changed" if change else "team_created", request=request, team_id=obj.pk)

    def delete_model(self, request, obj):
        team_id = obj.pk
        super().delete_model(request, obj)
        audit.record("team_deleted", request=request, team_id=team_id)


class UserCreationForm(forms.ModelForm):
    """A new account has no password: its owner sets one through the link the beheerder
    sends (the action "Stuur een link om het wachtwoord in te stellen")."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "team"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


# What deleting a user may take along: their own login things and the record of their
# own account's changes, not their work.
OWN_THINGS = {
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "cases.accountchange",
}


@admin.register(User)
class UserAdmin(NoBulkDelete, BeheerModelAdmin, DjangoUserAdmin):
    actions = ["send_password_link", "reset_second_factor"]
    list_display = ["username", "get_full_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Rol en team"), {"fields": ["role", "team", "is_active"]}),
    ]
    add_form = UserCreationForm
    add_fieldsets = [
        (None, {"fields": ["username", "first_name", "last_name", "email", "role", "team"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """Nobody changes their own role, team or whether their account works."""
        if obj is not None and obj.pk == request.user.pk:
            return ["role", "team", "is_active"]
        return []

    def user_change_password(self, request, id, form_url=""):
        """Setting someone else's password: not here. Send them a link instead."""
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        """Changes to role, team or whether the account works are logged with ids and
        shown to the team leads of the teams concerned (services.record_place_change)."""
        before = services.place_of(obj.pk)
        super().save_model(request, obj, form, change)
        services.record_place_change(
            user=obj, before=before, by=request.user, at=timezone.now(), request=request
        )

    def delete_view(self, request, object_id, extra_context=None):
        """A user with a caseload or any history (conversations logged, notes written,
        signals, handovers) is not deleted: the page says to deactivate them instead,
        and counts what is theirs without naming any of it."""
        user = self.get_object(request, object_id)
        if user is not None and (history := self._history(user)):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "object": user,
                "history": history,
                "title": _("Dit account kan niet weg"),
            }
            return TemplateResponse(request, "admin/cases/user/refuse_delete.html", context)
        return super().delete_view(request, object_id, extra_context)

    def _history(self, user) -> list[str]:
        """What would go with `user`, or hold the delete back, beyond their own login
        things: as counts per kind."""
        collector = NestedObjects(using=router.db_for_write(User))
        collector.collect([user])
        lines = [
            f"{model._meta.verbose_name_plural}: {len(objs)}"
            for model, objs in collector.model_objs.items()
            if model is not User and model._meta.label_lower not in OWN_THINGS
        ]
        protected = Counter(obj._meta.verbose_name_plural for obj in collector.protected)
        return lines + [f"{name}: {count}" for name, count in protected.items()]

    def delete_model(self, request, obj):
        user_id = obj.pk
        super().delete_model(request, obj)
        audit.record("user_deleted", request=request, target_user_id=user_id)

    @admin.action(description=_("Stuur een link om het wachtwoord in te stellen"))
    def send_password_link(self, request, queryset):
        """The beheerder never sets anyone's password: the user gets a link by mail."""
        sent, without = 0, []
        for user in queryset:
            try:
                passwords.send_password_link(user, by=request.user, request=request)
                sent += 1
            except passwords.NoEmailAddress:
                without.append(user.username)
        if sent:
            self.message_user(
                request, _("Link wordt gemaild naar %(count)d gebruiker(s).") % {"count": sent}
            )
        if without:
            self.message_user(
                request,
                _("Geen e-mailadres bekend van: %(names)s. Vul het in en probeer het opnieuw.")
                % {"names": ", ".join(without)},
                level=messages.WARNING,
            )

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
