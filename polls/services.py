"""Voting. The count is one ``UPDATE … SET votes = votes + 1``: concurrent
votes never overwrite each other and no row is read first."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from delivery import data, scopes

from .models import Option, Poll


class VoteRefused(Exception):
    pass


@transaction.atomic
def vote(poll_id, option_id):
    """Count one vote for ``option_id`` of the open poll ``poll_id``. Raises
    VoteRefused when the poll is not open or the option is not one of its."""
    now = timezone.now()
    counted = (
        Option.objects.filter(pk=option_id, poll_id=poll_id, poll__opens_at__lte=now)
        .exclude(poll__closes_at__lte=now)
        .update(votes=F("votes") + 1)
    )
    if not counted:
        raise VoteRefused(option_id)
    # The sidebar's counts: only that datum, no page (a vote is not worth
    # emptying the site; pages show it within their lifetime).
    transaction.on_commit(lambda: data.forget(None, "poll-widget", [scopes.SITE]))


@transaction.atomic
def save_poll(poll):
    """Save ``poll``; when it is to be shown in the sidebar, the poll shown
    there until now leaves it first (one poll in the sidebar, a database
    constraint)."""
    if poll.in_sidebar:
        Poll.objects.filter(in_sidebar=True).exclude(pk=poll.pk).update(in_sidebar=False)
    poll.save()
