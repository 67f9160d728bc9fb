"""The minutes PDF is made by the reports kit (portal.Report) since issue 18: the meeting's own
file field goes. The old generated PDFs are removed from the storage; the kit makes the
minutes again when someone opens them."""

from django.core.files.storage import default_storage
from django.db import migrations


def delete_old_files(apps, schema_editor):
    Meeting = apps.get_model("councils", "Meeting")
    for name in Meeting.objects.exclude(minutes_pdf="").values_list("minutes_pdf", flat=True):
        try:
            default_storage.delete(name)
        except OSError:  # already gone: nothing to keep
            pass


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_elections"),
    ]

    operations = [
        migrations.RunPython(delete_old_files, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="meeting", name="minutes_pdf"),
    ]
