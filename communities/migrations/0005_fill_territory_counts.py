from django.db import migrations

PUBLIC = ("verified", "active", "inactive")


def fill(apps, schema_editor):
    Territory = apps.get_model("portal", "Territory")
    Community = apps.get_model("communities", "Community")
    through = Community.neighbourhoods.through
    for territory in Territory.objects.all():
        count = (
            through.objects.filter(
                territory__path__startswith=territory.path, community__status__in=PUBLIC
            )
            .values("community_id")
            .distinct()
            .count()
        )
        Territory.objects.filter(pk=territory.pk).update(community_count=count)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0004_history_events"),
        ("portal", "0004_territory_community_count"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
