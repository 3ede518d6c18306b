from django.contrib.auth.management import create_permissions
from django.db import migrations

# The table is copied here, not imported, so this migration keeps meaning what
# it meant when it was written.
ROLE_PERMISSIONS = {
    "Phóng viên": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_category", "articles.view_tag", "articles.add_tag", "articles.change_tag",
    ],
    "Biên tập viên": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_category", "articles.view_tag", "articles.add_tag", "articles.change_tag",
    ],
    "Thư ký tòa soạn": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_category", "articles.view_tag", "articles.add_tag", "articles.change_tag",
        "articles.publish_article", "articles.delete_article", "articles.add_category",
        "articles.change_category", "articles.delete_tag", "newsroom.view_publication",
    ],
    "Tổng biên tập": [
        "articles.view_article", "articles.add_article", "articles.change_article",
        "articles.view_category", "articles.view_tag", "articles.add_tag", "articles.change_tag",
        "articles.publish_article", "articles.delete_article", "articles.add_category",
        "articles.change_category", "articles.delete_tag", "newsroom.view_publication",
        "articles.delete_category", "newsroom.change_publication",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_label in ("articles", "newsroom"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        objs = []
        for perm in perms:
            app_label, codename = perm.split(".")
            objs.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(objs)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("newsroom", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
