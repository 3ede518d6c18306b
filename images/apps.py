from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("Thư viện ảnh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import signals  # noqa: F401

        # Pillow's own bomb guard, for any code that opens an image without
        # going through images.processing.
        Image.MAX_IMAGE_PIXELS = settings.NEWSROOM_IMAGE_MAX_PIXELS
