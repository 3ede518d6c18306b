"""What readers can see of the print edition, and which cached pages it
touches (delivery/, docs/caching.md).

- The print edition's pages (/bao-in/…) are listings: any change to an
  edition, issue, page or printed article touches the listings.
- An article page's “Bài đã đăng trên báo in …” line (``{% printed_in %}``)
  depends on the article's own scope, not on the listings: a printed
  article touches its article; an issue (published, unpublished, renumbered,
  deleted) touches the articles printed in it; an edition (its name and
  address are in the line) touches the whole site, as it is rare.
"""

from delivery import scopes
from delivery.watch import listings, watch

from .models import Edition, Issue, Page, PrintedArticle


def printed_article_touches(printed):
    return [scopes.LISTINGS, scopes.article(printed.article_id)]


def issue_touches(issue):
    printed = PrintedArticle.objects.filter(issue_id=issue.pk).values_list("article_id", flat=True).distinct()
    return [scopes.LISTINGS, *(scopes.article(pk) for pk in printed)]


def edition_touches(edition):
    return [scopes.SITE, scopes.LISTINGS]


def connect():
    watch(Edition, edition_touches)
    watch(Issue, issue_touches)
    watch(Page, listings)
    watch(PrintedArticle, printed_article_touches)
