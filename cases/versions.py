"""Version checks: two people, or two tabs, never overwrite each other's save silently.

Every record that can be changed from two places carries a `version`. Its form
carries the version the user opened (`VersionedForm`); the service that saves
claims the next version with `claim_version()`, which raises `StaleEdit` when
someone else saved first. The view then answers with `form.late_save(current)`:
the same form with what the user typed, the one message `LATE_SAVE`, and what is
stored now beside it ("Zo staat het nu opgeslagen"), with status 409
(`cases.partials.form_status`). Saving that form again is deliberate: it
carries the stored version.

A form that makes a new record carries a one-time key instead (`OneTimeKey`): the
service inserts the record with `create_once()`, so a second post of the same form
(a double click, a resent request) makes nothing new and gets the first one's record.
"""

import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import ModelForm

LATE_SAVE = gettext_lazy(
    "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste. Er is niets overschreven. "
    "Jouw invoer staat er nog: kijk wat er nu is opgeslagen en sla daarna opnieuw op."
)


class StaleEdit(Exception):
    """The record changed since the form was opened; nothing was saved."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def claim_version(instance, seen) -> None:
    """Take the next version of a record the user saw at version `seen`, or raise StaleEdit.

    Claiming it with a conditional UPDATE makes the check and the write one
    step, so of two simultaneous saves exactly one wins. Call inside the
    transaction that then saves the record.
    """
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=seen).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(model.objects.get(pk=instance.pk))
    instance.version = seen + 1


def create_once(record, submission):
    """Insert the new `record` with its form's one-time key `submission`: (record, True);
    or (the record that key already made, False) when the same form was posted before,
    also when that post is still running at this moment (its insert is awaited).

    The model has a unique, nullable `submission` column. Call inside the service's
    transaction, before its other writes; on False the service writes nothing more.
    """
    model = type(record)
    if earlier := made_with(model, submission):
        return earlier, False
    record.submission = submission
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        earlier = made_with(model, submission)
        if earlier is None:
            raise
        return earlier, False
    return record, True


def made_with(model, submission):
    """The record of `model` that the form with this one-time key made, if it did."""
    return model.objects.filter(submission=submission).first() if submission else None


class OneTimeKey:
    """For a model form that makes a new record: a hidden one-time key, new each time
    the empty form is drawn and kept when it is drawn again with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.fields["submission"] = forms.UUIDField(
                widget=forms.HiddenInput, required=False, initial=uuid.uuid4
            )

    @property
    def one_time_key(self) -> uuid.UUID | None:
        return self.cleaned_data.get("submission")


class VersionedForm(ModelForm):
    """A model form that carries the version the user opened: 0 for a record not saved yet."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # After a refused late save (`is_late`): per field that differs, its label and what
    # is stored; none when the other save stored just what this form holds.
    is_late = False
    conflicts: list[dict] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opened = 0 if self.instance._state.adding else self.instance.version
        self.initial.setdefault("version", opened)

    @property
    def seen_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    def late_save(self, current, **kwargs) -> "VersionedForm":
        """This form again after StaleEdit: what the user typed, now based on the stored
        record `current`, with the message and what is stored where it differs.
        `kwargs` are the form's own arguments (its questions, its network…)."""
        conflicts = self._differences(current)  # before the new form changes `current`
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        form = type(self)(data, instance=current, prefix=self.prefix, **kwargs)
        form.is_valid()
        form.add_error(None, LATE_SAVE)
        form.is_late, form.conflicts = True, conflicts
        return form

    def _differences(self, current) -> list[dict]:
        differences = []
        for name in self._meta.fields:
            if name not in self.fields:
                continue
            stored = getattr(current, name)
            if stored == self.cleaned_data.get(name):
                continue
            if display := getattr(current, f"get_{name}_display", None):
                stored = display()
            elif isinstance(stored, bool):
                stored = _("ja") if stored else _("nee")
            differences.append({"label": self.fields[name].label, "stored": stored})
        return differences
