from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_ascii_slug = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
    _("Đường dẫn chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang giữa các từ."),
    "invalid",
)


class ImageUploadValidator:
    """An upload that must be a small picture of the given formats, judged by
    its content (Pillow reads the header, never the pixels: bounded memory
    whatever the file claims): the paper's logo, favicon and touch icon.

    Checked before anything is stored; a wrong file is a Vietnamese message
    on the form, never a 500."""

    def __init__(self, formats, max_bytes=512 * 1024, max_side=2048, square=False):
        self.formats = tuple(formats)
        self.max_bytes = max_bytes
        self.max_side = max_side
        self.square = square

    def __call__(self, value):
        from PIL import Image, UnidentifiedImageError

        size = getattr(value, "size", None)
        if size is not None and size > self.max_bytes:
            raise ValidationError(
                _("Tệp quá lớn (tối đa %(limit)s KB)."), code="too_big", params={"limit": self.max_bytes // 1024}
            )
        try:
            value.seek(0)
            with Image.open(value) as image:
                image_format, (width, height) = image.format, image.size
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise ValidationError(_("Tệp này không phải là ảnh hoặc ảnh bị hỏng."), code="invalid_image") from None
        finally:
            value.seek(0)
        if image_format not in self.formats:
            raise ValidationError(
                _("Chỉ nhận ảnh %(formats)s."), code="format", params={"formats": ", ".join(self.formats)}
            )
        if width > self.max_side or height > self.max_side:
            raise ValidationError(
                _("Ảnh quá lớn (tối đa %(side)s × %(side)s điểm ảnh)."),
                code="too_large",
                params={"side": self.max_side},
            )
        if self.square and width != height:
            raise ValidationError(_("Ảnh này phải vuông (rộng bằng cao)."), code="not_square")


_LOGO = ImageUploadValidator(["PNG", "JPEG", "WEBP"], max_side=2048)
_FAVICON = ImageUploadValidator(["PNG", "ICO"], max_bytes=128 * 1024, max_side=512, square=True)
_TOUCH_ICON = ImageUploadValidator(["PNG"], max_bytes=256 * 1024, max_side=1024, square=True)


def validate_logo(value):
    _LOGO(value)


def validate_favicon(value):
    _FAVICON(value)


def validate_touch_icon(value):
    _TOUCH_ICON(value)
