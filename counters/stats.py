"""Numbers for the admin statistics pages: top articles by window and
category, totals per category and per author (articles whose byline is
still only text: per byline text), one article per day."""

from datetime import timedelta

from django.db.models import Exists, F, Func, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.categories import category_tree
from articles.models import Article, Contribution
from authors.models import Author

from .models import ArticleViewCount, DailyViews

WINDOWS = {1: _("24 giờ"), 7: _("7 ngày"), 30: _("30 ngày"), 0: _("Từ trước đến nay")}


def _since(days):
    return timezone.localdate() - timedelta(days=days)


def _rows(days, category=None):
    """View rows of the window: daily buckets, or the all-time totals (0)."""
    qs = DailyViews.objects.filter(day__gte=_since(days)) if days else ArticleViewCount.objects.all()
    if category is not None:
        qs = qs.filter(article__category_id__in=category_tree().descendant_ids(category.pk))
    return qs


def top_articles(days, category=None, limit=20):
    rows = (
        _rows(days, category)
        .values("article_id")
        .annotate(
            n=Sum("views"),
            title=F("article__title"),
            category=F("article__category__name"),
            byline=F("article__byline"),
            published_at=F("article__published_at"),
        )
        .order_by("-n", "article_id")
    )
    return list(rows[:limit] if limit else rows)


def per_category(days):
    return list(_rows(days).values(name=F("article__category__name")).annotate(n=Sum("views")).order_by("-n", "name"))


def per_author(days):
    """Views of each author's articles in the window, most read first: an
    article counts once for each of its authors, whatever their roles (“Tin,
    ảnh: Quang Long” is Quang Long's once), and under every name he signs."""
    articles = Contribution.objects.filter(author=OuterRef(OuterRef("pk"))).values("article_id")
    views = _rows(days).filter(article_id__in=articles).order_by().annotate(n=Func(F("views"), function="SUM"))
    return list(
        Author.objects.annotate(n=Coalesce(Subquery(views.values("n")), 0))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values("pk", "name", "slug", "n")
    )


def per_byline(days):
    """Views of the articles without contributions, per text byline."""
    untold = ~Exists(Contribution.objects.filter(article=OuterRef("article_id")))
    return list(
        _rows(days).filter(untold).values(name=F("article__byline")).annotate(n=Sum("views")).order_by("-n", "name")
    )


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
