"""What a user sees when someone else saved a record while they were changing it."""

from django.utils.translation import gettext as _


def differences(form, current) -> list[dict]:
    """What is stored now, for each field where it differs from what the user typed."""
    differences = []
    for name in form._meta.fields:
        stored = getattr(current, name)
        if stored == form.cleaned_data.get(name):
            continue
        if display := getattr(current, f"get_{name}_display", None):
            stored = display()
        elif isinstance(stored, bool):
            stored = _("ja") if stored else _("nee")
        differences.append({"label": form.fields[name].label, "stored": stored})
    return differences


def rebased(form, current, **kwargs):
    """The user's input, now based on the stored version, so that saving again is deliberate."""
    data = form.data.copy()
    data[form.add_prefix("version")] = current.version
    return type(form)(data, instance=current, prefix=form.prefix, **kwargs)
