"""Every tick made before wordings were kept points at its item's first kept wording: the
text the item had until now."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def point(apps, schema_editor):
    Tick = apps.get_model("cases", "Tick")
    Wording = apps.get_model("steps", "ChecklistItemWording")
    first = Wording.objects.filter(item=OuterRef("item")).order_by("since", "pk").values("pk")[:1]
    Tick.objects.filter(wording=None).update(wording=Subquery(first))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0024_tick_wording"),
        ("steps", "0005_keep_the_wordings"),
    ]

    operations = [migrations.RunPython(point, migrations.RunPython.noop)]
