"""``manage.py load_demo_print``: the demo paper's printed issues, drawn
from its own articles (editions/demo.py), processed as an upload is and
published, with their articles linked to their pages. ``make run`` runs it
after ``load_demo``; running it again adds nothing."""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from articles.management.commands.load_demo import DEMO_FILES
from articles.models import Article, Category
from newsroom.models import Publication
from newsroom.themes import DEFAULT_THEME

from ... import demo, services
from ...models import Edition, Issue, PrintedArticle

STORIES_ON_FRONT_PAGE = 3
STORIES_PER_PAGE = 2


class Command(BaseCommand):
    help = "Nạp các số báo in mẫu (dựng trang từ bài viết mẫu, xử lý và xuất bản). Chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Tệp dữ liệu mẫu (mặc định: tệp của giao diện đang dùng).")
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Dữ liệu mẫu chỉ nạp khi DEBUG bật, hoặc thêm --force nếu bạn chắc chắn.")
        publication = Publication.load()
        path = Path(options["file"] or DEMO_FILES.get(publication.theme, DEMO_FILES[DEFAULT_THEME]))
        try:
            rows = json.loads(path.read_text(encoding="utf-8")).get("print_editions", [])
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được {path}: {exc}") from exc
        stories = list(
            Article.objects.published().select_related("featured_image", "category").order_by("-published_at", "-id")
        )
        if rows and not stories:
            raise CommandError("Chưa có bài viết mẫu: chạy manage.py load_demo trước.")
        made = 0
        for position, row in enumerate(rows):
            edition = self.edition(row, position)
            for index, issue_row in enumerate(row["issues"]):
                made += self.issue(publication, edition, issue_row, stories, offset=position * 3 + index * 5)
        self.stdout.write(self.style.SUCCESS(f"Báo in mẫu: {len(rows)} ấn phẩm, {made} số mới."))

    def edition(self, row, position):
        category = Category.objects.filter(slug=row.get("digest_category", "")).first()
        edition, _ = Edition.objects.get_or_create(
            name=row["name"],
            defaults={"schedule": row.get("schedule", ""), "position": position, "digest_category": category},
        )
        return edition

    def issue(self, publication, edition, row, stories, offset):
        from django.utils import timezone

        day = timezone.localdate() - timedelta(days=row.get("days_ago", 0))
        if Issue.objects.filter(edition=edition, number=row["number"], date__year=day.year).exists():
            return 0
        issue = Issue.objects.create(edition=edition, number=row["number"], date=day)
        count = row.get("pages", 4)
        needed = STORIES_ON_FRONT_PAGE + STORIES_PER_PAGE * (count - 1)
        picked = [stories[(offset + n) % len(stories)] for n in range(min(needed, len(stories)))]
        pages = [picked[:STORIES_ON_FRONT_PAGE]] + [
            picked[STORIES_ON_FRONT_PAGE + STORIES_PER_PAGE * n :][:STORIES_PER_PAGE] for n in range(count - 1)
        ]
        self.stdout.write(f"Dựng {edition.name} {issue.label} ({count} trang)…")
        data = demo.issue_pdf(publication.name, edition.name, issue.label, pages)
        token = services.stage_upload(issue, [SimpleUploadedFile("bao-in-mau.pdf", data)], queue=False)
        if services.process_issue(issue.pk, token) != "done":
            issue.refresh_from_db()
            raise CommandError(f"Không xử lý được số báo mẫu: {issue.processing_error}")
        for number, page_stories in enumerate(pages, start=1):
            for article in page_stories:
                PrintedArticle.objects.get_or_create(issue=issue, article=article, page_number=number)
        services.publish(issue, by=None)
        return 1
