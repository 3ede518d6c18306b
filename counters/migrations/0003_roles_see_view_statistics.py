from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Phóng viên", "Biên tập viên", "Thư ký tòa soạn", "Tổng biên tập"]


def grant(apps, schema_editor):
    """Every newsroom role may see the view statistics (editors judge stories by them)."""
    app_config = apps.get_app_config("counters")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.get(content_type__app_label="counters", codename="view_articleviewcount")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.filter(content_type__app_label="counters", codename="view_articleviewcount").first()
    if perm:
        for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
            group.permissions.remove(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("counters", "0002_daily_views"),
        ("articles", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
