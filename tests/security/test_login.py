"""The admin log-in: throttled per account and per IP, no account oracle,
and ``?next=`` never leaves the site."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem"
LOCKED = "Bạn đã đăng nhập sai quá nhiều lần"


@pytest.fixture
def editor(db):
    return UserFactory(username="bientap", is_staff=True)


def log_in(client, username, password, ip="203.0.113.5", next_url=None):
    url = reverse("admin:login")
    if next_url is not None:
        url += "?" + urlencode({"next": next_url})
    return client.post(
        url,
        {"username": username, "password": password, "next": next_url or "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, editor, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = 5
    for _ in range(5):
        response = log_in(client, "bientap", "sai-mat-khau")
        assert LOCKED not in response.content.decode()
    response = log_in(client, "bientap", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert LOCKED in html
    assert "15 phút" in html
    assert "_auth_user_id" not in client.session


def test_the_account_lock_holds_from_another_address(client, editor, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = 3
    for n in range(3):
        log_in(client, "bientap", "sai", ip=f"198.51.100.{n}")
    assert LOCKED in log_in(client, "BienTap", PASSWORD, ip="198.51.100.77").content.decode()


def test_one_address_trying_many_accounts_is_locked(client, editor, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_IP = 4
    for n in range(4):
        log_in(client, f"khong-co-{n}", "sai", ip="192.0.2.9")
    assert LOCKED in log_in(client, "bientap", PASSWORD, ip="192.0.2.9").content.decode()
    # Another address still logs in to the same account.
    response = log_in(client, "bientap", PASSWORD, ip="192.0.2.10")
    assert response.status_code == 302


def test_a_forged_forwarded_for_does_not_buy_fresh_attempts(client, editor, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_IP = 2
    for n in range(2):
        client.post(
            reverse("admin:login"),
            {"username": f"x{n}", "password": "sai"},
            REMOTE_ADDR="192.0.2.20",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "bientap", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.20",
        HTTP_X_FORWARDED_FOR="10.9.9.99",
    )
    assert LOCKED in response.content.decode()


def test_a_successful_log_in_clears_the_account_count(client, editor, settings):
    settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT = 3
    log_in(client, "bientap", "sai")
    log_in(client, "bientap", "sai")
    assert log_in(client, "bientap", PASSWORD).status_code == 302
    client.logout()
    log_in(client, "bientap", "sai")
    log_in(client, "bientap", "sai")
    assert log_in(client, "bientap", PASSWORD).status_code == 302


def test_unknown_user_and_wrong_password_answer_alike(client, editor):
    unknown = log_in(client, "khong-ton-tai", "sai", ip="192.0.2.30").content.decode()
    wrong = log_in(client, "bientap", "sai", ip="192.0.2.31").content.decode()

    def message(html):
        start = html.index('class="errornote"')
        return html[start : html.index("</p>", start)]

    assert message(unknown) == message(wrong)
    assert "tên đăng nhập" in message(wrong).lower() or "mật khẩu" in message(wrong).lower()


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "\x01//evil.example/",
        "javascript:alert(1)",
        "https://evil.example/admin/",
        "///evil.example",
        "\\\\evil.example",
    ],
)
def test_next_never_redirects_off_the_site(client, editor, target):
    response = log_in(client, "bientap", PASSWORD, next_url=target)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location
    assert "evil" not in location and "javascript" not in location


def test_next_to_a_page_of_this_site_is_followed(client, editor):
    response = log_in(client, "bientap", PASSWORD, next_url="/admin/articles/article/")
    assert response["Location"] == "/admin/articles/article/"


def test_password_validators_refuse_a_weak_password(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678")
    with pytest.raises(ValidationError):
        validate_password("bientap1", user=UserFactory.build(username="bientap1"))
