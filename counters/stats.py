"""Numbers for the admin statistics pages: top articles by window and
category, totals per category and per author (articles whose byline is
still only text: per byline text), one article per day."""

from collections import Counter
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.categories import category_tree
from articles.models import Article, Contribution
from authors.models import Author

from .models import DailyViews
from .windows import views_of, window_rows

WINDOWS = {1: _("24 giờ"), 7: _("7 ngày"), 30: _("30 ngày"), 0: _("Từ trước đến nay")}


def _since(days):
    return timezone.localdate() - timedelta(days=days)


def _summed(rows, name):
    """[{"name", "n"}] from the sources' rows grouped by ``name``, most first."""
    totals = Counter()
    for source in rows:
        for row in source.values(name=F(name)).annotate(n=Sum("views")).order_by():
            totals[row["name"]] += row["n"]
    return [{"name": key, "n": n} for key, n in sorted(totals.items(), key=lambda item: (-item[1], item[0] or ""))]


def top_articles(days, category=None, limit=20):
    articles = Article.objects.all()
    if category is not None:
        articles = articles.filter(category_id__in=category_tree().descendant_ids(category.pk))
    sources = window_rows(days)
    read = None
    for source in sources:
        ids = source.values("article_id")
        read = ids if read is None else read.union(ids, all=True)
    rows = (
        articles.filter(pk__in=read)
        .annotate(n=views_of(sources, article=OuterRef("pk")), category_name=F("category__name"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .values("pk", "n", "title", "category_name", "byline", "published_at")
    )
    rows = rows[:limit] if limit else rows
    return [
        {
            "article_id": row["pk"],
            "n": row["n"],
            "title": row["title"],
            "category": row["category_name"],
            "byline": row["byline"],
            "published_at": row["published_at"],
        }
        for row in rows
    ]


def per_category(days):
    return _summed(window_rows(days), "article__category__name")


def per_author(days):
    """Views of each author's articles in the window, most read first: an
    article counts once for each of its authors, whatever their roles (“Tin,
    ảnh: Quang Long” is Quang Long's once), and under every name he signs."""
    articles = Contribution.objects.filter(author=OuterRef(OuterRef("pk"))).values("article_id")
    return list(
        Author.objects.annotate(n=views_of(window_rows(days), article_id__in=articles))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values("pk", "name", "slug", "n")
    )


def per_byline(days):
    """Views of the articles without contributions, per text byline."""
    untold = ~Exists(Contribution.objects.filter(article=OuterRef("article_id")))
    return _summed([source.filter(untold) for source in window_rows(days)], "article__byline")


def article_days(article, days=30):
    """[(day, views)] for the last ``days`` days, zeros included, oldest first."""
    stored = dict(DailyViews.objects.filter(article=article, day__gte=_since(days - 1)).values_list("day", "views"))
    start = _since(days - 1)
    return [(start + timedelta(days=i), stored.get(start + timedelta(days=i), 0)) for i in range(days)]


def bar_chart(series, width=600, height=120):
    """Bars for an inline SVG: [{x, y, w, h, label, value}]; no JavaScript."""
    top = max((v for _, v in series), default=0) or 1
    step = width / max(len(series), 1)
    bars = []
    for i, (day, value) in enumerate(series):
        h = round(value / top * (height - 4), 1)
        bars.append(
            {
                "x": round(i * step + 1, 1),
                "y": round(height - h, 1),
                "w": round(step - 2, 1),
                "h": h,
                "day": day,
                "value": value,
            }
        )
    return {"bars": bars, "width": width, "height": height, "max": top}


def category_choices():
    return category_tree().categories


def get_article(pk):
    return Article.objects.select_related("category").get(pk=pk)
