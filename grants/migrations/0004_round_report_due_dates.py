"""Staff set the reports' due dates with the round (issue 26, item 5). Until now the results
computed them: the progress report half-way through the implementation, the final one 30 days
after it ends. Existing rounds get the dates that formula gave, so their reports and the
reminders keep the same days."""

import datetime

from django.db import migrations, models

FINAL_REPORT_DAYS = 30  # the old formula's, kept here for the rounds that had it


def fill_from_the_old_formula(apps, schema_editor):
    Round = apps.get_model("grants", "Round")
    for round_ in Round.objects.only("implementation_starts", "implementation_ends").iterator():
        starts, ends = round_.implementation_starts, round_.implementation_ends
        round_.progress_report_due_on = starts + (ends - starts) / 2
        round_.final_report_due_on = ends + datetime.timedelta(days=FINAL_REPORT_DAYS)
        round_.save(update_fields=["progress_report_due_on", "final_report_due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0003_drop_results_protocol_file_now_made_by_the_reports_kit"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="progress_report_due_on",
            field=models.DateField(
                blank=True,
                help_text="Leave empty when the round asks for no progress report.",
                null=True,
                verbose_name="progress report due",
            ),
        ),
        migrations.AddField(
            model_name="round",
            name="final_report_due_on",
            field=models.DateField(null=True, verbose_name="final report due"),
        ),
        migrations.RunPython(fill_from_the_old_formula, migrations.RunPython.noop),
    ]
