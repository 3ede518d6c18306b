"""The NukeViet 4 importer, on a small dump written for this project."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Category
from counters.models import ArticleViewCount
from imports import nukeviet
from imports.models import ImportedItem, ImportRun
from redirects.models import OldAddress

from .conftest import jpeg

DUMP = Path(__file__).parent / "fixtures" / "nukeviet.sql"


def run_import(location, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_archive", "nukeviet", str(location), *extra, stdout=out, stderr=err)
    return out.getvalue()


def imported(source_id):
    return Article.objects.get(pk=ImportedItem.objects.get(kind="article", source_id=str(source_id)).object_id)


def test_statements_are_split_outside_strings_and_comments():
    text = "-- c\nINSERT INTO t VALUES ('a;b', 'it\\'s', \"q\");\n/* x; */ SELECT 1;"
    assert list(nukeviet.statements(io.StringIO(text), chunk_size=7)) == [
        "INSERT INTO t VALUES ('a;b', 'it\\'s', \"q\")",
        "SELECT 1",
    ]
    assert nukeviet.value_tuples("(1,'a\\nb',NULL,'x''y'),(2,'',0x41,-3.5)") == [
        ["1", "a\nb", None, "x'y"],
        ["2", "", "A", "-3.5"],
    ]


@pytest.mark.django_db
def test_a_dump_with_unknown_columns_comes_in(publication):
    out = run_import(DUMP, "--site-url", "https://baodienbien.vn", "--skip-images")
    assert "5 tạo mới, 0 cập nhật, 0 bỏ qua, 2 lỗi" in out
    assert "Bài 6 “Bài không có ngày”: Không đọc được ngày đăng" in out
    assert "Bài 7 “Bài thiếu nội dung”: Không có nội dung" in out
    assert "nv4_vi_news_rows: Một dòng có 6 giá trị" in out
    first = imported(1)
    assert first.title == "Lễ hội hoa ban 2024"
    assert first.lead == "Lễ hội hoa ban năm 2024 khai mạc tại TP. Điện Biên Phủ."  # "ĐBP - " not doubled
    assert first.published_at == datetime(2023, 12, 31, 2, 23, tzinfo=UTC)
    assert 'Ông Lò Văn Pọm nói: "Năm nay được mùa".' in first.body
    assert first.category.name == "Thời sự"
    assert set(first.tags.names()) == {"Hoa ban"}
    assert ArticleViewCount.objects.get(article=first).views == 5034
    assert [(c.role, c.name) for c in first.credits()] == [("tac-gia", "Quang Long")]
    second = imported(2)
    assert second.category.parent.name == "Kinh tế"
    assert [(c.role, c.name) for c in second.credits()] == [("theo", "TTXVN")]  # the source, as byline
    assert f'href="{first.get_absolute_url()}"' in second.body  # a link to another imported article
    assert imported(5).status == "unpublished"
    assert imported(4).allow_comments is False
    assert Category.objects.get(name="Nông nghiệp").description == "Nông nghiệp; nông thôn"


@pytest.mark.django_db
def test_old_nukeviet_addresses_redirect(client, publication, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".baodienbien.vn"]
    run_import(DUMP, "--site-url", "https://baodienbien.vn", "--skip-images")
    first = imported(1)
    for old in ("/news/thoi-su/le-hoi-hoa-ban-1.html", "/thoi-su/le-hoi-hoa-ban-1.html"):
        response = client.get(old, HTTP_HOST="baodienbien.vn")
        assert response.status_code == 301 and response["Location"] == first.get_absolute_url()
    assert OldAddress.objects.filter(category__name="Kinh tế").count() == 2


@pytest.mark.django_db
def test_custom_url_patterns(client, publication, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".baodienbien.vn"]
    run_import(
        DUMP, "--site-url", "https://baodienbien.vn", "--skip-images", "--url-pattern", "/tin-tuc/{cat}/{id}/{alias}"
    )
    response = client.get("/tin-tuc/thoi-su/1/le-hoi-hoa-ban", HTTP_HOST="baodienbien.vn")
    assert response["Location"] == imported(1).get_absolute_url()


@pytest.mark.django_db
def test_images_of_a_nukeviet_site(web, publication):
    web.add("/uploads/news/2023_12/lua.jpg", jpeg(), content_type="image/jpeg")
    run_import(DUMP, "--site-url", web.url, "--no-robots")
    third = imported(3)
    assert third.featured_image is not None and third.featured_image.caption == "Lúa chín"
    assert third.featured_image.key in third.body  # the same picture in the body: fetched once
    assert web.hits.count("/uploads/news/2023_12/lua.jpg") == 1


@pytest.mark.django_db
def test_a_second_run_duplicates_nothing(publication):
    run_import(DUMP, "--skip-images")
    out = run_import(DUMP, "--skip-images")
    assert "0 tạo mới, 0 cập nhật, 5 bỏ qua" in out
    assert Article.objects.count() == 5
    assert ImportRun.objects.filter(status="done").count() == 2


@pytest.mark.django_db
def test_broken_and_missing_dumps_are_refused(tmp_path, publication):
    broken = tmp_path / "broken.sql"
    broken.write_text("INSERT INTO `nv4_vi_news_cat` VALUES (1,'Thời sự", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(broken)
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run_import(tmp_path / "none.sql")
    with pytest.raises(CommandError, match="PyMySQL|MySQL"):
        run_import("mysql://newsroom:secret@127.0.0.1:1/nv4")
