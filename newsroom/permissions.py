"""Django stores the names of default permissions ("Can add bài viết") in the
database at migrate time, half in English. After each app's permissions are
made, give them Vietnamese names the admin's role screens can show."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation
from django.utils.translation import gettext as _


def _verbs():
    return {
        "add": _("Có thể thêm %(name)s"),
        "change": _("Có thể sửa %(name)s"),
        "delete": _("Có thể xóa %(name)s"),
        "view": _("Có thể xem %(name)s"),
    }


def name_permissions_in_vietnamese(sender, apps=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if apps is None or not sender.models_module:
        return
    try:
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    with translation.override(settings.LANGUAGE_CODE):
        verbs = _verbs()
        for model in sender.get_models():
            opts = model._meta
            content_type = ContentType.objects.using(using).filter(app_label=opts.app_label, model=opts.model_name)
            for action in opts.default_permissions:
                name = (verbs[action] % {"name": opts.verbose_name})[:255] if action in verbs else None
                if name:
                    Permission.objects.using(using).filter(
                        content_type__in=content_type, codename=f"{action}_{opts.model_name}"
                    ).exclude(name=name).update(name=name)
