"""Delete daily and hourly view buckets older than the longest "Đọc nhiều" window.

The all-time totals are kept in ArticleViewCount, so nothing readers or
editors see is lost; the buckets table stays at about
(articles read per day) × (days kept) rows. Run it once a day."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from counters.models import DailyViews, HourlyViews


class Command(BaseCommand):
    help = "Xoá lượt xem theo ngày cũ hơn số ngày giữ lại."

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=settings.NEWSROOM_DAILY_VIEWS_KEEP_DAYS)

    def handle(self, *args, keep_days, **options):
        if keep_days < 31:
            raise CommandError("--keep-days must be at least 31 (the 30-day window needs them).")
        cutoff = timezone.localdate() - timedelta(days=keep_days)
        deleted, _ = DailyViews.objects.filter(day__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} daily buckets before {cutoff.isoformat()}.")
        hour_cutoff = timezone.now() - timedelta(days=keep_days)
        deleted, _ = HourlyViews.objects.filter(hour__lt=hour_cutoff).delete()
        self.stdout.write(f"Deleted {deleted} hourly buckets before {hour_cutoff:%Y-%m-%d %H:%M}.")
