"""The print edition's pages (/bao-in/…) and the "printed in" line of an
article page are listings: a change to an edition, issue, page or printed
article touches the listings."""

from delivery.watch import listings, watch

from .models import Edition, Issue, Page, PrintedArticle


def connect():
    for model in (Edition, Issue, Page, PrintedArticle):
        watch(model, listings)
