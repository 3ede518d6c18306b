"""Newsroom roles and the video library: every role may see, add and edit
library videos (reporters bring their clips); the desk (Thư ký tòa soạn,
Tổng biên tập) may also delete them. Listed in articles/roles.py."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = ["Phóng viên", "Biên tập viên"]
DESK = ["Thư ký tòa soạn", "Tổng biên tập"]
USE = ["view_video", "add_video", "change_video"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("videos")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="videos")}
    for group in Group.objects.filter(name__in=WRITERS + DESK):
        group.permissions.add(*(perms[c] for c in USE))
        if group.name in DESK:
            group.permissions.add(perms["delete_video"])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="videos")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=WRITERS + DESK):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0001_initial"),
        ("articles", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
