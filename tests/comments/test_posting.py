"""A reader posts a comment: the form, the confirmation, and each defence
against the hostile input it exists for."""

import re
import time
import unicodedata

import pytest
from django.test import Client

from comments.forms import started_token
from comments.models import BlockedWord, Comment
from tests.conftest import BROWSER_UA
from tests.factories import ArticleFactory, CommentFactory

from .conftest import comment_data, post_url

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
BREAKOUT = '"><img src=x onerror=alert(1)> " onmouseover="alert(2)'


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def test_article_page_has_the_form_and_the_notice(client, article):
    html = page(client, article)
    assert 'id="binh-luan"' in html
    assert ">Bình luận</h2>" in html
    for label in ('for="id_name">Họ tên', 'for="id_email">Email', 'for="id_body">Nội dung', "Gửi bình luận"):
        assert label in html
    assert "Bình luận của bạn sẽ được tòa soạn đọc trước khi đăng" in html
    assert "csrfmiddlewaretoken" not in html  # checked by origin: the page sets no CSRF cookie


def test_a_comment_is_stored_pending_and_the_reader_is_thanked(client, article):
    response = client.post(post_url(article), comment_data(article), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url() + "#binh-luan"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip == "203.0.113.9"
    html = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã gửi bình luận. Bình luận sẽ hiện sau khi được tòa soạn duyệt." in html
    assert "Mùa hoa ban năm nay đẹp quá" not in html  # not before it is approved


def test_only_approved_comments_are_shown_with_their_count_where_the_theme_shows_it(client, article, publication):
    CommentFactory(article=article, approved=True, body="Đã duyệt một")
    CommentFactory(article=article, approved=True, body="Đã duyệt hai")
    CommentFactory(article=article, body="Đang chờ")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Thư rác")
    CommentFactory(article=article, status=Comment.Status.REJECTED, body="Bị từ chối")
    html = page(client, article)
    assert "Đã duyệt một" in html and "Đã duyệt hai" in html
    assert "Đang chờ" not in html and "Thư rác" not in html and "Bị từ chối" not in html
    assert "bandoc" not in html  # readers’ e-mails (bandocN@example.vn) are never shown
    publication.theme = "backan"
    publication.save()
    assert ">Bình luận (2)</h2>" in page(client, article)


@pytest.mark.parametrize("payload", [SCRIPT, BREAKOUT])
def test_script_and_attribute_breakout_payloads_are_shown_as_text(client, article, payload):
    client.post(post_url(article), comment_data(article, name=payload[:80], body=f"Xin chào {payload}"))
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()
    html = page(client, article)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'onmouseover="alert' not in html
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html or "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_javascript_link_never_becomes_a_link(client, article):
    body = "Xem thêm: javascript:alert(document.cookie) và http://example.com"
    client.post(post_url(article), comment_data(article, body=body))
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = page(client, article)
    assert "javascript:alert(document.cookie)" in html  # as text
    assert 'href="javascript:' not in html
    assert 'href="http://example.com' not in html


def test_a_nul_byte_is_refused_with_a_vietnamese_message(client, article):
    response = client.post(post_url(article), comment_data(article, body="Xin chào\x00bạn"))
    assert response.status_code == 400
    assert "Không được chứa ký tự rỗng (null)." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_10000_character_body_is_refused_and_the_text_kept(client, article):
    body = "Ý kiến rất dài " + "a" * 9985
    assert len(body) == 10_000
    response = client.post(post_url(article), comment_data(article, body=body))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nội dung dài tối đa 2000 ký tự (bạn đã viết 10000)." in html
    assert body in html  # the reader's text is still in the form
    assert "Lò Văn Thắng" in html
    assert not Comment.objects.exists()


def test_an_over_long_name_is_refused_clearly(client, article):
    response = client.post(post_url(article), comment_data(article, name="Đ" * 81))
    assert response.status_code == 400
    assert "Họ tên dài tối đa 80 ký tự" in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/bai-viet.html"},
        {},  # neither header: a very old browser, or a script
    ],
)
def test_a_post_from_another_site_is_refused(article, headers):
    response = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA).post(
        post_url(article), comment_data(article), **headers
    )
    assert response.status_code == 403
    assert "Biểu mẫu này chỉ gửi được từ trang của báo" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_post_from_this_site_needs_no_csrf_token(article):
    page = "http://testserver" + article.get_absolute_url()
    strict = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA, HTTP_REFERER=page)
    assert strict.post(post_url(article), comment_data(article)).status_code == 302
    assert Comment.objects.count() == 1


