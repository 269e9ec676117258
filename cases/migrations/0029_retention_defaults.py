"""The retention rules' defaults, and a destruction date for trajectories closed before.

Selectielijst gemeenten en intergemeentelijke organen 2020: the file of a provision in
the social domain (re-integration under the Participatiewet) is destroyed ten years
after the provision ended. The municipal archivist decides the real mapping per
outcome; the beheerder changes these rows in /beheer/.
"""

from django.db import migrations

BASIS = (
    "Selectielijst gemeenten en intergemeentelijke organen 2020: dossier van een "
    "voorziening in het sociaal domein, vernietigen 10 jaar na beëindiging"
)
OUTCOMES = ["werk", "opleiding", "participatie", "verhuisd", "anders"]


def add_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("cases", "RetentionRule")
    Trajectory = apps.get_model("cases", "Trajectory")
    for outcome in OUTCOMES:
        RetentionRule.objects.get_or_create(outcome=outcome, defaults={"years": 10, "basis": BASIS})
    closed = Trajectory.objects.filter(status="afgesloten", closed_on__isnull=False)
    for trajectory in closed.filter(destroy_on__isnull=True).iterator():
        day = trajectory.closed_on
        try:
            trajectory.destroy_on = day.replace(year=day.year + 10)
        except ValueError:  # 29 February
            trajectory.destroy_on = day.replace(year=day.year + 10, day=28)
        trajectory.save(update_fields=["destroy_on"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0028_rights_and_retention")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
