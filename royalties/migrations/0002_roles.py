"""Who does what with royalties (articles/roles.py keeps the same table):
the desk grades and sets the point value; the Tổng biên tập also approves,
locks and reopens months and keeps the scale; Kế toán reads the sheets."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied here, not imported, so this migration keeps meaning what it meant
# when it was written.
_READ = [
    "royalties.view_royaltymonth",
    "royalties.view_worktype",
    "royalties.view_coefficient",
    "royalties.view_grade",
    "royalties.view_gradechange",
]
_DESK = _READ + ["royalties.add_royaltymonth", "royalties.change_royaltymonth", "royalties.grade_contribution"]
_SCALE = [f"royalties.{action}_{model}" for model in ("worktype", "coefficient") for action in ("add", "change", "delete")]
ROLE_PERMISSIONS = {
    "Thư ký tòa soạn": _DESK,
    "Tổng biên tập": _DESK + _SCALE + ["royalties.approve_royaltymonth"],
    "Kế toán": _READ,
}


def _permission(apps, perm):
    app_label, codename = perm.split(".")
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("royalties")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, perm) for perm in perms])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*[_permission(apps, perm) for perm in ROLE_PERMISSIONS[group.name]])


class Migration(migrations.Migration):
    dependencies = [
        ("royalties", "0001_initial"),
        ("authors", "0002_roles_and_accounts_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
