from django.db import migrations

WORKING = ("verified", "active")


def fill(apps, schema_editor):
    Municipality = apps.get_model("portal", "Municipality")
    Community = apps.get_model("communities", "Community")
    for municipality in Municipality.objects.all():
        count = Community.objects.filter(municipality=municipality, status__in=WORKING).count()
        Municipality.objects.filter(pk=municipality.pk).update(working_community_count=count)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0016_registry_indexes"),
        ("portal", "0013_municipality_working_community_count"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
