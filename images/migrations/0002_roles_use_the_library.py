"""Newsroom roles and the image library: every role may see, add and edit
library images (reporters bring their photos); the desk (Thư ký tòa soạn,
Tổng biên tập) may also delete them. Listed in articles/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = ["Phóng viên", "Biên tập viên"]
DESK = ["Thư ký tòa soạn", "Tổng biên tập"]
USE = ["view_image", "add_image", "change_image"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("images")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="images")}
    for group in Group.objects.filter(name__in=WRITERS + DESK):
        group.permissions.add(*(perms[c] for c in USE))
        if group.name in DESK:
            group.permissions.add(perms["delete_image"])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="images")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=WRITERS + DESK):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("articles", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
