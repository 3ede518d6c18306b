"""Voting rules: one vote per browser, closed polls show results only, counts
and percentages, atomic counting under concurrency (SQLite and PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import IntegrityError, connections, transaction
from django.test import Client
from django.utils import timezone

from polls import services
from polls.models import Option, Poll
from tests.conftest import BROWSER_UA
from tests.polls.conftest import make_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A reader's browser: it says where the form came from (guard/origin.py)."""
    return Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver")


def votes(poll):
    return [o.votes for o in poll.options.order_by("position")]


def test_a_vote_is_counted_and_the_results_shown(client, poll):
    first = poll.options.get(text="Tốt")
    response = client.post(poll.get_vote_url(), {"option": first.pk}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cảm ơn bạn đã biểu quyết." in html
    assert "1 phiếu (100%)" in html
    assert "Tổng cộng: 1 phiếu" in html
    assert votes(poll) == [1, 0, 0]


def test_a_second_vote_from_the_same_browser_is_refused_with_a_message(client, poll):
    first, second = poll.options.order_by("position")[:2]
    client.post(poll.get_vote_url(), {"option": first.pk})
    response = client.post(poll.get_vote_url(), {"option": second.pk}, follow=True)
    assert "Bạn đã biểu quyết trong cuộc thăm dò này rồi." in response.content.decode()
    assert votes(poll) == [1, 0, 0]
    # …and the form is not offered again.
    assert 'name="option"' not in client.get(poll.get_absolute_url()).content.decode()


def test_another_browser_may_vote(client, poll):
    first = poll.options.get(text="Tốt")
    client.post(poll.get_vote_url(), {"option": first.pk})
    Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver").post(poll.get_vote_url(), {"option": first.pk})
    assert votes(poll) == [2, 0, 0]


def test_a_forged_cookie_is_not_believed_nor_an_error(client, poll):
    client.cookies[f"poll-{poll.pk}"] = "1"  # unsigned
    first = poll.options.get(text="Tốt")
    assert client.post(poll.get_vote_url(), {"option": first.pk}).status_code == 302
    assert votes(poll) == [1, 0, 0]


def test_percentages(client, poll):
    a, b, c = poll.options.order_by("position")
    Option.objects.filter(pk=a.pk).update(votes=2)
    Option.objects.filter(pk=b.pk).update(votes=1)
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "2 phiếu (67%)" in html
    assert "1 phiếu (33%)" in html
    assert "0 phiếu (0%)" in html
    assert "Tổng cộng: 3 phiếu" in html


@pytest.mark.parametrize("option", ["", "abc", "-1", "1" * 40, "٣"])
def test_a_missing_or_bad_choice_is_a_400_with_a_message(client, poll, option):
    response = client.post(poll.get_vote_url(), {"option": option})
    assert response.status_code == 400
    assert "Bạn hãy chọn một phương án" in response.content.decode()
    assert votes(poll) == [0, 0, 0]


def test_an_option_of_another_poll_is_refused(client, poll):
    other = make_poll(question="Câu hỏi khác", in_sidebar=False)
    response = client.post(poll.get_vote_url(), {"option": other.options.first().pk})
    assert response.status_code == 400
    assert other.options.first().votes == 0 and votes(poll) == [0, 0, 0]


def test_a_closed_poll_shows_results_only_and_refuses_votes(client, publication):
    poll = make_poll(closes_at=timezone.now() - timedelta(minutes=1), opens_at=timezone.now() - timedelta(days=3))
    page = client.get(poll.get_absolute_url()).content.decode()
    assert 'name="option"' not in page
    assert "Cuộc thăm dò đã kết thúc." in page
    response = client.post(poll.get_vote_url(), {"option": poll.options.first().pk})
    assert response.status_code == 403
    assert votes(poll) == [0, 0, 0]


def test_a_poll_not_yet_open_is_not_found(client, publication):
    poll = make_poll(opens_at=timezone.now() + timedelta(hours=1))
    assert client.get(poll.get_absolute_url()).status_code == 404
    assert client.post(poll.get_vote_url(), {"option": poll.options.first().pk}).status_code == 404
    assert votes(poll) == [0, 0, 0]


def test_voting_needs_post(client, poll):
    assert client.get(poll.get_vote_url()).status_code == 405


def test_one_poll_in_the_sidebar_is_a_database_rule(poll):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_poll(question="Cuộc thứ hai", in_sidebar=True)


def test_save_poll_moves_the_sidebar(poll):
    other = Poll(question="Cuộc mới", opens_at=timezone.now(), in_sidebar=True)
    services.save_poll(other)
    poll.refresh_from_db()
    assert not poll.in_sidebar and other.in_sidebar


def test_close_before_open_is_refused_by_the_database(publication):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.create(question="Sai ngày", opens_at=now, closes_at=now - timedelta(days=1))


def vote_once(url, option_id, address="127.0.0.1"):
    try:
        return (
            Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver")
            .post(url, {"option": option_id}, REMOTE_ADDR=address)
            .status_code
        )
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_100_concurrent_votes_count_exactly_100(publication):
    """16 threads, each its own browser, address and database connection."""
    poll = make_poll()
    a, b, _ = poll.options.order_by("position")
    url = poll.get_vote_url()
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda i: vote_once(url, a.pk if i % 3 else b.pk, f"198.51.100.{i}"), range(100)))
    assert statuses == [302] * 100
    assert sum(votes(poll)) == 100
    assert votes(poll) == [66, 34, 0]


def test_a_vote_from_another_site_is_refused(poll):
    first = poll.options.get(text="Tốt")
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/x"}, {}):
        response = Client(HTTP_USER_AGENT=BROWSER_UA, **headers).post(poll.get_vote_url(), {"option": first.pk})
        assert response.status_code == 403
        assert "chỉ gửi được từ trang của báo" in response.content.decode()
    assert votes(poll) == [0, 0, 0]


def test_a_vote_from_this_site_needs_no_csrf_token(poll):
    first = poll.options.get(text="Tốt")
    browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=BROWSER_UA, HTTP_REFERER="http://testserver/")
    assert browser.post(poll.get_vote_url(), {"option": first.pk}).status_code == 302
    assert votes(poll) == [1, 0, 0]


def test_cookie_less_votes_from_one_address_stop_at_the_limit(poll, settings):
    """A script that never keeps the ballot cookie (sqlmap added 2,948 votes)."""
    settings.NEWSROOM_POLL_VOTES_PER_IP = 3
    first = poll.options.get(text="Tốt")
    statuses = [
        Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver")
        .post(poll.get_vote_url(), {"option": first.pk}, REMOTE_ADDR="198.51.100.8")
        .status_code
        for _ in range(20)
    ]
    assert statuses == [302] * 3 + [429] * 17
    assert votes(poll) == [3, 0, 0]
    refused = Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver").post(
        poll.get_vote_url(), {"option": first.pk}, REMOTE_ADDR="198.51.100.8"
    )
    assert "quá nhiều phiếu từ địa chỉ mạng của bạn" in refused.content.decode()


def test_another_address_still_votes_when_one_is_at_its_limit(poll, settings):
    settings.NEWSROOM_POLL_VOTES_PER_IP = 1
    first = poll.options.get(text="Tốt")
    for address in ["198.51.100.8", "198.51.100.8", "203.0.113.9"]:
        Client(HTTP_USER_AGENT=BROWSER_UA, HTTP_ORIGIN="http://testserver").post(
            poll.get_vote_url(), {"option": first.pk}, REMOTE_ADDR=address
        )
    assert votes(poll) == [2, 0, 0]
