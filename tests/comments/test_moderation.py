"""Moderators work through the queue: services, the admin list, bulk actions,
editing before approval, the newsroom's reply, and who may do it."""

import re

import pytest
from django.contrib.auth.models import Group

from articles import roles
from comments import services
from comments.models import BlockedWord, Comment
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/comments/comment/"


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def moderator(publication):
    return member_of(roles.EDITOR, "bientap")


def test_services_record_who_decided_and_when(moderator):
    comment = CommentFactory()
    services.approve(comment, by=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    services.reject(comment, by=moderator)
    assert Comment.objects.get().status == Comment.Status.REJECTED
    services.mark_spam(comment, by=moderator)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_the_newsroom_reply_shows_under_the_comment_escaped(client, moderator):
    comment = CommentFactory(approved=True, body="Đường lên bản khi nào làm xong?")
    services.reply(comment, "Dự kiến <b>tháng 12</b>, thưa bạn.", by=moderator)
    comment.refresh_from_db()
    assert comment.replied_by == moderator and comment.replied_at is not None
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Tòa soạn trả lời" in html
    assert "Dự kiến &lt;b&gt;tháng 12&lt;/b&gt;, thưa bạn." in html
    assert html.index("Đường lên bản") < html.index("Tòa soạn trả lời")


def test_an_empty_reply_removes_it(moderator):
    comment = CommentFactory(approved=True, reply="Cũ")
    services.reply(comment, "  ", by=moderator)
    comment.refresh_from_db()
    assert comment.reply == "" and comment.replied_at is None


def test_the_queue_shows_pending_newest_first_with_article_name_time_ip_and_count(client, moderator):
    old = CommentFactory(name="Người gửi trước", ip="203.0.113.1")
    new = CommentFactory(name="Người gửi sau", ip="203.0.113.2")
    CommentFactory(name="Đã duyệt rồi", approved=True)
    client.force_login(moderator)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 bình luận chờ duyệt" in html
    assert "Đã duyệt rồi" not in html
    assert html.index("Người gửi sau") < html.index("Người gửi trước")
    assert "203.0.113.2" in html and new.article.title in html and old.article.title in html
    assert "Tất cả" in html
    assert "Đã duyệt rồi" in client.get(LIST_URL + "?status=all").content.decode()


def test_bulk_approve_reject_and_spam(client, moderator):
    comments = CommentFactory.create_batch(3)
    client.force_login(moderator)
    for action, status in [
        ("approve_selected", Comment.Status.APPROVED),
        ("reject_selected", Comment.Status.REJECTED),
        ("spam_selected", Comment.Status.SPAM),
    ]:
        response = client.post(
            LIST_URL + "?status=all",
            {"action": action, "_selected_action": [c.pk for c in comments]},
        )
        assert response.status_code == 302
        assert set(Comment.objects.values_list("status", flat=True)) == {status}
        assert set(Comment.objects.values_list("moderated_by", flat=True)) == {moderator.pk}


def test_edit_before_approving(client, moderator):
    comment = CommentFactory(name="Bạn đọc", body="Bài hay, sđt tôi 0912345678")
    client.force_login(moderator)
    url = f"{LIST_URL}{comment.pk}/change/"
    html = client.get(url).content.decode()
    assert 'name="_approve"' in html and 'name="_spam"' in html and 'name="_reject"' in html
    response = client.post(
        url,
        {"name": "Bạn đọc", "email": comment.email, "body": "Bài hay.", "reply": "Cảm ơn bạn.", "_approve": "1"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Bài hay."
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.reply == "Cảm ơn bạn." and comment.replied_by == moderator


def test_comment_fields_are_escaped_in_the_admin(client, moderator):
    CommentFactory(name="<script>alert(1)</script>", body='"><img src=x onerror=alert(2)>')
    client.force_login(moderator)
    html = client.get(LIST_URL).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reporters_do_not_moderate(client, publication):
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    assert client.get(LIST_URL).status_code == 403


@pytest.mark.parametrize("role", [roles.EDITOR, roles.SECRETARY, roles.EDITOR_IN_CHIEF])
def test_editors_secretaries_and_editor_in_chief_moderate(client, publication, role):
    client.force_login(member_of(role, "nguoiduyet"))
    assert client.get(LIST_URL).status_code == 200


def test_secretary_edits_the_blocklist_editor_only_reads_it(client, publication):
    client.force_login(member_of(roles.SECRETARY, "thuky"))
    response = client.post("/admin/comments/blockedword/add/", {"word": "cá độ"})
    assert response.status_code == 302
    assert BlockedWord.objects.get().word == "cá độ"
    client.force_login(member_of(roles.EDITOR, "bientap"))
    assert client.get("/admin/comments/blockedword/").status_code == 200
    assert client.get("/admin/comments/blockedword/add/").status_code == 403


def test_nobody_adds_a_comment_in_the_admin(client, moderator):
    client.force_login(moderator)
    assert client.get(LIST_URL + "add/").status_code == 403


def test_the_admin_index_shows_the_pending_count_to_moderators_only(client, moderator):
    CommentFactory.create_batch(3)
    CommentFactory(approved=True)
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert re.search(r'Bình luận chờ duyệt</a> <span class="desk-count">3</span>', html)
    client.force_login(member_of(roles.REPORTER, "phongvien"))
    assert "Bình luận chờ duyệt" not in client.get("/admin/").content.decode()
