from django.db import migrations
from django.db.models import Count, DateField, Q
from django.db.models.functions import Cast, TruncMonth


def month_of(field):
    return Cast(TruncMonth(field, output_field=DateField()), DateField())


def fill(apps, schema_editor):
    """The totals of what is there already, as cases/facts.py keeps them from now on."""
    Trajectory = apps.get_model("cases", "Trajectory")
    Decision = apps.get_model("cases", "Decision")
    CorePointTotal = apps.get_model("cases", "CorePointTotal")
    totals = {}
    firsts = (
        Trajectory.objects.filter(resident__restricted_since=None, first_held_at__isnull=False)
        .annotate(month=month_of("first_held_at"))
        .values_list("resident__consultant", "month")
        .annotate(n=Count("pk"), told=Count("pk", filter=Q(first_told_decides_too=True)))
        .order_by()
    )
    for consultant, month, n, told in firsts.iterator():
        totals[consultant, month] = [n, told, 0, 0, 0]
    decided = (
        Decision.objects.filter(plan__trajectory__resident__restricted_since=None)
        .annotate(month=month_of("decided_on"))
        .values_list("plan__trajectory__resident__consultant", "month")
        .annotate(
            n=Count("pk"),
            weighed=Count("pk", filter=Q(options_weighed__gte=2)),
            own_words=Count("pk", filter=~Q(in_own_words="")),
        )
        .order_by()
    )
    for consultant, month, n, weighed, own_words in decided.iterator():
        totals.setdefault((consultant, month), [0, 0, 0, 0, 0])[2:] = [n, weighed, own_words]
    CorePointTotal.objects.bulk_create(
        (
            CorePointTotal(
                consultant_id=consultant,
                month=month,
                first_conversations=first,
                told_decides_too=told,
                decisions=decisions,
                options_weighed=weighed,
                own_words=own_words,
            )
            for (consultant, month), (first, told, decisions, weighed, own_words) in totals.items()
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0044_core_point_totals_stored")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
