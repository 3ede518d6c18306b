"""Admin log-in with a throttle that slows guessing down without letting a
stranger lock an editor out.

Three counts, each in a window of ``NEWSROOM_LOGIN_LOCKOUT_SECONDS``:

- one account from one address: ``NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT`` (5)
  attempts are free;
- one account from all addresses together:
  ``NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT_ALL`` (50), for guessing spread over
  many machines;
- one address on any accounts: ``NEWSROOM_LOGIN_FAILURES_PER_IP`` (100): a
  newsroom of thirty behind one NAT address mistyping now and then stays
  well under it.

Past a count's free attempts, each further attempt must wait for a delay
that doubles every time (``NEWSROOM_LOGIN_DELAY_SECONDS``, 2 s, then 4, 8…,
at most ``NEWSROOM_LOGIN_LOCKOUT_SECONDS``); an attempt inside the delay is
refused without the password being checked. So a stranger who knows a user
name slows down only their own address's attempts on it (the editor logging
in from the newsroom is not affected), and guessing from many addresses is
slowed, never stopped for good: nobody can lock an account. A successful
log-in clears the account's counts.

Atomic: attempts are numbered by one atomic increment, and a delayed
attempt passes only by an atomic add of the count's gate, so thirty
concurrent attempts check at most as many passwords as the counts allow.
Unknown user names and wrong passwords count and answer alike. The counts
live in the cache (guard.ratelimit, each worker's own memory while Redis
is down); the IP comes from guard.http.client_ip, so a forged
X-Forwarded-For does not buy fresh attempts. docs/security.md has the why.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .http import client_ip


def _account(username):
    account = unicodedata.normalize("NFKC", username or "").casefold().strip()
    return hashlib.sha256(account.encode()).hexdigest()[:32]


def _counts(request, username):
    """(key, free attempts) of each count this attempt falls under."""
    account, ip = _account(username), client_ip(request)
    return [
        (f"login:pair:{account}:{ip}", settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT),
        (f"login:account:{account}", settings.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT_ALL),
        (f"login:ip:{ip}", settings.NEWSROOM_LOGIN_FAILURES_PER_IP),
    ]


def delay(delayed_attempt):
    """Seconds the gate stays closed after the ``delayed_attempt``-th closing."""
    seconds = settings.NEWSROOM_LOGIN_DELAY_SECONDS * 2 ** min(delayed_attempt - 1, 30)
    return min(seconds, settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS)


def admit(request, username):
    """May this attempt have its password checked? Counts it either way."""
    window = settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS
    for key, free in _counts(request, username):
        number = ratelimit.hit(key, window)
        if number < free:
            continue
        if number == free:  # the last free attempt closes the gate behind it
            ratelimit.close_gate(key, delay(1))
            continue
        if not ratelimit.pass_gate(key, delay(number - free + 1)):  # and closes it for longer
            return False
    return True


def record_success(request, username):
    """The account's counts start again; the address's count takes this
    attempt back (editors logging in behind one NAT address do not add up)."""
    pair, account, ip = (key for key, _free in _counts(request, username))
    ratelimit.reset(pair, account)
    ratelimit.undo(ip)


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _(
            "Bạn đã đăng nhập sai nhiều lần. Để bảo vệ tài khoản, mỗi lần thử tiếp theo phải chờ lâu hơn lần trước "
            "(tối đa %(minutes)s phút); mời bạn chờ một lát rồi thử lại, hoặc liên hệ quản trị viên."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if not admit(self.request, username):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.NEWSROOM_LOGIN_LOCKOUT_SECONDS // 60)},
            )
        cleaned = super().clean()
        record_success(self.request, username)
        return cleaned
