"""Admin log-in with a throttle per account and per IP address.

After ``NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT`` wrong attempts on one user name
(from anywhere), or ``NEWSROOM_LOGIN_FAILURES_PER_IP`` from one address (on
any user names), further attempts are refused for
``NEWSROOM_LOGIN_LOCKOUT_SECONDS`` — even with the right password — with a
Vietnamese message. A successful log-in clears the account's count. Unknown
user names and wrong passwords count and answer alike, so the form does not
tell an attacker which accounts exist. The counters live in the cache
(newsroom.ratelimit); the IP comes from newsroom.http.client_ip, so a forged
X-Forwarded-For does not buy fresh attempts.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .http import client_ip


def _keys(request, username):
    account = unicodedata.normalize("NFKC", username or "").casefold().strip()
    digest = hashlib.sha256(account.encode()).hexdigest()[:32]
    return f"login:account:{digest}", f"login:ip:{client_ip(request)}"


def is_locked(request, username):
    account_key, ip_key = _keys(request, username)
    return (
        ratelimit.count(account_key) >= settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT
        or ratelimit.count(ip_key) >= settings.NEWSROOM_LOGIN_FAILURES_PER_IP
    )


def record_failure(request, username):
    window = settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS
    for key in _keys(request, username):
        ratelimit.hit(key, window)


def record_success(request, username):
    account_key, _ip_key = _keys(request, username)
    ratelimit.reset(account_key)


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _(
            "Bạn đã đăng nhập sai quá nhiều lần. Vì an toàn, việc đăng nhập tạm khóa trong %(minutes)s phút; "
            "mời bạn thử lại sau hoặc liên hệ quản trị viên."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if is_locked(self.request, username):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(self.request, username)
            raise
        record_success(self.request, username)
        return cleaned
