"""The paper's logo, favicon and touch icon: uploads checked by their
content before anything is stored, with a Vietnamese message for a wrong
file (newsroom/validators.py)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.models import Publication
from newsroom.validators import validate_favicon, validate_logo, validate_touch_icon
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def image_file(fmt, size, name):
    data = io.BytesIO()
    Image.new("RGB", size, (163, 23, 28)).save(data, fmt)
    return SimpleUploadedFile(name, data.getvalue())


def message(validator, upload):
    with pytest.raises(ValidationError) as caught:
        validator(upload)
    return caught.value.messages[0]


def test_pictures_of_the_right_kind_pass():
    validate_logo(image_file("PNG", (400, 80), "logo.png"))
    validate_logo(image_file("JPEG", (400, 80), "logo.jpg"))
    validate_favicon(image_file("ICO", (48, 48), "favicon.ico"))
    validate_touch_icon(image_file("PNG", (180, 180), "touch.png"))


def test_wrong_files_are_refused_with_a_vietnamese_reason():
    assert message(validate_logo, SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>")) == (
        "Tệp này không phải là ảnh hoặc ảnh bị hỏng."
    )
    assert message(validate_logo, image_file("GIF", (40, 40), "logo.gif")) == "Chỉ nhận ảnh PNG, JPEG, WEBP."
    assert message(validate_touch_icon, image_file("PNG", (180, 120), "touch.png")) == (
        "Ảnh này phải vuông (rộng bằng cao)."
    )
    assert message(validate_favicon, image_file("PNG", (600, 600), "favicon.png")) == (
        "Ảnh quá lớn (tối đa 512 × 512 điểm ảnh)."
    )
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"\0" * (600 * 1024))
    assert message(validate_logo, big) == "Tệp quá lớn (tối đa 512 KB)."


def test_the_admin_shows_the_reason_and_stores_nothing(client, publication, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    data = {"name": publication.name, "sapo_prefix": "ĐBP", "theme": "dienbienphu", "comments_enabled": "on"}
    data["favicon"] = SimpleUploadedFile("favicon.png", b"not a picture at all")
    response = client.post("/admin/newsroom/publication/1/change/", data)
    assert response.status_code == 200
    assert "Tệp này không phải là ảnh hoặc ảnh bị hỏng." in response.content.decode()
    assert not Publication.objects.get().favicon
    assert not list(tmp_path.rglob("*.png"))
    data["favicon"] = image_file("PNG", (48, 48), "favicon.png")
    assert client.post("/admin/newsroom/publication/1/change/", data).status_code == 302
    assert Publication.objects.get().favicon.name.startswith("publication/favicon")
