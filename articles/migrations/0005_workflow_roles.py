from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied, not imported: this migration keeps meaning what it meant.
REVIEWERS = ["Biên tập viên", "Thư ký tòa soạn", "Tổng biên tập"]


def review_permission(apps):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="articles", codename="review_article")


def grant(apps, schema_editor):
    perm = review_permission(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=REVIEWERS):
        group.permissions.add(perm)


def revoke(apps, schema_editor):
    perm = review_permission(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=REVIEWERS):
        group.permissions.remove(perm)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_article_workflow")]

    operations = [migrations.RunPython(grant, revoke)]
