from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    """Each agreement's resident, from its conversation's trajectory, as Agreement.save()
    sets it from now on."""
    Trajectory = apps.get_model("cases", "Trajectory")
    resident = Trajectory.objects.filter(conversations=OuterRef("conversation")).values("resident")
    apps.get_model("cases", "Agreement").objects.update(resident=Subquery(resident[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0037_agreements_know_their_resident"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
