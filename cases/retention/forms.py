from django import forms
from django.utils.translation import gettext_lazy as _

from cases.text import text_field


class RefusalForm(forms.Form):
    """Why a destruction list is refused (for instance: a trajectory's file is still
    needed for an objection)."""

    reason = text_field(
        max_length=300,
        label=_("Waarom niet vernietigen?"),
        error_messages={"required": _("Schrijf op waarom de lijst niet doorgaat.")},
    )

    def __init__(self, list_id, *args, **kwargs):
        super().__init__(*args, prefix=f"lijst-{list_id}", **kwargs)
        self.list_id = list_id
