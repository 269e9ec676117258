from django.db import migrations
from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth


def fill(apps, schema_editor):
    """The totals of what is there already, as cases/facts.py keeps them from now on."""
    Conversation = apps.get_model("cases", "Conversation")
    CheckInTotal = apps.get_model("cases", "CheckInTotal")
    sums = (
        Conversation.objects.filter(
            Q(check_in_score__isnull=False) | Q(check_out_score__isnull=False),
            status="gevoerd",
            trajectory__resident__restricted_since=None,
        )
        .annotate(month=TruncMonth("held_at", output_field=DateField()))
        .values_list("trajectory__resident__consultant", "month")
        .annotate(
            Count("pk"),
            Sum("check_in_score"),
            Count("check_in_score"),
            Sum("check_out_score"),
            Count("check_out_score"),
        )
        .order_by()
    )
    CheckInTotal.objects.bulk_create(
        (
            CheckInTotal(
                consultant_id=consultant,
                month=month,
                conversations=n,
                check_in_sum=in_sum or 0,
                check_in_count=in_count,
                check_out_sum=out_sum or 0,
                check_out_count=out_count,
            )
            for consultant, month, n, in_sum, in_count, out_sum, out_count in sums.iterator()
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0040_check_in_totals_stored")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
