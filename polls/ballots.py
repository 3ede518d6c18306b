"""“One vote per browser”: after a vote the browser keeps a signed cookie
naming the poll, and a second vote carrying it is refused. Besides the
cookie, one IP address may vote at most ``NEWSROOM_POLL_VOTES_PER_IP`` times
in a poll within ``NEWSROOM_POLL_VOTE_WINDOW`` seconds (a script that sends
no cookie, like a scanner's 2,948 votes, is stopped there; a family or an
office behind one address still votes).

The limits, written down in docs/polls.md: a reader who clears cookies, uses
a private window or another browser or device can vote again; two votes sent
at the same instant from one browser (before the first answer arrives) are
both counted. A poll in a newspaper is an indication, not a ballot."""

from django.conf import settings
from django.core import signing

from guard import ratelimit
from guard.http import client_ip

SALT = "polls.ballot"


def cookie_name(poll_id):
    return f"poll-{poll_id}"


def has_voted(request, poll_id):
    try:
        return request.get_signed_cookie(cookie_name(poll_id), salt=SALT) == str(poll_id)
    except (KeyError, signing.BadSignature):
        return False


def remember_vote(response, poll):
    response.set_signed_cookie(
        cookie_name(poll.pk),
        str(poll.pk),
        salt=SALT,
        max_age=settings.NEWSROOM_POLL_COOKIE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def within_address_limit(request, poll_id):
    """Count this vote against the voter's address; False past the limit."""
    key = f"poll-vote:{poll_id}:{client_ip(request)}"
    return ratelimit.hit(key, settings.NEWSROOM_POLL_VOTE_WINDOW) <= settings.NEWSROOM_POLL_VOTES_PER_IP
