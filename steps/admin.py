from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenbeslissen.admin import BeheerModelAdmin, BeheerPermissions

from .models import ChecklistItem, Prompt, Step, Tool
from .services import current_wording


class RetireForm(forms.ModelForm):
    """Retire an item with a tick instead of a date; the item itself stays."""

    retired = forms.BooleanField(label=_("niet meer tonen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retired"].initial = self.instance.is_retired

    def save(self, commit=True):
        retired = self.cleaned_data["retired"]
        if retired != self.instance.is_retired:
            self.instance.retired_at = timezone.now() if retired else None
        return super().save(commit)


class MethodContentInline(BeheerPermissions, admin.StackedInline):
    """Stacked, not tabular: each field has its own label (a tabular inline's fields have
    only the column headers, which do not name them for a screen reader: WCAG 1.3.1)."""

    form = RetireForm
    extra = 1

    # Retire instead: ticks made on an item keep their meaning.
    def has_delete_permission(self, request, obj=None):
        return False


class ChecklistItemInline(MethodContentInline):
    model = ChecklistItem
    fields = ["position", "phase", "text", "retired"]


class PromptInline(MethodContentInline):
    model = Prompt
    fields = ["position", "text", "retired"]


@admin.register(Step)
class StepAdmin(BeheerModelAdmin):
    list_display = ["__str__", "summary"]
    fields = ["number", "title", "summary", "description", "existing_moments", "tools"]
    readonly_fields = ["number"]
    # Boxes to tick rather than Django's two-list widget, whose script draws its help icons
    # with an aria-label that no role allows (axe: aria-prohibited-attr).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    inlines = [ChecklistItemInline, PromptInline]

    def save_formset(self, request, form, formset, change):
        """Keep each new wording of a checklist item, so the method's history shows it."""
        super().save_formset(request, form, formset, change)
        if formset.model is ChecklistItem:
            changed = [item for item, fields in formset.changed_objects if "text" in fields]
            for item in [*formset.new_objects, *changed]:
                current_wording(item)

    # The method has its foundation and seven steps: they are edited, not added or removed.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tool)
class ToolAdmin(BeheerModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]
