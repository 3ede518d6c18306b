"""Turn the archive's free-text bylines into authors and contributions.

Each byline is read by ``authors.bylines.parse`` (a pure function over text;
imported, not copied, because it is long: a later, better parser reads more
bylines when this runs on a fresh archive, never fewer); the names found are
matched to existing authors (display name, pen names, real name; case and
spacing aside) or become new authors, collaborators unless the byline says
otherwise. What it cannot read stays as text, untouched, for an editor to
fix (admin → Bài viết → “danh sách tác giả: chưa có”); the text bylines of
the others stay too. Reversing removes the contributions and the authors it
made that nothing else uses; the text bylines were never changed.
"""

import re
import sys
import unicodedata

from django.db import migrations
from django.db.models import Exists, OuterRef

from authors.bylines import parse
from newsroom.text import fold, slugify_vi

COLLABORATOR = "cong-tac-vien"
BATCH = 2000


def _key(name):
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name or "")).strip()
    return re.sub(r"\.\s+", ".", text).casefold()


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("authors", "Author")
    PenName = apps.get_model("authors", "PenName")
    Contribution = apps.get_model("articles", "Contribution")

    known = {}  # name key -> (author id, display name); the oldest author wins
    for author in Author.objects.order_by("-pk"):
        for name in (author.real_name, author.name):
            if name:
                known[_key(name)] = (author.pk, author.name)
    for pen in PenName.objects.select_related("author").order_by("-author_id"):
        known[_key(pen.name)] = (pen.author_id, pen.author.name)
    slugs = set(Author.objects.values_list("slug", flat=True))

    def author_for(credit):
        key = _key(credit.name)
        if key not in known:
            base = slugify_vi(credit.name, 100) or "tac-gia"
            slug, n = base, 1
            while slug in slugs:
                n += 1
                slug = f"{base[: 100 - len(str(n)) - 1]}-{n}"
            slugs.add(slug)
            author = Author.objects.create(
                name=credit.name, slug=slug, kind=credit.kind or COLLABORATOR, search_text=fold(credit.name)
            )
            known[key] = (author.pk, author.name)
        return known[key]

    has_contributions = Exists(Contribution.objects.filter(article=OuterRef("pk")))
    pending = Article.objects.exclude(byline="").filter(~has_contributions).only("pk", "byline").order_by("pk")
    read = unread = 0
    batch = []
    for article in pending.iterator(chunk_size=BATCH):
        credits = parse(article.byline)
        if not credits:
            unread += 1
            continue
        read += 1
        seen = set()
        for position, credit in enumerate(credits):
            author_id, display = author_for(credit)
            if (author_id, credit.role) in seen:
                continue
            seen.add((author_id, credit.role))
            batch.append(
                Contribution(
                    article_id=article.pk,
                    author_id=author_id,
                    role=credit.role,
                    pen_name="" if credit.name == display else credit.name,
                    position=position,
                )
            )
        if len(batch) >= BATCH:
            Contribution.objects.bulk_create(batch)
            batch = []
    Contribution.objects.bulk_create(batch)
    if read or unread:
        sys.stdout.write(
            f"\n  Dòng tác giả: {read} bài đã có danh sách tác giả, {unread} bài giữ nguyên dòng chữ "
            "(không đọc được; xem Bài viết → danh sách tác giả: chưa có).\n"
        )


def backwards(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Contribution = apps.get_model("articles", "Contribution")
    Contribution.objects.all().delete()
    Author.objects.filter(
        user__isnull=True, payment_details__isnull=True, pen_names__isnull=True, bio="", photo__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_contributions"),
        ("authors", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
