"""Dates and times typed the Vietnamese way: dd/mm/yyyy and HH:MM (24 h), in
the newsroom's time zone, in every admin form; bad ones get a Vietnamese
error on the form, never a 500 and never a silent publish."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from polls.models import Poll

from .conftest import Article, change_url, draft_by, form_data

S = Article.Status


def future(days=30, hour=14, minute=30):
    """A local moment ``days`` ahead at hh:mm, and how an editor types it."""
    local = timezone.localtime(timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )
    return local, {"published_at_0": local.strftime("%d/%m/%Y"), "published_at_1": local.strftime("%H:%M")}


def errors_of(response):
    lists = re.findall(r'<ul class="errorlist.*?</ul>', response.content.decode(), re.S)
    return [unescape(re.sub(r"<[^>]+>", " ", e)).strip() for e in lists]


def test_a_date_typed_day_first_is_read_day_first(client, secretary, reporter, category, publication):
    """ "04/12" is the 4th of December (a day above 12 must not be refused,
    and a day below 13 must not be read as a month)."""
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    local, typed = future(days=400)
    local = local.replace(day=4, month=12)
    typed = {"published_at_0": local.strftime("%d/%m/%Y"), "published_at_1": "14:30"}
    assert typed["published_at_0"].startswith("04/12/")
    client.force_login(secretary)
    response = client.post(change_url(article), form_data(article, _transition="publish", **typed))
    assert response.status_code == 302, errors_of(response)
    article.refresh_from_db()
    stored = timezone.localtime(article.published_at)
    assert (stored.day, stored.month, stored.hour, stored.minute) == (4, 12, 14, 30)


def test_a_day_above_twelve_is_accepted(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    local, _typed = future(days=400)
    local = local.replace(day=25, month=12)
    client.force_login(secretary)
    data = form_data(article, published_at_0=local.strftime("%d/%m/%Y"), published_at_1="08:05")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    stored = timezone.localtime(article.published_at)
    assert (stored.day, stored.month, stored.hour, stored.minute) == (25, 12, 8, 5)


def test_iso_dates_and_14h30_are_accepted_too(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    local, _typed = future()
    client.force_login(secretary)
    data = form_data(article, published_at_0=local.strftime("%Y-%m-%d"), published_at_1="14h30")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.published_at) == local


def test_the_form_shows_the_time_back_day_first_and_names_the_time_zone(
    client, secretary, reporter, category, publication
):
    local, _typed = future()
    article = draft_by(reporter, category, published_at=local)
    client.force_login(secretary)
    html = client.get(change_url(article)).content.decode()
    assert f'name="published_at_0" value="{local:%d/%m/%Y}"' in html
    assert 'name="published_at_1" value="14:30"' in html
    assert "giờ Việt Nam, GMT+7" in html
    assert "ví dụ 04/12/2026" in html


@pytest.mark.parametrize(
    ("date", "time", "message"),
    [
        ("31/02/2026", "10:00", "Ngày không đúng"),
        ("2026-13-01", "10:00", "Ngày không đúng"),
        ("04/12/2026", "99:99", "Giờ không đúng"),
        ("04/12/2026", "", "Hãy gõ cả giờ"),
        ("", "14:30", "Hãy gõ cả ngày"),
    ],
)
def test_a_date_that_cannot_be_read_is_a_vietnamese_error_and_nothing_is_lost(
    client, secretary, reporter, category, publication, date, time, message
):
    article = draft_by(reporter, category, status=S.IN_APPROVAL, lead="Sapo cũ.")
    client.force_login(secretary)
    data = form_data(
        article, _transition="publish", published_at_0=date, published_at_1=time, lead="Sapo mới của thư ký."
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response)), errors_of(response)
    html = response.content.decode()
    assert "Sapo mới của thư ký." in html  # what the editor typed stays in the form
    article.refresh_from_db()
    assert article.status == S.IN_APPROVAL and article.published_at is None and article.lead == "Sapo cũ."


def test_a_schedule_far_in_the_past_is_refused_not_published(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.IN_APPROVAL)
    past = timezone.localtime(timezone.now() - timedelta(days=365))
    client.force_login(secretary)
    data = form_data(
        article, _transition="publish", published_at_0=past.strftime("%d/%m/%Y"), published_at_1=past.strftime("%H:%M")
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert any("đã qua" in e and "tương lai" in e for e in errors_of(response)), errors_of(response)
    article.refresh_from_db()
    assert article.status == S.IN_APPROVAL
    assert not Article.objects.published().exists()


def test_moving_a_scheduled_article_into_the_past_is_refused(client, secretary, reporter, category, publication):
    at, _typed = future()
    article = draft_by(reporter, category, status=S.PUBLISHED, published_at=at)
    past = timezone.localtime(timezone.now() - timedelta(days=2))
    client.force_login(secretary)
    data = form_data(article, published_at_0=past.strftime("%d/%m/%Y"), published_at_1=past.strftime("%H:%M"))
    assert client.post(change_url(article), data).status_code == 200
    assert not Article.objects.published().exists()


def test_correcting_the_time_of_a_live_article_is_allowed(client, secretary, reporter, category, publication):
    article = draft_by(reporter, category, status=S.PUBLISHED, published_at=timezone.now() - timedelta(hours=1))
    earlier = timezone.localtime(timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
    client.force_login(secretary)
    data = form_data(article, published_at_0=earlier.strftime("%d/%m/%Y"), published_at_1=earlier.strftime("%H:%M"))
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at == earlier


def test_the_admin_list_shows_times_day_first(client, secretary, reporter, category, publication):
    at, _typed = future()
    draft_by(reporter, category, status=S.PUBLISHED, published_at=at)
    client.force_login(secretary)
    html = client.get("/admin/articles/article/").content.decode()
    assert f"{at:%d/%m/%Y} 14:30" in html


def test_the_calendar_and_clock_write_what_the_form_reads(client, secretary):
    """The admin's widgets fill the boxes with the first input format of the
    JavaScript catalog's formats."""
    client.force_login(secretary)
    text = client.get("/admin/jsi18n/").content.decode()
    formats = json.loads(re.search(r"django\.formats = (\{.*?\});\n", text, re.S).group(1))
    assert formats["DATE_INPUT_FORMATS"][0] == "%d/%m/%Y"
    assert formats["TIME_INPUT_FORMATS"][0] == "%H:%M"
    assert formats["FIRST_DAY_OF_WEEK"] == 1


def test_poll_dates_are_typed_day_first(client, db, publication):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/polls/poll/add/",
        {
            "question": "Bạn đọc báo vào lúc nào?",
            "opens_at_0": "25/11/2026",
            "opens_at_1": "07:00",
            "closes_at_0": "31/12/2026",
            "closes_at_1": "23:59",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "2",
            "options-MAX_NUM_FORMS": "10",
            "options-0-text": "Buổi sáng",
            "options-0-position": "1",
            "options-1-text": "Buổi tối",
            "options-1-position": "2",
        },
    )
    assert response.status_code == 302, errors_of(response)
    poll = Poll.objects.get()
    opens, closes = timezone.localtime(poll.opens_at), timezone.localtime(poll.closes_at)
    assert (opens.day, opens.month, opens.hour) == (25, 11, 7)
    assert (closes.day, closes.month, closes.hour, closes.minute) == (31, 12, 23, 59)
