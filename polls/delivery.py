"""Polls are in every page's sidebar: a poll or option change touches the
site. A vote (an ``UPDATE``) empties only the sidebar's counts
(polls/services.py); pages show them within the page lifetime (60 s), the
voter at once (his ballot cookie makes his page his own)."""

from delivery.watch import site, watch

from .models import Option, Poll


def connect():
    watch(Poll, site)
    watch(Option, site)
