"""Reports line by line against the approved budget, with several files (issue 26, item 5).

A report's one ``photo`` becomes a file of the report (kind "photo", titled "Foto", added by
whoever filed the report, at the time it was filed): the row takes over the stored name, so
the picture itself stays where it is. Then the field goes. Reversing brings the field back
empty (the photos stay files of their reports).
"""

import django.db.models.deletion
import portal.uploads
import portal.validators
from django.conf import settings
from django.db import migrations, models


def photos_to_files(apps, schema_editor):
    Report = apps.get_model("grants", "Report")
    ReportFile = apps.get_model("grants", "ReportFile")
    for report in Report.objects.exclude(photo="").exclude(photo__isnull=True).iterator():
        moved = ReportFile.objects.create(
            report=report,
            kind="photo",
            title="Foto",
            file=report.photo.name,
            added_by_id=report.submitted_by_id,
        )
        if report.submitted_at:  # when it was added: with the report
            ReportFile.objects.filter(pk=moved.pk).update(added_at=report.submitted_at)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0005_final_report_due_on_required"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("receipt", "receipt or invoice"),
                            ("photo", "photo"),
                            ("document", "other document"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        max_length=200,
                        validators=[portal.validators.single_line],
                        verbose_name="title",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        upload_to=portal.uploads.generated_upload_path,
                        validators=[portal.uploads.DocumentValidator(types=("pdf", "png", "jpg"))],
                        verbose_name="file",
                    ),
                ),
                ("added_at", models.DateTimeField(auto_now_add=True, verbose_name="added")),
                (
                    "added_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="files",
                        to="grants.report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report file",
                "verbose_name_plural": "report files",
                "ordering": ["report", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReportLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "spent",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="spent (EUR)"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "budget_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="report_lines",
                        to="grants.budgetline",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="grants.report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report line",
                "verbose_name_plural": "report lines",
                "ordering": ["report", "budget_line"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "budget_line"), name="one_report_line_per_budget_line"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("spent__gte", 0)), name="report_line_spent_not_negative"
                    ),
                ],
            },
        ),
        migrations.RunPython(photos_to_files, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="report",
            name="photo",
        ),
    ]
