"""Every checklist item keeps the wording it has now, as the first of its wordings."""

from datetime import UTC, datetime

from django.db import migrations

# The wording an item had when wordings started to be kept: in force from the start.
FROM_THE_START = datetime(2000, 1, 1, tzinfo=UTC)


def keep(apps, schema_editor):
    ChecklistItem = apps.get_model("steps", "ChecklistItem")
    Wording = apps.get_model("steps", "ChecklistItemWording")
    Wording.objects.bulk_create(
        Wording(item=item, text=item.text, since=FROM_THE_START)
        for item in ChecklistItem.objects.filter(wordings=None)
    )


class Migration(migrations.Migration):
    dependencies = [("steps", "0004_checklist_item_wordings")]

    operations = [migrations.RunPython(keep, migrations.RunPython.noop)]
