from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        from delivery import variants

        from .light_edition import light_edition_variant
        from .permissions import name_permissions_in_vietnamese

        # Bản nhẹ is a variant of every cached page (delivery/variants.py).
        variants.register(light_edition_variant)
        from .sqlite import install_search_functions, install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="newsroom-unicode-like")
        connection_created.connect(install_search_functions, dispatch_uid="newsroom-search-functions")
        post_migrate.connect(name_permissions_in_vietnamese, dispatch_uid="newsroom-permission-names")
