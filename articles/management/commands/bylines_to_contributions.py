"""Turn text bylines into authors and contributions, as the data migration
0012 did for the archive: for articles added since by scripts, or after an
editor fixed bylines the migration could not read. Re-running it changes
only articles that still have no contributions."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from articles.contributions import attach_from_byline
from articles.models import Article, Contribution
from authors.bylines import parse


class Command(BaseCommand):
    help = "Đọc dòng tác giả (chữ) của các bài chưa có danh sách tác giả và tạo tác giả, danh sách tác giả cho bài."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không ghi gì.")
        parser.add_argument(
            "--list", dest="show_unread", action="store_true", help="In các dòng tác giả không đọc được."
        )

    def handle(self, *args, dry_run, show_unread, **options):
        pending = (
            Article.objects.exclude(byline="")
            .filter(~Exists(Contribution.objects.filter(article=OuterRef("pk"))))
            .only("pk", "byline")
            .order_by("pk")
        )
        read, unread = 0, []
        for article in pending.iterator(chunk_size=2000):
            done = bool(parse(article.byline)) if dry_run else attach_from_byline(article)
            if done:
                read += 1
            else:
                unread.append(article)
        verb = "sẽ có" if dry_run else "đã có"
        self.stdout.write(
            f"{read} bài {verb} danh sách tác giả; {len(unread)} bài giữ nguyên dòng chữ (không đọc được)."
        )
        if show_unread:
            for article in unread:
                self.stdout.write(f"  #{article.pk}: {article.byline}")
