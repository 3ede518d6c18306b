"""Generate many synthetic published articles fast, for scale tests and
benchmarks: ``manage.py generate_articles --count 300000``.

Rows go in with ``bulk_create`` in batches (no per-row ``save()``), so the
text is built here already clean and in NFC."""

import random
import secrets
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Category, Tag, TaggedArticle
from newsroom.text import slugify_vi

PLACES = [
    "Điện Biên Phủ",
    "Mường Phăng",
    "Tuần Giáo",
    "Mường Chà",
    "Tủa Chùa",
    "Nậm Pồ",
    "Mường Nhé",
    "Điện Biên Đông",
    "Mường Ảng",
    "Him Lam",
    "Thanh Xương",
    "Na Sang",
]
SUBJECTS = [
    "Nông dân",
    "Hợp tác xã",
    "Trường học",
    "Trạm y tế",
    "Đoàn thanh niên",
    "Hội Phụ nữ",
    "Bộ đội biên phòng",
    "Công an xã",
    "Doanh nghiệp",
    "Ban quản lý di tích",
    "Đội bóng",
    "Bản",
]
ACTIONS = [
    "đẩy mạnh",
    "triển khai",
    "hoàn thành",
    "khởi công",
    "tổng kết",
    "ra quân",
    "đón nhận",
    "nâng cao",
    "mở rộng",
    "hỗ trợ",
]
OBJECTS = [
    "mô hình trồng cà phê",
    "chương trình nông thôn mới",
    "lễ hội hoa ban",
    "tuyến đường liên xã",
    "đợt tiêm chủng",
    "giải bóng đá thiếu niên",
    "lớp học xóa mù chữ",
    "mùa lúa ruộng bậc thang",
    "kế hoạch phòng chống cháy rừng",
    "phiên chợ vùng cao",
    "công trình nước sạch",
    "hoạt động du lịch cộng đồng",
]
SENTENCES = [
    "Theo báo cáo của UBND huyện, kết quả đạt được trong năm qua vượt kế hoạch đề ra.",
    "Người dân trong bản đồng tình ủng hộ và tích cực tham gia hiến đất, góp công.",
    "Cán bộ xã thường xuyên xuống cơ sở để nắm bắt tâm tư, nguyện vọng của bà con.",
    "Nhiều hộ gia đình đã thoát nghèo nhờ mạnh dạn chuyển đổi cơ cấu cây trồng.",
    "Đoàn công tác đã kiểm tra thực tế và ghi nhận những cách làm hay, sáng tạo.",
    "Thời gian tới, địa phương tiếp tục huy động các nguồn lực để hoàn thành mục tiêu.",
    "Các thầy cô giáo vượt dốc, lội suối đến từng nhà vận động học sinh ra lớp.",
    "Lực lượng chức năng tăng cường tuần tra, giữ vững an ninh trật tự vùng biên.",
    "Mùa này, những thửa ruộng bậc thang vàng óng thu hút đông đảo du khách.",
    "Chính quyền xã phối hợp với các đoàn thể tổ chức nhiều hoạt động thiết thực.",
]


class Command(BaseCommand):
    help = "Tạo nhanh N bài viết tổng hợp để thử tải (mặc định 1.000)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--days", type=int, default=3 * 365, help="Rải ngày đăng trên ngần này ngày.")

    def handle(self, *args, count, batch_size, seed, days, **options):
        if count < 1:
            raise CommandError("--count phải lớn hơn 0.")
        categories = list(Category.objects.values_list("pk", flat=True))
        if not categories:
            raise CommandError("Chưa có chuyên mục nào: chạy `manage.py load_demo` trước.")
        rng = random.Random(seed)
        tags = [Tag.objects.get_or_create(name=name)[0] for name in PLACES + OBJECTS]
        run = secrets.token_hex(4)  # keeps slugs of separate runs apart
        now = timezone.now()
        started = time.monotonic()
        made = 0
        while made < count:
            size = min(batch_size, count - made)
            batch = [self.make_article(rng, categories, now, days, run, made + i) for i in range(size)]
            with transaction.atomic():
                Article.objects.bulk_create(batch, batch_size=size)
                TaggedArticle.objects.bulk_create(
                    [
                        TaggedArticle(content_object_id=article.pk, tag=tag)
                        for article in batch
                        for tag in rng.sample(tags, 2)
                    ]
                )
            made += size
            self.stdout.write(f"  {made}/{count}", ending="\r")
        # Fresh statistics, or the planner guesses wrong on the new rows until
        # autovacuum gets round to them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {made} bài trong {elapsed:.1f} giây."))

    def make_article(self, rng, categories, now, days, run, n):
        place = rng.choice(PLACES)
        title = f"{rng.choice(SUBJECTS)} {place} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
        lead = " ".join(rng.sample(SENTENCES, 2))
        paragraphs = "".join(f"<p>{' '.join(rng.sample(SENTENCES, 3))}</p>" for _ in range(5))
        published = rng.random() > 0.03
        return Article(
            title=title,
            slug=f"{slugify_vi(title, 170)}-{run}-{n}",
            lead=lead,
            body=paragraphs,
            category_id=rng.choice(categories),
            byline=rng.choice(["Quang Long", "T.Hòa", "Minh Đức", "Lò Thị Thu", "Hoàng Anh"]),
            status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            published_at=now - timedelta(seconds=rng.randrange(days * 86400)) if published else None,
        )
