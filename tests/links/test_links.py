"""“Liên kết website” in the sidebar: a dropdown per group (first option
“--- Website khác ---”), a plain list for readers without JavaScript, banners."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from links.models import Banner, Link, LinkGroup

pytestmark = pytest.mark.django_db

GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def groups(publication):
    papers = LinkGroup.objects.create(name="Báo địa phương", position=1)
    portals = LinkGroup.objects.create(name="Cổng thông tin", position=2)
    Link.objects.create(group=papers, title="Báo Lai Châu", url="https://baolaichau.vn/", position=2)
    Link.objects.create(group=papers, title="Báo Bắc Kạn", url="https://baobackan.vn/", position=1)
    Link.objects.create(group=portals, title="Cổng TTĐT tỉnh Điện Biên", url="https://dienbien.gov.vn/")
    LinkGroup.objects.create(name="Nhóm trống")
    return papers, portals


def test_each_group_is_a_dropdown_with_a_plain_list(client, groups):
    html = client.get("/").content.decode()
    widget = html[html.index('class="widget widget-links"') :]
    selects = re.findall(r"<select[^>]*data-link-select hidden>(.*?)</select>", widget, re.S)
    assert len(selects) == 2  # the empty group is not shown
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', selects[0])
    assert options == [
        ("", "--- Website khác ---"),
        ("https://baobackan.vn/", "Báo Bắc Kạn"),
        ("https://baolaichau.vn/", "Báo Lai Châu"),
    ]
    assert '<a href="https://baobackan.vn/" target="_blank" rel="noopener">Báo Bắc Kạn</a>' in widget
    assert "Liên kết website" in widget


def test_banners_are_listed_when_active(client, groups, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Banner.objects.create(title="Chuyển đổi số", url="https://example.vn/cds", image=SimpleUploadedFile("b.gif", GIF))
    Banner.objects.create(
        title="Ẩn", url="https://example.vn/an", image=SimpleUploadedFile("c.gif", GIF), is_active=False
    )
    html = client.get("/").content.decode()
    assert 'alt="Chuyển đổi số"' in html
    assert 'href="https://example.vn/cds"' in html
    assert "https://example.vn/an" not in html


def test_the_widget_is_cached_and_refreshed_on_change(client, groups, django_assert_max_num_queries):
    client.get("/")
    Link.objects.create(group=groups[1], title="Bộ Y tế", url="https://moh.gov.vn/")
    assert "Bộ Y tế" in client.get("/").content.decode()


def test_a_javascript_url_is_refused(groups):
    from django.core.exceptions import ValidationError

    link = Link(group=groups[0], title="Xấu", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        link.full_clean()
