"""Every round has its final report's due date (filled for the existing rounds by 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0004_round_report_due_dates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="round",
            name="final_report_due_on",
            field=models.DateField(
                help_text="On or after the day the implementation ends.",
                verbose_name="final report due",
            ),
        ),
    ]
