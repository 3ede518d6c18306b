"""A scheduled article looks scheduled: "Hẹn giờ 04/12/2026 14:30" in the
message, the form, the list and the filter, not "Đã xuất bản", until its
time comes; then it is published with no one touching it."""

import re
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from articles import services

from .conftest import Article, change_url, draft_by, form_data

S = Article.Status
CHANGELIST = "/admin/articles/article/"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def scheduled_article(by, category, hours=5, **kwargs):
    at = (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    article = draft_by(by, category, status=S.IN_APPROVAL, **kwargs)
    return services.publish(article, by=by, published_at=at), timezone.localtime(at)


def test_publishing_with_a_future_time_says_hen_gio_with_the_time(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=14, minute=30, second=0, microsecond=0)
    client.force_login(secretary)
    data = form_data(
        article, _transition="publish", published_at_0=at.strftime("%d/%m/%Y"), published_at_1=at.strftime("%H:%M")
    )
    response = client.post(change_url(article), data, follow=True)
    message = " ".join(str(m) for m in response.context["messages"])
    assert f"Hẹn giờ {at:%d/%m/%Y} 14:30" in message
    assert "Đã xuất bản" not in message
    assert f"Trạng thái hiện tại: Hẹn giờ {at:%d/%m/%Y} 14:30" in text_of(response)


def test_the_list_says_hen_gio_and_filters_by_it(client, secretary, category, publication):
    scheduled, at = scheduled_article(secretary, category, title="Bài hẹn giờ sáng mai")
    draft_by(secretary, category, status=S.PUBLISHED, published_at=timezone.now(), title="Bài đã lên trang")
    client.force_login(secretary)
    everything = text_of(client.get(CHANGELIST))
    assert f"Bài hẹn giờ sáng mai Thời sự Hẹn giờ {at:%d/%m/%Y %H:%M}" in everything
    assert "Bài đã lên trang Thời sự Đã xuất bản" in everything

    only_scheduled = text_of(client.get(CHANGELIST, {"status__exact": "scheduled"}))
    assert "Bài hẹn giờ sáng mai" in only_scheduled and "Bài đã lên trang" not in only_scheduled
    only_live = text_of(client.get(CHANGELIST, {"status__exact": "published"}))
    assert "Bài đã lên trang" in only_live and "Bài hẹn giờ sáng mai" not in only_live


def test_the_filter_offers_hen_gio_next_to_da_xuat_ban(client, secretary, publication):
    client.force_login(secretary)
    html = client.get(CHANGELIST).content.decode()
    assert re.search(r"Đã xuất bản</a></li>\s*<li>\s*<a href=\"\?status__exact=scheduled\">Hẹn giờ</a>", html), html


def test_a_bad_state_in_the_address_is_not_a_500(client, secretary, publication):
    client.force_login(secretary)
    response = client.get(CHANGELIST, {"status__exact": "khong-co"})
    assert response.status_code == 302  # the admin's own answer to a bad filter: the list, marked ?e=1
    assert response["Location"].endswith("?e=1")


def test_when_the_time_comes_it_is_published_by_itself(client, secretary, category, publication):
    article, at = scheduled_article(secretary, category, hours=1)
    assert article.state_display() == f"Hẹn giờ {at:%d/%m/%Y %H:%M}"
    assert list(Article.objects.scheduled()) == [article]
    assert not Article.objects.published().exists()
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert article.state_display() == "Đã xuất bản"
        assert not Article.objects.scheduled().exists()
        assert list(Article.objects.published()) == [article]
        assert client.get(article.get_absolute_url()).status_code == 200
