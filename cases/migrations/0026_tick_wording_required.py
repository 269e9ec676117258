from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0025_ticks_keep_their_wording'),
    ]

    operations = [
        migrations.AlterField(
            model_name='tick',
            name='wording',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='steps.checklistitemwording'),
        ),
    ]
