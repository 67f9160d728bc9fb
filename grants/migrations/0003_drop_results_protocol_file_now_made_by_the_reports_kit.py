"""The results protocol is made by the reports kit (portal.Report) since issue 18: the round's
own file field and its request/made times go. The old generated PDFs are removed from the
storage; staff ask for the protocol again on the round's page."""

from django.core.files.storage import default_storage
from django.db import migrations


def delete_old_files(apps, schema_editor):
    Round = apps.get_model("grants", "Round")
    for name in Round.objects.exclude(protocol="").values_list("protocol", flat=True).iterator():
        try:
            default_storage.delete(name)
        except OSError:  # already gone: nothing to keep
            pass


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_round_reminders"),
    ]

    operations = [
        migrations.RunPython(delete_old_files, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="round", name="protocol"),
        migrations.RemoveField(model_name="round", name="protocol_made_at"),
        migrations.RemoveField(model_name="round", name="protocol_requested_at"),
    ]
