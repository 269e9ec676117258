from django.db import migrations
from django.db.models import F


def sent_during_the_request(apps, schema_editor):
    """Documents mailed before the queue were sent during the click that kept them."""
    HandedOverDocument = apps.get_model("cases", "HandedOverDocument")
    HandedOverDocument.objects.filter(how="gemaild").update(
        mail="verstuurd", mailed_at=F("created_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0033_mail_through_the_queue"),
    ]

    operations = [migrations.RunPython(sent_during_the_request, migrations.RunPython.noop)]
