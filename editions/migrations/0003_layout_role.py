"""The new role Trình bày (layout) uploads and publishes printed issues and
links them to the online articles; Thư ký tòa soạn and Tổng biên tập may do
the same and also manage the editions (articles/roles.py keeps the table)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied here, not imported, so this migration keeps meaning what it meant
# when it was written.
LAYOUT = "Trình bày"
PRINT = [
    "editions.view_edition",
    "editions.view_issue",
    "editions.add_issue",
    "editions.change_issue",
    "editions.delete_issue",
    "editions.publish_issue",
    "editions.view_printedarticle",
    "editions.add_printedarticle",
    "editions.change_printedarticle",
    "editions.delete_printedarticle",
]
ROLE_PERMISSIONS = {
    LAYOUT: [*PRINT, "articles.view_article"],
    "Thư ký tòa soạn": [*PRINT, "editions.add_edition", "editions.change_edition", "editions.delete_edition"],
    "Tổng biên tập": [*PRINT, "editions.add_edition", "editions.change_edition", "editions.delete_edition"],
}


def _permissions(apps, perms):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=perm.split(".")[0], codename=perm.split(".")[1])
        for perm in perms
    ]


def grant(apps, schema_editor):
    for label in ("editions", "articles"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, perms))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=LAYOUT).delete()
    for name, perms in ROLE_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, perms))


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0002_page_search_gin"),
        ("articles", "0005_workflow_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
