"""The feedback report is made by the reports kit (portal.Report) since issue 18: the
consultation's own file field goes. The old generated PDFs are removed from the storage; the
kit makes the report again when someone asks for it."""

from django.core.files.storage import default_storage
from django.db import migrations


def delete_old_files(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    names = Consultation.objects.exclude(feedback_report="").values_list(
        "feedback_report", flat=True
    )
    for name in names.iterator():
        try:
            default_storage.delete(name)
        except OSError:  # already gone: nothing to keep
            pass


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_answer_consultation_optional"),
    ]

    operations = [
        migrations.RunPython(delete_old_files, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="consultation", name="feedback_report"),
        migrations.RemoveField(model_name="consultation", name="feedback_report_at"),
    ]
