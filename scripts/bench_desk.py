"""The newsroom at work, for `make bench`'s "đọc khi tòa soạn làm việc" run
(scripts/bench.py): in its own process, as long as it runs, a reporter saves
a draft every second, a reader posts a comment every 5 s (pending, as every
new comment) and the desk publishes one article a minute. Prints one line
per minute with what it did. Run with the benchmark's environment."""

import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from articles import services  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from comments.services import submit_comment  # noqa: E402


def main():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-desk", defaults={"is_staff": True, "is_superuser": True}
    )
    category = Category.objects.order_by("id").first()
    draft = Article.objects.create(
        title="Bản nháp của phóng viên", lead="Sapo.", body="<p>Đang viết.</p>", category=category
    )
    commented = list(Article.objects.published().order_by("-published_at", "-id")[:50])
    comments = published = 0
    publish_every = int(os.environ.get("BENCH_DESK_PUBLISH_EVERY", "60"))
    started = time.monotonic()
    for tick in itertools.count(1):
        draft.body = f"<p>Đang viết, lần lưu {tick}.</p>"
        draft.save()
        if tick % 5 == 0:
            article = commented[tick % len(commented)]
            submit_comment(article, name="Bạn đọc", email="ban.doc@example.vn", body=f"Bình luận số {tick}.")
            comments += 1
        if tick % publish_every == 0:
            story = Article.objects.create(
                title=f"Tin mới lên trang {tick}", lead="Sapo.", body="<p>Nội dung.</p>", category=category
            )
            services.publish(story, by=user)
            published += 1
            print(f"desk: {tick} draft saves, {comments} comments, {published} published", flush=True)
        time.sleep(max(0.0, started + tick - time.monotonic()))


if __name__ == "__main__":
    main()
