"""Grading a month's contributions: within the scale, by the desk only,
every change recorded, co-authors sharing, nothing stored half-way."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles import roles
from articles.models import Article
from authors.bylines import Kind, Role
from royalties import services
from royalties.models import Grade, GradeChange, RoyaltyMonth
from tests.factories import AuthorFactory

from .conftest import collaborator, contribution, member_of, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(scale):
    """“Tin, ảnh: Thanh Bình”, published on 15/10/2026."""
    article = published()
    author = collaborator()
    return article, contribution(article, author, Role.NEWS), contribution(article, author, Role.PHOTO)


def test_the_desk_grades_within_the_scale_and_the_change_is_recorded(secretary, scale, work):
    _article, news, _photo = work
    grade = services.grade(
        news, by=secretary, work_type=scale["tin"], points="4.5", coefficients=[scale["doc_quyen"]], note="Tin nóng"
    )
    assert (grade.points, grade.factor, grade.month.month) == (Decimal("4.50"), Decimal("1.2000"), 10)
    change = GradeChange.objects.get()
    assert change.before is None and change.by == secretary
    assert change.after == {
        "the_loai": "Tin",
        "diem": "4.50",
        "he_so": ["Tin độc quyền"],
        "he_so_nhan": "1.2000",
        "ty_le": "100.00",
        "ghi_chu": "Tin nóng",
    }


def test_a_regrade_is_recorded_with_before_and_after(secretary, scale, work):
    _article, news, _photo = work
    services.grade(news, by=secretary, work_type=scale["tin"], points=3)
    services.grade(news, by=secretary, work_type=scale["tin"], points=5, note="Lên 5 điểm")
    services.grade(news, by=secretary, work_type=scale["tin"], points=5, note="Lên 5 điểm")  # nothing changed
    changes = list(GradeChange.objects.order_by("at", "id"))
    assert len(changes) == 2
    assert (changes[1].before["diem"], changes[1].after["diem"]) == ("3.00", "5.00")
    assert Grade.objects.get().points == 5


@pytest.mark.parametrize("points", ["0.5", "6", "-1", "4.555", "abc"])
def test_a_grade_outside_the_scale_is_refused_with_a_vietnamese_message(secretary, scale, work, points):
    _article, news, _photo = work
    with pytest.raises(ValidationError) as refused:
        services.grade(news, by=secretary, work_type=scale["tin"], points=points)
    assert "Điểm" in refused.value.messages[0]
    assert not Grade.objects.exists() and not GradeChange.objects.exists()


def test_co_authors_share_the_work_as_the_grader_says_and_no_more(secretary, scale):
    article = published("Phóng sự bản Mường Phăng")
    first = contribution(article, collaborator("Quàng Hương"), Role.PRODUCTION)
    second = contribution(article, AuthorFactory(name="Đức Anh"), Role.PRODUCTION)
    services.grade(first, by=secretary, work_type=scale["phong_su"], points=15, share=60)
    with pytest.raises(ValidationError, match="chỉ còn được tối đa 40"):
        services.grade(second, by=secretary, work_type=scale["phong_su"], points=15, share=50)
    services.grade(second, by=secretary, work_type=scale["phong_su"], points=15, share=40)
    assert sorted(Grade.objects.values_list("share", flat=True)) == [Decimal("40"), Decimal("60")]


@pytest.mark.parametrize("role", [roles.REPORTER, roles.EDITOR, roles.ACCOUNTANT])
def test_only_the_desk_grades(scale, work, role):
    _article, news, _photo = work
    with pytest.raises(PermissionDenied):
        services.grade(news, by=member_of(role, "nguoi"), work_type=scale["tin"], points=3)


def test_a_draft_or_a_source_is_not_graded(secretary, scale):
    draft = published("Bản nháp", status="draft", published_at=None)
    with pytest.raises(ValidationError, match="đã xuất bản"):
        services.grade(contribution(draft, collaborator()), by=secretary, work_type=scale["tin"], points=3)
    agency = AuthorFactory(name="TTXVN", kind=Kind.ORGANISATION)
    with pytest.raises(ValidationError, match="không chấm nhuận bút"):
        services.grade(contribution(published(), agency, Role.VIA), by=secretary, work_type=scale["tin"], points=3)


def test_a_locked_month_refuses_a_new_grade(secretary, chief, scale, work, month):
    _article, news, photo = work
    services.grade(news, by=secretary, work_type=scale["tin"], points=3)
    services.approve(month, by=chief)
    with pytest.raises(ValidationError, match="đã được duyệt và khóa"):
        services.grade(photo, by=secretary, work_type=scale["anh"], points=2)
    with pytest.raises(ValidationError, match="đã được duyệt và khóa"):
        services.remove_grade(news, by=secretary)
    assert Grade.objects.count() == 1


# ---- the grading screens ---------------------------------------------------------


def grade_post(contribution, **fields):
    prefix = f"c{contribution.pk}"
    data = {"work_type": "", "points": "", "share": "100", "note": ""}
    data.update(fields)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def test_the_desk_grades_an_article_s_contributors_on_one_page(client, secretary, scale, work):
    article, news, photo = work
    client.force_login(secretary)
    page = client.get(f"/admin/royalties/royaltymonth/cham-bai/{article.pk}/")
    assert page.status_code == 200 and "Tin: Thanh Bình" in page.content.decode()
    data = {
        **grade_post(news, work_type=scale["tin"].pk, points="4,5", coefficients=[scale["vung_kho"].pk]),
        **grade_post(photo, work_type=scale["anh"].pk, points="2"),
    }
    response = client.post(f"/admin/royalties/royaltymonth/cham-bai/{article.pk}/", data)
    assert response.status_code == 302
    assert sorted(Grade.objects.values_list("points", flat=True)) == [Decimal("2"), Decimal("4.5")]
    listing = client.get(response["Location"]).content.decode()
    assert "Tin, 4,50 điểm × 1,3000" in listing


def test_one_bad_grade_on_the_page_stores_none_of_them(client, secretary, scale, work):
    article, news, photo = work
    client.force_login(secretary)
    data = {
        **grade_post(news, work_type=scale["tin"].pk, points="3"),
        **grade_post(photo, work_type=scale["anh"].pk, points="9"),  # Ảnh is 1–4
    }
    response = client.post(f"/admin/royalties/royaltymonth/cham-bai/{article.pk}/", data)
    assert response.status_code == 200
    assert "Chưa lưu, không có gì thay đổi" in response.content.decode()
    assert "Điểm của “Ảnh” phải từ 1" in response.content.decode()
    assert not Grade.objects.exists() and not GradeChange.objects.exists()


@pytest.mark.parametrize("role", [roles.REPORTER, roles.EDITOR, roles.ACCOUNTANT])
def test_a_forged_grading_post_is_refused(client, scale, work, role):
    article, news, _photo = work
    client.force_login(member_of(role, "nguoi"))
    data = grade_post(news, work_type=scale["tin"].pk, points="3")
    assert client.post(f"/admin/royalties/royaltymonth/cham-bai/{article.pk}/", data).status_code == 403
    assert not Grade.objects.exists()


def test_the_grading_list_shows_what_is_left_to_grade(client, secretary, scale, work):
    article, news, photo = work
    graded = published("Bài đã chấm xong", day=3)
    services.grade(contribution(graded, collaborator("Hà Linh")), by=secretary, work_type=scale["tin"], points=2)
    month = RoyaltyMonth.objects.get()
    client.force_login(secretary)
    html = client.get(f"/admin/royalties/royaltymonth/{month.pk}/cham/?chua-cham=1").content.decode()
    assert article.title in html and "Bài đã chấm xong" not in html
    html = client.get(f"/admin/royalties/royaltymonth/{month.pk}/cham/").content.decode()
    assert "Bài đã chấm xong" in html and "chưa chấm" in html


def test_the_grading_list_queries_do_not_grow(client, secretary, scale, django_assert_max_num_queries):
    for i in range(12):
        article = published(f"Bài {i}", day=1 + i)
        services.grade(
            contribution(article, collaborator(f"Tác Giả {i}")), by=secretary, work_type=scale["tin"], points=2
        )
    month = RoyaltyMonth.objects.get()
    client.force_login(secretary)
    client.get(f"/admin/royalties/royaltymonth/{month.pk}/cham/")
    # session, user, permissions, month, count, page of articles, their contributions, the
    # count of articles without contributors
    with django_assert_max_num_queries(10):
        assert client.get(f"/admin/royalties/royaltymonth/{month.pk}/cham/").status_code == 200


def test_a_graded_contribution_cannot_be_deleted_from_the_article_form(client, secretary, scale, work):
    from tests.factories import contribution_forms
    from tests.workflow.conftest import form_data

    article, news, _photo = work
    services.grade(news, by=secretary, work_type=scale["tin"], points=3)
    client.force_login(secretary)
    data = {**form_data(article), **contribution_forms(article)}
    index = [k for k, v in data.items() if k.endswith("-id") and v == news.pk][0].split("-")[1]
    data[f"contributions-{index}-DELETE"] = "on"
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "điểm nhuận bút" in response.content.decode()
    assert article.contributions.filter(pk=news.pk).exists()


def test_a_graded_article_cannot_be_deleted(client, secretary, scale, work):
    article, news, _photo = work
    services.grade(news, by=secretary, work_type=scale["tin"], points=3)
    client.force_login(secretary)
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không thể xóa bài viết" in html and "Tin, 3,00 điểm" in html
    assert Article.objects.filter(pk=article.pk).exists()
