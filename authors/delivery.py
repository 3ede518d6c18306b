"""Authors and pen names are printed in bylines all over the site and on
the author pages: a change touches the site (rare: profiles change seldom)."""

from delivery.watch import site, watch

from .models import Author, PenName


def connect():
    watch(Author, site)
    watch(PenName, site)
