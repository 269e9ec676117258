"""What a person may type into a form, the same on every form of the app.

Every text field refuses characters no keyboard types (NUL and the other control
characters; a tab and new lines are fine) and takes no more than its model field's
`max_length`, each with one Dutch message that says what to do. Long texts are
TextFields with a `max_length` too, so that a report holds a few pages at most and a
resident's document never grows to a size that takes a worker hostage.

Model forms get this through `ModelForm`, plain forms through `text_field()`.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNTYPABLE = _(
    "Hier staat een teken in dat niet getypt kan worden. Haal het weg en probeer opnieuw."
)
TOO_LONG = _("Dit is te lang: schrijf het korter op, in hooguit %(limit_value)d tekens.")

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls. NUL is
# refused by Django's own validator of every form CharField, with the same message.
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def no_control_characters(value) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(UNTYPABLE, code="control_characters")


def limit_typing(field: forms.Field) -> forms.Field:
    """The house rules for a form field a person types into."""
    if isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField):
        field.validators.append(no_control_characters)
        field.error_messages |= {"null_characters_not_allowed": UNTYPABLE, "max_length": TOO_LONG}
    return field


def text_field(*, max_length: int, **kwargs) -> forms.CharField:
    """A text field of a plain (not model) form."""
    return limit_typing(forms.CharField(max_length=max_length, **kwargs))


class ModelForm(forms.ModelForm):
    """The app's model forms: every text field follows the house rules above."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # this form's own copies
            limit_typing(field)