def test_a_filled_honeypot_is_refused(client, article):
    response = client.post(post_url(article), comment_data(article, website="http://spam.example"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_form_sent_too_fast_is_refused_and_kept(client, article):
    data = comment_data(article, started=started_token(article.pk, time.time()))
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bạn gửi nhanh quá" in html
    assert "Mùa hoa ban năm nay đẹp quá" in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize("started", ["", "garbage", "eyJhIjoxfQ:forged:sig"])
def test_a_missing_or_forged_start_time_is_refused(client, article, started):
    response = client.post(post_url(article), comment_data(article, started=started))
    assert response.status_code == 400
    assert "Mời bạn tải lại trang" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_start_time_from_another_article_is_refused(client, article):
    other = ArticleFactory()
    data = comment_data(article, started=comment_data(other)["started"])
    assert client.post(post_url(article), data).status_code == 400


def test_text_is_stored_in_nfc(client, article):
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    body = unicodedata.normalize("NFD", "Điện Biên mùa hoa ban trắng")
    client.post(post_url(article), comment_data(article, name=name, body=body))
    comment = Comment.objects.get()
    assert comment.name == "Nguyễn Thị Hường"
    assert comment.body == "Điện Biên mùa hoa ban trắng"


def test_invisible_and_bidi_characters_are_removed_from_names(client, article):
    name = "Lò\u200b Văn\u202e gnahT\u202c\u2066\ufeff"
    client.post(post_url(article), comment_data(article, name=name))
    assert Comment.objects.get().name == "Lò Văn gnahT"


def test_a_name_of_only_invisible_characters_is_refused(client, article):
    response = client.post(post_url(article), comment_data(article, name="\u200b\u202e\u200d"))
    assert response.status_code == 400
    assert "Mời bạn nhập họ tên." in response.content.decode()


@pytest.mark.parametrize("body", ["Vào đây CÁ ĐỘ bóng đá nhé", "vao day ca do bong da", "Cá  độ!!! tại đây"])
def test_a_blocked_word_sends_the_comment_to_spam_whatever_the_accents(client, article, body):
    BlockedWord.objects.create(word="cá độ")
    response = client.post(post_url(article), comment_data(article, body=body))
    assert response.status_code == 302  # the robot learns nothing
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "cá độ" in comment.flag


def test_a_blocked_word_matches_whole_words_only(client, article):
    BlockedWord.objects.create(word="cá độ")
    client.post(post_url(article), comment_data(article, body="Cá độc ở suối cần tránh."))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_comment_with_several_links_is_held_and_flagged(client, article):
    body = "Xem http://a.example https://b.example www.c.example"
    client.post(post_url(article), comment_data(article, body=body))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.flag == "Nhiều liên kết (3)"


def test_a_double_submit_is_stored_once(client, article):
    data = comment_data(article)
    first = client.post(post_url(article), data)
    second = client.post(post_url(article), data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_the_rate_limit_answers_429_in_vietnamese(client, article, settings):
    settings.NEWSROOM_COMMENT_RATE = 3
    for n in range(3):
        response = client.post(post_url(article), comment_data(article, body=f"Ý kiến {n}"), REMOTE_ADDR="198.51.100.4")
        assert response.status_code == 302
    response = client.post(post_url(article), comment_data(article, body="Ý kiến 4"), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều bình luận trong thời gian ngắn" in response.content.decode()
    assert Comment.objects.count() == 3
    # Another reader is not affected.
    other = client.post(post_url(article), comment_data(article, body="Ý kiến 5"), REMOTE_ADDR="198.51.100.5")
    assert other.status_code == 302


def test_a_forged_forwarded_header_does_not_bypass_the_rate_limit(client, article, settings):
    settings.NEWSROOM_COMMENT_RATE = 2
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.1"]
    codes = [
        client.post(
            post_url(article),
            comment_data(article, body=f"Ý kiến {n}"),
            REMOTE_ADDR="198.51.100.4",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 429, 429]
    assert set(Comment.objects.values_list("ip", flat=True)) == {"198.51.100.4"}


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(client, article, settings):
    settings.NEWSROOM_COMMENT_RATE = 1
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.1"]
    for n in range(3):
        response = client.post(
            post_url(article),
            comment_data(article, body=f"Ý kiến {n}"),
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
        assert response.status_code == 302
    assert set(Comment.objects.values_list("ip", flat=True)) == {"192.0.2.0", "192.0.2.1", "192.0.2.2"}


def test_closed_article_keeps_approved_comments_and_refuses_new_ones(client, article):
    CommentFactory(article=article, approved=True, body="Ý kiến đã duyệt từ trước")
    article.allow_comments = False
    article.save()
    html = page(client, article)
    assert "Ý kiến đã duyệt từ trước" in html
    assert "Gửi bình luận" not in html
    assert "Bài viết này đã đóng bình luận." in html
    response = client.post(post_url(article), comment_data(article))
    assert response.status_code == 403
    assert "Bình luận đã đóng" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_site_wide_switch_closes_every_article(client, article, publication):
    CommentFactory(article=article, approved=True, body="Ý kiến đã duyệt từ trước")
    publication.comments_enabled = False
    publication.save()
    html = page(client, article)
    assert "Ý kiến đã duyệt từ trước" in html
    assert "Gửi bình luận" not in html
    assert client.post(post_url(article), comment_data(article)).status_code == 403


def test_no_comments_on_a_draft_or_a_missing_article(client, publication):
    draft = ArticleFactory(draft=True)
    assert client.post(post_url(draft), comment_data(draft)).status_code == 404
    assert client.post("/binh-luan/999999/", comment_data(draft)).status_code == 404
    assert not Comment.objects.exists()


def test_get_on_the_post_address_is_405(client, article):
    assert client.get(post_url(article)).status_code == 405


@pytest.mark.parametrize("personal", [False, True], ids=["page cache", "page built for the reader"])
def test_each_article_form_carries_its_own_start_time(client, publication, personal):
    """The empty form's fields are rendered once for every article; the
    hidden start time is still the article's own."""
    import re

    from django.core import signing

    from comments.forms import SALT

    if personal:
        client.cookies["poll-1"] = "1"  # a ballot: no page cache for this reader
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, second, first):
        html = page(client, article)
        token = re.search(r'name="started" value="([^"]+)"', html).group(1)
        assert signing.loads(token, salt=SALT)["a"] == article.pk
        assert f'action="/binh-luan/{article.pk}/"' in html
        assert 'name="name"' in html and 'name="body"' in html and 'class="hp"' in html


@pytest.mark.parametrize(
    ("change", "focused"),
    [
        ({"name": ""}, "name"),
        ({"email": "khong-phai-email"}, "email"),
        ({"body": ""}, "body"),
    ],
)
def test_a_form_sent_back_puts_the_reader_on_the_first_field_to_fix(client, article, change, focused):
    response = client.post(post_url(article), comment_data(article, **change))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("autofocus") == 1
    assert re.search(rf'<(input|textarea)[^>]*name="{focused}"[^>]*autofocus', html)


def test_a_form_sent_too_fast_puts_the_reader_on_the_text_box(client, article):
    response = client.post(post_url(article), comment_data(article, started=started_token(article.pk)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bạn gửi nhanh quá" in html
    assert re.search(r'<textarea[^>]*name="body"[^>]*autofocus', html)


def test_an_unsent_form_takes_no_focus(client, article):
    assert "autofocus" not in page(client, article)
