"""Thư ký tòa soạn and Tổng biên tập manage links (articles/roles.py keeps
the same table)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied here, not imported, so this migration keeps meaning what it meant
# when it was written.
ROLES = ["Thư ký tòa soạn", "Tổng biên tập"]
PERMISSIONS = [
    f"links.{action}_{model}" for model in ["linkgroup", "link", "banner"] for action in ("view", "add", "change", "delete")
]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=perm.split(".")[0], codename=perm.split(".")[1])
        for perm in PERMISSIONS
    ]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("links")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("links", "0001_link_groups_and_banners"),
        ("articles", "0002_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
