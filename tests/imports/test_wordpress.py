"""The WordPress importer, end to end on a WXR written for this project."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Category
from comments.models import Comment
from counters.models import ArticleViewCount
from images.models import Image
from imports import writer
from imports.models import ImportedItem, ImportProblem, ImportRun
from redirects.models import OldAddress

from .conftest import jpeg, png

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def wxr(web, tmp_path):
    web.add("/wp-content/uploads/2023/12/lua-muong-phang.jpg", jpeg(), content_type="image/jpeg")
    web.add("/wp-content/uploads/2023/12/ca-phe.png", png(), content_type="image/png")
    text = (FIXTURES / "baodienbien.wxr.xml").read_text(encoding="utf-8").replace("__MEDIA__", web.url)
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    return path


def run_import(path, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_archive",
        "wordpress",
        str(path),
        "--allow-host",
        "127.0.0.1",
        "--no-robots",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def imported(post_id):
    item = ImportedItem.objects.get(kind="article", source_id=str(post_id))
    return Article.objects.get(pk=item.object_id)


@pytest.mark.django_db
def test_posts_categories_and_statuses_arrive(wxr, publication):
    out, err = run_import(wxr)
    assert "29 tạo mới, 0 cập nhật, 1 bỏ qua, 0 lỗi" in out
    assert "%" in err and "30/30" in err  # the progress bar
    assert Article.objects.count() == 29
    assert Article.objects.filter(status="published").count() == 25  # 24 published + 1 scheduled
    assert Article.objects.filter(status="draft").count() == 2
    assert Article.objects.filter(status="editing").count() == 1
    assert Article.objects.filter(status="unpublished").count() == 1
    assert Article.objects.scheduled().count() == 1
    assert set(Category.objects.values_list("name", flat=True)) >= {"Thời sự", "Kinh tế", "Nông nghiệp", "Văn hóa"}
    assert Category.objects.get(name="Nông nghiệp").parent.name == "Kinh tế"
    trash = ImportProblem.objects.get(item__startswith="Bài 30")
    assert trash.skipped and "thùng rác" in trash.reason


@pytest.mark.django_db
def test_fields_dates_and_time_zone(wxr, publication):
    run_import(wxr)
    first = imported(1)
    # post_date_gmt 2023-12-01 03:23 UTC = 10:23 in Hà Nội
    assert first.published_at == datetime(2023, 12, 1, 3, 23, tzinfo=UTC)
    assert first.title == "Tuần Giáo: trồng cà phê năm 2023 (bài 1)"
    assert first.lead == "Sapo bài 1: Tuần Giáo trồng cà phê."  # "ĐBP - " recognised, not doubled
    assert first.category.name == "Nông nghiệp"
    assert set(first.tags.names()) == {"Nông thôn mới", "Điện Biên Phủ"}
    assert first.byline == "T.Hòa"
    assert ArticleViewCount.objects.get(article=first).views == 1001
    # No excerpt: the first paragraph is the sapo, taken out of the body.
    third = imported(3)
    assert third.lead == "Mở đầu bài 3 ở Điện Biên Đông."
    assert "Mở đầu bài 3" not in third.body
    drafted = imported(25)
    assert drafted.status == "draft" and drafted.published_at is None


@pytest.mark.django_db
def test_text_is_nfc_body_sanitised_and_byline_becomes_authors(wxr, publication):
    run_import(wxr)
    eight = imported(8)
    assert eight.title == "Điện Biên Phủ đón khách Đắk Lắk"  # NFC though the file had it decomposed
    assert eight.slug == "dien-bien-phu-don-khach-dak-lak"
    credits = [(c.role, c.name) for c in eight.credits()]
    assert credits == [("tin", "Quang Long"), ("anh", "Quang Long")]
    nine = imported(9)
    assert "<script" not in nine.body and "onclick" not in nine.body and "Giữ đoạn này." in nine.body


@pytest.mark.django_db
def test_images_fetched_once_into_the_library_without_gps(wxr, web, publication):
    out, _err = run_import(wxr)
    assert Image.objects.count() == 2
    hits = [h for h in web.hits if h.endswith("lua-muong-phang.jpg")]
    assert len(hits) == 1  # featured in 3 posts and in one body: fetched once
    first, sixth = imported(1), imported(6)
    assert first.featured_image == imported(2).featured_image
    assert first.featured_image.rendition_widths  # renditions made
    assert first.featured_image.caption == "Bà con thu hoạch lúa."
    assert first.featured_image.key in sixth.body and "127.0.0.1" not in sixth.body
    from PIL import Image as PILImage

    with first.featured_image.file.open("rb") as handle:
        assert not PILImage.open(handle).getexif().get(0x8825)  # GPS stripped
    assert "khong-co.jpg: Máy chủ trả lời lỗi 404" in out
    assert imported(5).featured_image is None  # the post came in, without its lost image


@pytest.mark.django_db
def test_comments_keep_their_status_and_date(wxr, publication):
    run_import(wxr)
    comments = Comment.objects.filter(article=imported(1)).order_by("name")
    assert [(c.name, c.status) for c in comments] == [
        ("Cà Thị Hoa", "pending"),
        ("Lò Văn Minh", "approved"),
        ("Spam", "spam"),
    ]
    assert comments[1].created_at == datetime(2024, 1, 1, 1, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_links_between_imported_posts_point_at_new_addresses(wxr, publication):
    run_import(wxr)
    seven, first = imported(7), imported(1)
    assert f'href="{first.get_absolute_url()}"' in seven.body
    assert 'href="https://example.org/khac"' in seven.body


@pytest.mark.django_db
def test_second_run_updates_nothing_and_duplicates_nothing(wxr, publication):
    run_import(wxr)
    counts = (Article.objects.count(), Image.objects.count(), Comment.objects.count(), OldAddress.objects.count())
    out, _err = run_import(wxr)
    assert "0 tạo mới, 0 cập nhật, 30 bỏ qua, 0 lỗi" in out
    assert "Bỏ qua 29 bài: không đổi từ lần nhập trước" in out
    assert (
        Article.objects.count(),
        Image.objects.count(),
        Comment.objects.count(),
        OldAddress.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_a_changed_post_is_updated_in_place(wxr, publication):
    run_import(wxr)
    before = imported(2)
    wxr.write_text(wxr.read_text(encoding="utf-8").replace("Nội dung chi tiết của bài 2.", "Đã sửa lại."))
    out, _err = run_import(wxr)
    assert "0 tạo mới, 1 cập nhật, 29 bỏ qua" in out
    after = imported(2)
    assert after.pk == before.pk and "Đã sửa lại." in after.body


@pytest.mark.django_db
def test_an_interrupted_run_goes_on_from_its_cursor(wxr, publication, monkeypatch):
    original = writer.Importer.write_article
    calls = {"n": 0}

    def dies_at_the_fifteenth(self, record, *args):
        calls["n"] += 1
        if calls["n"] == 15:
            raise KeyboardInterrupt  # a kill: the batch in progress is rolled back
        return original(self, record, *args)

    monkeypatch.setattr(writer.Importer, "write_article", dies_at_the_fifteenth)
    with pytest.raises(KeyboardInterrupt):
        run_import(wxr, "--batch-size", "10")
    run = ImportRun.objects.get()
    assert run.status == "running" and run.cursor == 10
    assert Article.objects.count() == 10  # the first batch only: nothing half-written
    monkeypatch.setattr(writer.Importer, "write_article", original)
    out, err = run_import(wxr, "--batch-size", "10")
    assert "Tiếp tục lần nhập" in err
    run.refresh_from_db()
    assert run.status == "done" and run.cursor == 30
    assert Article.objects.count() == 29
    assert ImportedItem.objects.filter(kind="article").count() == 29


@pytest.mark.django_db
def test_a_failing_post_is_reported_and_the_others_come_in(wxr, publication, monkeypatch):
    original = writer.Importer.write_article

    def refuses_post_4(self, record, *args):
        if record.source_id == "4":
            raise ValueError("hỏng")
        return original(self, record, *args)

    monkeypatch.setattr(writer.Importer, "write_article", refuses_post_4)
    out, _err = run_import(wxr)
    assert "28 tạo mới, 0 cập nhật, 1 bỏ qua, 1 lỗi" in out
    assert "Bài 4 “" in out and "hỏng" in out
    assert not ImportedItem.objects.filter(kind="article", source_id="4").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["bomb.wxr.xml", "external-entity.wxr.xml"])
def test_hostile_files_are_refused_with_a_message(name, publication):
    with pytest.raises(CommandError, match="DTD|thực thể"):
        run_import(FIXTURES / name)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_xml_is_refused(tmp_path, publication):
    path = tmp_path / "x.xml"
    path.write_text("<rss><channel><item>", encoding="utf-8")
    with pytest.raises(CommandError, match="XML"):
        run_import(path)
    with pytest.raises(CommandError, match="Không có tệp"):
        run_import(tmp_path / "none.xml")


@pytest.mark.django_db
def test_old_wordpress_addresses_answer_301_to_the_imported_pages(wxr, client, publication, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".baodienbien.vn", "127.0.0.1"]
    run_import(wxr)
    first = imported(1)
    for old in ("/2023/12/01/bai-so-1/", "/2023/12/01/bai-so-1", "/?p=1"):
        response = client.get(old, HTTP_HOST="baodienbien.vn")
        assert response.status_code == 301 and response["Location"] == first.get_absolute_url(), old
        assert client.get(response["Location"], HTTP_HOST="baodienbien.vn").status_code == 200
    category = Category.objects.get(name="Nông nghiệp")
    response = client.get("/category/nong-nghiep/", HTTP_HOST="baodienbien.vn")
    assert response["Location"] == category.get_absolute_url()
    image = first.featured_image
    response = client.get("/wp-content/uploads/2023/12/lua-muong-phang.jpg", HTTP_HOST="127.0.0.1")
    assert response.status_code == 301 and response["Location"] == image.file.url
    assert client.get("/2023/12/25/bai-so-25/", HTTP_HOST="baodienbien.vn").status_code == 404  # a draft


@pytest.mark.django_db
def test_the_admin_shows_runs_and_their_problems_read_only(wxr, client, publication):
    from tests.factories import UserFactory

    run_import(wxr)
    run = ImportRun.objects.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/admin/imports/importrun/").content.decode()
    assert "WordPress (tệp WXR)" in listing and "Xong" in listing
    page = client.get(f"/admin/imports/importrun/{run.pk}/change/").content.decode()
    assert "khong-co.jpg" in page and "Máy chủ trả lời lỗi 404." in page
    assert 'name="_save"' not in page  # runs are made by the command, not here
    assert client.get("/admin/imports/importrun/add/").status_code == 403


@pytest.mark.django_db
def test_tags_made_by_a_rolled_back_post_are_made_again_for_the_next(wxr, publication, monkeypatch):
    original = writer.Importer.set_tags

    def fails_after_tagging_post_1(self, article, names, created):
        original(self, article, names, created)
        if article.title.endswith("(bài 1)"):
            raise ValueError("hỏng sau khi gắn từ khóa")

    monkeypatch.setattr(writer.Importer, "set_tags", fails_after_tagging_post_1)
    out, _err = run_import(wxr)
    assert "28 tạo mới, 0 cập nhật, 1 bỏ qua, 1 lỗi" in out
    assert set(imported(3).tags.names()) == {"Nông thôn mới", "Điện Biên Phủ"}
