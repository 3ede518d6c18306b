"""View counts live in their own narrow table, not on the article row: a
counter write never rewrites (or locks) the wide article row an editor may be
saving, and never touches its ``updated_at``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleViewCount(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("bài viết"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_count_row",
    )
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem bài viết")
        verbose_name_plural = _("lượt xem bài viết")
        indexes = [models.Index(fields=["-views"], name="viewcount_views_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.views}"


class DailyViews(models.Model):
    """Views of one article on one day (the newsroom's local date). Small by
    design: ``prune_daily_views`` drops days older than the longest window;
    the all-time total stays in :class:`ArticleViewCount`."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("ngày"))
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="dailyviews_article_day_uniq")]
        indexes = [models.Index(fields=["day", "article"], name="dailyviews_day_article_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class HourlyViews(models.Model):
    """Views of one article in one hour (``hour``: the start of the hour,
    UTC): with the daily buckets, the windows of “Đọc nhiều” are exact to
    the hour — "24 giờ" is the last 24 hours, not today and yesterday
    (``articles.selectors.most_read``). Only the first, partial day of a
    window is read from here; ``prune_daily_views`` keeps as many days of
    them as of the daily buckets."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="hourly_views",
    )
    hour = models.DateTimeField(_("giờ"))
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trong giờ")
        verbose_name_plural = _("lượt xem theo giờ")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="hourlyviews_article_hour_uniq")]
        indexes = [models.Index(fields=["hour", "article"], name="hourlyviews_hour_article_idx")]

    def __str__(self):
        return f"{self.article_id} {self.hour:%Y-%m-%d %H}h: {self.views}"
