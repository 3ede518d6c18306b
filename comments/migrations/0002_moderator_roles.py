from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied here, not imported, so this migration keeps meaning what it meant
# when it was written. Keep articles/roles.py in step.
MODERATE = ["comments.view_comment", "comments.change_comment", "comments.view_blockedword"]
DESK = MODERATE + [
    "comments.delete_comment",
    "comments.add_blockedword",
    "comments.change_blockedword",
    "comments.delete_blockedword",
]
ROLE_PERMISSIONS = {
    "Biên tập viên": MODERATE,
    "Thư ký tòa soạn": DESK,
    "Tổng biên tập": DESK,
}


def _permission(apps, perm):
    app_label, codename = perm.split(".")
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("comments")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, p) for p in perms])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*[_permission(apps, p) for p in perms])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comment_and_blocked_word"),
        ("articles", "0002_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
