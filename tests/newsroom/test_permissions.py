import pytest
from django.contrib.auth.models import Permission


@pytest.mark.django_db
def test_default_permissions_have_vietnamese_names():
    assert Permission.objects.get(codename="add_article").name == "Có thể thêm bài viết"
    assert Permission.objects.get(codename="change_category").name == "Có thể sửa chuyên mục"
    assert Permission.objects.get(codename="view_user").name == "Có thể xem người dùng"
    assert not Permission.objects.filter(name__startswith="Can ").exists()
