"""Load the demo newspaper: publication profile, categories, authors, articles
with images, tags and contributions, one demo account per newsroom role, and
(``load_demo_royalties``) a royalty scale with a graded and an approved month.

Idempotent: what already exists (matched by slug or username) is left as it
is, so running it twice duplicates nothing and keeps an editor's changes."""

import json
import zlib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles import roles
from articles.contributions import attach_from_byline
from articles.models import Article, Category, PhotoStoryItem
from authors.models import Author, PaymentDetails, PenName
from counters.services import seed_view_count
from images.models import Image
from images.services import add_image_from_file
from newsroom.models import Publication
from newsroom.text import slugify_vi
from newsroom.themes import DEFAULT_THEME, THEMES
from videos.demo import demo_video

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
# The demo paper of each theme: Báo Điện Biên Phủ's is the full newspaper;
# Báo Bắc Kạn (“BBK - ” sapos, kickers) and the Lai Châu portal (its own
# categories) have their own, smaller ones. Images are shared.
DEMO_FILES = {
    "dienbienphu": DEMO_DIR / "newspaper.json",
    "backan": DEMO_DIR / "backan.json",
    "laichau": DEMO_DIR / "laichau.json",
}

# username, password, role (None: superuser). Listed in the README.
DEMO_ACCOUNTS = [
    ("admin", "newsroom-admin", None),
    ("phongvien", "newsroom-demo", roles.REPORTER),
    ("bientap", "newsroom-demo", roles.EDITOR),
    ("thuky", "newsroom-demo", roles.SECRETARY),
    ("tongbientap", "newsroom-demo", roles.EDITOR_IN_CHIEF),
    ("ketoan", "newsroom-demo", roles.ACCOUNTANT),
    ("trinhbay", "newsroom-demo", roles.LAYOUT),
]


