"""The views of a window of the last N days, exact to the hour, as the
public "Đọc nhiều" and the admin statistics both read them: "24 giờ" is the
last 24 hours (from the start of the hour 24 hours ago), not today and
yesterday. The whole local days of a window come from the daily buckets
(today's included), its partial first day from the hourly ones; the window
of all time (0 days) from the totals."""

from datetime import datetime, time, timedelta

from django.db.models import F, Func, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ArticleViewCount, DailyViews, HourlyViews


def window_start(days):
    """``(start, first whole day, its local midnight)`` of the last ``days``
    days: ``start`` is the start of the hour ``days`` × 24 hours ago; the
    hours from it to the next local midnight are read from the hourly
    buckets, the days from that midnight on from the daily ones."""
    now = timezone.now()
    start = now.replace(minute=0, second=0, microsecond=0) - timedelta(days=days)
    local = timezone.localtime(start)
    first_day = local.date()
    if local.time() != time(0):
        first_day += timedelta(days=1)
    first_midnight = timezone.make_aware(datetime.combine(first_day, time(0)))
    return start, first_day, first_midnight


def window_rows(days):
    """The querysets of view rows that make up the window (each row has
    ``article`` and ``views``)."""
    if not days:
        return [ArticleViewCount.objects.all()]
    start, first_day, first_midnight = window_start(days)
    return [
        DailyViews.objects.filter(day__gte=first_day),
        HourlyViews.objects.filter(hour__gte=start, hour__lt=first_midnight),
    ]


def views_of(sources, **match):
    """The views of the ``sources``' rows matching ``match`` (outer
    references allowed), summed: one subquery per source, added."""
    total = None
    for source in sources:
        summed = source.filter(**match).order_by().annotate(n=Func(F("views"), function="SUM")).values("n")
        term = Coalesce(Subquery(summed), 0)
        total = term if total is None else total + term
    return total
