import pytest
from django.test import RequestFactory

from guard.http import client_ip

rf = RequestFactory()


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    settings.NEWSROOM_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.2", "198.51.100.9", "198.51.100.9"),  # one proxy
        ("10.0.0.2", "1.2.3.4, 198.51.100.9", "198.51.100.9"),  # client forged the left part
        ("10.0.0.2", "198.51.100.9, 10.0.0.5", "198.51.100.9"),  # two of our proxies
        ("10.0.0.2", "not-an-ip, 198.51.100.9", "198.51.100.9"),
        ("10.0.0.2", "198.51.100.9, garbage", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("203.0.113.7", "198.51.100.9", "203.0.113.7"),  # not from our proxy
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right(settings, remote, forwarded, expected):
    settings.NEWSROOM_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(remote, forwarded)) == expected