class Command(BaseCommand):
    help = "Nạp tờ báo mẫu (chuyên mục, bài viết, ảnh, tài khoản mẫu). Chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Tệp dữ liệu mẫu (mặc định: tệp của giao diện đã chọn).")
        parser.add_argument(
            "--theme",
            choices=sorted(THEMES),
            help="Nạp tờ báo mẫu của giao diện này và chuyển trang sang giao diện đó.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Cho phép chạy khi DEBUG tắt (tài khoản mẫu có mật khẩu công khai).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Dữ liệu mẫu có tài khoản với mật khẩu công khai: chỉ nạp khi DEBUG bật, "
                "hoặc thêm --force nếu bạn chắc chắn."
            )
        theme = options["theme"]
        path = Path(options["file"] or DEMO_FILES[theme or DEFAULT_THEME])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được {path}: {exc}") from exc

        with transaction.atomic():
            self.load_publication(data["publication"], theme)
            categories = self.load_categories(data["categories"])
            self.load_authors(data.get("authors", []))
            created = self.load_articles(data["articles"], categories, path.parent / "images")
            attached = sum(attach_from_byline(a) for a in Article.objects.filter(contributions__isnull=True))
            self.load_poll(data.get("poll"))
            self.load_link_groups(data.get("link_groups", []))
            users = self.load_accounts()
            self.link_authors(data.get("authors", []))
        self.stdout.write(
            self.style.SUCCESS(
                f"Tờ báo mẫu: {len(categories)} chuyên mục, {created} bài mới "
                f"(tổng {Article.objects.count()}, {attached} bài mới có danh sách tác giả), {users} tài khoản mới."
            )
        )
        call_command("load_demo_royalties", stdout=self.stdout)
        self.stdout.write("Tài khoản mẫu (tên đăng nhập / mật khẩu):")
        for username, password, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username} / {password}  ({role or 'quản trị'})")

    def load_publication(self, values, theme=None):
        publication, _ = Publication.objects.get_or_create(pk=1)
        if not publication.owner:  # not set up yet; otherwise keep what the newsroom changed
            for field, value in values.items():
                setattr(publication, field, value)
        if theme:  # asked for explicitly (THEME=backan make run)
            publication.theme = theme
        publication.save()

    def load_poll(self, row):
        """The sidebar's “Thăm dò ý kiến”, with some votes already in. Through
        the app registry: the polls app does not depend on articles, nor the
        other way round."""
        if not row:
            return
        Poll = apps.get_model("polls", "Poll")
        if Poll.objects.filter(question=row["question"]).exists():
            return
        poll = Poll.objects.create(
            question=row["question"],
            opens_at=timezone.now() - timedelta(days=3),
            in_sidebar=not Poll.objects.filter(in_sidebar=True).exists(),
        )
        for position, (text, votes) in enumerate(row["options"]):
            poll.options.create(text=text, position=position, votes=votes)

    def load_link_groups(self, rows):
        """“Liên kết website”: one dropdown per group (the Lai Châu portal has two)."""
        LinkGroup = apps.get_model("links", "LinkGroup")
        for position, row in enumerate(rows):
            group, _ = LinkGroup.objects.get_or_create(name=row["name"], defaults={"position": position})
            for link_position, (title, url) in enumerate(row["links"]):
                group.links.get_or_create(url=url, defaults={"title": title, "position": link_position})

    def load_authors(self, rows):
        """The paper's reporters, editors and collaborators (with payment
        details), so that bylines find them. An author the byline migration
        already made (no real name yet) gets the demo's details too."""
        for row in rows:
            author, created = Author.objects.get_or_create(name=row["name"], defaults={"kind": row["kind"]})
            if not (created or not author.real_name):
                continue
            author.kind = row["kind"]
            author.real_name = row.get("real_name", "")
            author.bio = row.get("bio", "")
            author.save()
            for name in row.get("pen_names", []):
                PenName.objects.get_or_create(author=author, name=name)
            if row.get("payment"):
                PaymentDetails.objects.get_or_create(author=author, defaults=row["payment"])
            author.update_search_text()

    def link_authors(self, rows):
        """A demo account signs as an author (phongvien is Quang Long), so
        “Nhuận bút của tôi” has something to show."""
        User = get_user_model()
        for row in rows:
            if row.get("user"):
                user = User.objects.filter(username=row["user"]).first()
                if user is not None and not Author.objects.filter(user=user).exists():
                    Author.objects.filter(name=row["name"], user__isnull=True).update(user=user)

    def load_categories(self, rows):
        categories = {}
        for row in rows:
            parent = categories.get(row.get("parent")) if row.get("parent") else None
            category, _ = Category.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "parent": parent,
                    "position": row.get("position", 0),
                    "show_in_menu": row.get("show_in_menu", True),
                    "show_on_home": row.get("show_on_home", False),
                    "description": row.get("description", ""),
                },
            )
            categories[row["slug"]] = category
        return categories

    def load_articles(self, rows, categories, image_dir):
        today = timezone.localdate()
        existing = set(Article.objects.values_list("slug", flat=True))
        created = 0
        for row in rows:
            slug = slugify_vi(row["title"])
            if slug in existing:
                continue
            hour, minute = (int(part) for part in row.get("time", "08:00").split(":"))
            day = today - timedelta(days=row.get("days_ago", 0))
            published_at = timezone.make_aware(datetime.combine(day, time(hour, minute)))
            if published_at > timezone.now():
                published_at -= timedelta(days=1)  # "today" stories stay in the past
            article = Article(
                title=row["title"],
                slug=slug,
                kicker=row.get("kicker", ""),
                genre=row.get("genre", ""),
                lead=row["lead"],
                body=row["body"],
                category=categories[row["category"]],
                byline=row.get("byline", ""),
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                featured_position=row.get("featured_position"),
                format=row.get("format", Article.Format.STANDARD),
            )
            if row.get("video"):
                video, problem = demo_video(image_dir, row["video"])
                article.lead_video = video
                if problem:
                    self.stdout.write(problem)
            if row.get("image"):
                image = self.library_image(image_dir, row)
                article.featured_image = image
                # The same photo under another story may carry its own caption.
                if (row.get("image_caption") or "") != image.caption:
                    article.featured_image_caption = row.get("image_caption") or ""
                if (row.get("image_credit") or "") != image.credit:
                    article.featured_image_credit = row.get("image_credit") or ""
            article.save()
            article.tags.set(row.get("tags", []))
            for position, photo in enumerate(row.get("photos", [])):
                PhotoStoryItem.objects.create(
                    article=article,
                    image=self.library_image(image_dir, {"image": photo["image"], "image_caption": photo["caption"]}),
                    caption=photo["caption"],
                    position=position,
                )
            # A stable starting count, so "Đọc nhiều" has something to show.
            views = 40 + zlib.crc32(slug.encode()) % 4000
            seed_view_count(article.pk, views, recent=views % 300)
            existing.add(slug)
            created += 1
        return created

    def library_image(self, image_dir, row):
        """The demo photo as a library image (with its renditions), added
        once and reused by every article that shows it."""
        image = Image.objects.filter(original_filename=row["image"]).order_by("pk").first()
        if image is None:
            with open(image_dir / row["image"], "rb") as handle:
                image = add_image_from_file(
                    handle,
                    original_filename=row["image"],
                    caption=row.get("image_caption", "") or "",
                    credit=row.get("image_credit", "") or "",
                )
        return image

    def load_accounts(self):
        User = get_user_model()
        created = 0
        for username, password, role in DEMO_ACCOUNTS:
            user, is_new = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": role is None}
            )
            if is_new:
                user.set_password(password)
                user.first_name = role or "Quản trị"
                user.save()
                if role:
                    user.groups.add(Group.objects.get(name=role))
                created += 1
        return created
