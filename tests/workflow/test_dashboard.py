"""Bàn làm việc, the admin's front page: what waits for the person logged in,
by role, with counts and links into the filtered article list; a fixed
number of queries whatever the size of the archive."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, Category
from tests.factories import CommentFactory

from .conftest import draft_by

S = Article.Status
INDEX = "/admin/"


def panel(html, key):
    """The text of one panel of the desk, tags removed."""
    match = re.search(rf'<article class="desk-panel desk-{key}[" ].*?</article>', html, re.S)
    if match is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def panel_link(html, key):
    match = re.search(rf'<article class="desk-panel desk-{key}[" ].*?<h2[^>]*><a href="([^"]+)"', html, re.S)
    return match.group(1).replace("&amp;", "&")


def desk_of(client, user):
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reporter_sees_his_own_work_and_the_editors_note(client, reporter, other_reporter, editor, category):
    draft_by(reporter, category, title="Nháp về mùa lúa")
    draft_by(other_reporter, category, title="Nháp của người khác")
    returned = draft_by(reporter, category, title="Bài phải sửa", status=S.IN_EDITING)
    services.send_back(returned, by=editor, note="Thiếu nguồn ảnh, bổ sung giúp.")
    draft_by(reporter, category, title="Bài đang chờ", status=S.IN_EDITING)

    html = desk_of(client, reporter)
    drafts = panel(html, "drafts")
    assert drafts.startswith("Bài nháp của tôi 1") and "Nháp về mùa lúa" in drafts
    assert "Nháp của người khác" not in html
    assert "Bài phải sửa" in panel(html, "returned") and "Thiếu nguồn ảnh, bổ sung giúp." in panel(html, "returned")
    assert "Bài đang chờ" in panel(html, "waiting")
    assert panel(html, "editing") is None  # the newsroom's queue is the desk's


def test_the_desk_sees_the_whole_newsrooms_queue(client, reporter, other_reporter, secretary, category, publication):
    draft_by(reporter, category, title="Bài A chờ biên tập", status=S.IN_EDITING)
    draft_by(other_reporter, category, title="Bài B chờ biên tập", status=S.IN_EDITING)
    draft_by(reporter, category, title="Bài C chờ duyệt", status=S.IN_APPROVAL)
    services.publish(
        draft_by(reporter, category, title="Bài D hẹn giờ", status=S.IN_APPROVAL),
        by=secretary,
        published_at=timezone.now() + timedelta(hours=3),
    )
    services.publish(
        draft_by(reporter, category, title="Bài E hẹn tuần sau", status=S.IN_APPROVAL),
        by=secretary,
        published_at=timezone.now() + timedelta(days=7),
    )
    services.publish(draft_by(reporter, category, title="Bài F vừa lên trang", status=S.IN_APPROVAL), by=secretary)
    CommentFactory.create_batch(2, article=Article.objects.get(title="Bài F vừa lên trang"))

    html = desk_of(client, secretary)
    assert panel(html, "editing").startswith("Chờ biên tập 2")
    assert "Bài A chờ biên tập" in panel(html, "editing") and "Bài B chờ biên tập" in panel(html, "editing")
    assert panel(html, "approval").startswith("Chờ duyệt 1")
    scheduled = panel(html, "scheduled")
    assert scheduled.startswith("Hẹn giờ trong 24 giờ tới 1") and "Bài D hẹn giờ" in scheduled
    assert "Bài E hẹn tuần sau" not in scheduled
    assert "Bài F vừa lên trang" in panel(html, "published")
    assert panel(html, "comments").startswith("Bình luận chờ duyệt 2")


def test_the_panels_link_to_the_list_filtered_the_same_way(client, reporter, secretary, category, publication):
    draft_by(reporter, category, title="Bài chờ biên tập", status=S.IN_EDITING)
    draft_by(reporter, category, title="Bài nháp")
    html = desk_of(client, secretary)
    listed = client.get(panel_link(html, "editing")).content.decode()
    assert "Bài chờ biên tập" in listed and "Bài nháp" not in listed

    html = desk_of(client, reporter)
    listed = client.get(panel_link(html, "drafts")).content.decode()
    assert "Bài nháp" in listed and "Bài chờ biên tập" not in listed


def test_the_counts_follow_each_workflow_step(client, reporter, editor, secretary, category, publication):
    article = draft_by(reporter, category, title="Bài đi qua các bước")
    assert panel(desk_of(client, reporter), "drafts").startswith("Bài nháp của tôi 1")
    services.submit(article, by=reporter)
    assert panel(desk_of(client, reporter), "drafts").startswith("Bài nháp của tôi 0")
    assert panel(desk_of(client, editor), "editing").startswith("Chờ biên tập 1")
    services.send_for_approval(article, by=editor)
    assert panel(desk_of(client, editor), "editing").startswith("Chờ biên tập 0")
    assert panel(desk_of(client, secretary), "approval").startswith("Chờ duyệt 1")
    services.publish(article, by=secretary, published_at=timezone.now() + timedelta(hours=1))
    html = desk_of(client, secretary)
    assert panel(html, "approval").startswith("Chờ duyệt 0")
    assert panel(html, "scheduled").startswith("Hẹn giờ trong 24 giờ tới 1")


def test_a_full_panel_says_how_many_more(client, reporter, category):
    for i in range(7):
        draft_by(reporter, category, title=f"Nháp số {i}")
    drafts = panel(desk_of(client, reporter), "drafts")
    assert drafts.startswith("Bài nháp của tôi 7")
    assert "và 2 bài khác" in drafts


def fill_archive(n, reporter, category):
    """``n`` articles in every state, written in one query."""
    now = timezone.now()
    states = [S.DRAFT, S.IN_EDITING, S.IN_APPROVAL, S.RETURNED, S.PUBLISHED, S.PUBLISHED]
    Article.objects.bulk_create(
        Article(
            title=f"Bài số {i}",
            slug=f"bai-so-{i}",
            lead="Sapo.",
            category=category,
            created_by=reporter,
            status=states[i % len(states)],
            published_at=now + timedelta(hours=(i % 48) - 24) if states[i % len(states)] == S.PUBLISHED else None,
        )
        for i in range(n)
    )


# Session, user, his own and his groups' permissions, the admin's "recent
# actions" box, whether he is an author ("Nhuận bút của tôi") (6); a
# reporter's five panels, a secretary's six plus the comments panel: one
# query of rows each, and one count when they fill it.
BUDGET = {"reporter": 6 + 5 * 2, "secretary": 6 + 7 * 2}


@pytest.mark.parametrize("n", [5, 300])
@pytest.mark.parametrize("role", ["reporter", "secretary"])
def test_the_desk_queries_do_not_grow(request, client, category, publication, django_assert_max_num_queries, n, role):
    reporter = request.getfixturevalue("reporter")
    user = request.getfixturevalue(role)
    fill_archive(n, reporter, category)
    CommentFactory.create_batch(3, article=Article.objects.filter(status=S.PUBLISHED).first())
    client.force_login(user)
    client.get(INDEX)  # the publication profile is cached from here on
    with django_assert_max_num_queries(BUDGET[role]):
        response = client.get(INDEX)
    assert response.status_code == 200
    assert Category.objects.count() == 1
