"""Keeping the method's history: every wording a checklist item had."""

from django.utils import timezone

from .models import ChecklistItem, ChecklistItemWording


def current_wording(item: ChecklistItem, *, at=None) -> ChecklistItemWording:
    """The item's wording as it reads now: the newest kept one, or (for an item whose text
    changed since, or that has none kept yet) a new one from `at`."""
    latest = item.wordings.order_by("-since", "-pk").first()
    if latest is not None and latest.text == item.text:
        return latest
    return ChecklistItemWording.objects.create(
        item=item, text=item.text, since=at or timezone.now()
    )
