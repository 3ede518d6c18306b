"""Contributions (who made an article) and the byline printed from them.

``attach_from_byline`` turns an article's free-text byline into authors and
contributions (the data migration 0012 does the same for the archive, the
``bylines_to_contributions`` command and the importer of issue 21 call it);
``sync_byline`` writes the text byline back from the contributions, so the
admin's list, revisions and exports show what the page shows."""

from django.db import transaction

from authors import bylines
from authors.services import find_or_create_author

from .models import Article, Contribution

BYLINE_MAX_LENGTH = Article._meta.get_field("byline").max_length


def credits_for(article, byline_text=None):
    """The credits to print for ``article``: its contributions, else what its
    text byline parses to (no pages to link), else none."""
    credits = article.credits()
    if credits:
        return credits
    return list(bylines.parse(article.byline if byline_text is None else byline_text) or ())


@transaction.atomic
def attach_from_byline(article):
    """Make the contributions of ``article`` from its text byline, finding or
    creating each author. Returns True if it did; False if the article
    already has contributions, no byline, or one ``bylines.parse`` cannot
    read (it then stays as text for an editor to fix)."""
    if not article.byline.strip() or article.contributions.exists():
        return False
    credits = bylines.parse(article.byline)
    if not credits:
        return False
    seen = set()
    for position, credit in enumerate(credits):
        author, _created = find_or_create_author(credit.name, credit.kind)
        if (author.pk, credit.role) in seen:
            continue
        seen.add((author.pk, credit.role))
        Contribution.objects.create(
            article=article,
            author=author,
            role=credit.role,
            pen_name=credit.name if credit.name != author.name else "",
            position=position,
        )
    return True


def sync_byline(article):
    """Write the text byline of ``article`` from its contributions (in the
    paper's full style, roles included). Nothing changes for an article
    without contributions: its text byline is all it has."""
    credits = article.credits()
    if not credits:
        return
    text = bylines.text(credits)[:BYLINE_MAX_LENGTH]
    if text != article.byline:
        Article.objects.filter(pk=article.pk).update(byline=text)  # not a new version of the text
        article.byline = text
