"""Who sees authors: every newsroom role (the article form's autocomplete
needs it); editors and the desk add and change them; the desk merges them.
Payment details: the desk and the new Kế toán (accounts) group only.
articles/roles.py keeps the same table."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied here, not imported, so this migration keeps meaning what it meant
# when it was written.
ACCOUNTANT = "Kế toán"
_SEE = ["authors.view_author", "authors.view_penname"]
_EDIT = _SEE + ["authors.add_author", "authors.change_author", "authors.add_penname", "authors.change_penname",
                "authors.delete_penname"]
_PAY = ["authors.view_paymentdetails", "authors.add_paymentdetails", "authors.change_paymentdetails"]
_DESK = _EDIT + ["authors.delete_author"] + _PAY + ["authors.delete_paymentdetails"]
ROLE_PERMISSIONS = {
    "Phóng viên": _SEE,
    "Biên tập viên": _EDIT,
    "Thư ký tòa soạn": _DESK,
    "Tổng biên tập": _DESK,
    ACCOUNTANT: _SEE + _PAY,
}


def _permission(apps, perm):
    app_label, codename = perm.split(".")
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("authors")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, perm) for perm in perms])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ACCOUNTANT).delete()
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*[_permission(apps, perm) for perm in ROLE_PERMISSIONS[group.name]])


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("articles", "0002_newsroom_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
