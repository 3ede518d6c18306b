from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_ascii_slug = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
    _("Đường dẫn chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang giữa các từ."),
    "invalid",
)
