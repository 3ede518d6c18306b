"""The demo's royalties: a scale, last month graded by the Thư ký tòa soạn
and approved by the Tổng biên tập, this month graded and still open.
Run by ``load_demo`` after the articles and accounts; idempotent (what is
graded or approved stays as it is)."""

import zlib
from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Contribution
from authors.bylines import SOURCE_ROLES, Kind, Role
from royalties import services
from royalties.models import Coefficient, WorkType

# name, min, max (points); the example scale of docs/royalties.md.
SCALE = [
    ("Tin", "1", "5"),
    ("Bài", "3", "10"),
    ("Phóng sự, ký sự", "8", "20"),
    ("Xã luận, bình luận", "6", "15"),
    ("Ảnh", "1", "4"),
    ("Video", "3", "12"),
    ("Đồ họa", "2", "8"),
]
COEFFICIENTS = [("Tin độc quyền", "1.20"), ("Vùng sâu, vùng xa, vùng khó khăn", "1.30"), ("Tác phẩm xuất sắc", "1.50")]
WORK_BY_ROLE = {Role.NEWS: "Tin", Role.PHOTO: "Ảnh", Role.VIDEO: "Video", Role.GRAPHICS: "Đồ họa"}
LAST_MONTH_POINT_VALUE = Decimal("60000")
THIS_MONTH_FUND = Decimal("25000000")


class Command(BaseCommand):
    help = "Nạp dữ liệu nhuận bút mẫu: khung nhuận bút, tháng trước đã duyệt, tháng này đang chấm."

    def handle(self, *args, **options):
        User = get_user_model()
        grader = User.objects.filter(username="thuky").first()
        chief = User.objects.filter(username="tongbientap").first()
        if grader is None or chief is None:
            self.stdout.write("Nhuận bút mẫu: chưa có tài khoản thuky và tongbientap, bỏ qua.")
            return
        with transaction.atomic():
            types, coefficients = self.load_scale()
            this_month = services.month_of(timezone.now())
            last_month = services.month_of(this_month.period()[0] - timedelta(days=1))
            graded = 0
            for month in (last_month, this_month):
                graded += self.grade_month(month, grader, types, coefficients)
            if not last_month.point_value and not last_month.fund and not last_month.is_locked:
                services.set_month_value(last_month, by=chief, point_value=LAST_MONTH_POINT_VALUE)
            if not this_month.point_value and not this_month.fund:
                services.set_month_value(this_month, by=chief, fund=THIS_MONTH_FUND)
        approved = ""
        last_month.refresh_from_db()
        if not last_month.is_locked and last_month.grades.exists():
            try:
                services.approve(last_month, by=chief)
                approved = f"; {last_month.title} đã duyệt"
            except ValidationError as error:
                approved = f"; {last_month.title} chưa duyệt được: {' '.join(error.messages)}"
        self.stdout.write(f"Nhuận bút mẫu: {graded} tác phẩm mới được chấm{approved}.")

    def load_scale(self):
        types = {}
        for position, (name, low, high) in enumerate(SCALE):
            types[name], _ = WorkType.objects.get_or_create(
                name=name, defaults={"min_points": Decimal(low), "max_points": Decimal(high), "position": position}
            )
        coefficients = [
            Coefficient.objects.get_or_create(name=name, defaults={"factor": Decimal(factor)})[0]
            for name, factor in COEFFICIENTS
        ]
        return types, coefficients

    def grade_month(self, month, grader, types, coefficients):
        """Grade what is not graded yet in an open month, the way a desk
        would: by role and genre, points spread over the range, now and
        then a coefficient, co-producers sharing equally."""
        if month.is_locked:
            return 0
        start, end = month.period()
        contributions = (
            Contribution.objects.filter(
                article__in=Article.objects.published().filter(published_at__gte=start, published_at__lt=end),
                royalty_grade__isnull=True,
            )
            .exclude(author__kind=Kind.ORGANISATION)
            .exclude(role__in=SOURCE_ROLES)
            .select_related("article", "author")
            .order_by("article_id", "position", "id")
        )
        works = defaultdict(list)  # (article, kind of work) -> its contributors
        for contribution in contributions:
            work = self.work_type(contribution, types)
            if work is not None:
                works[contribution.article_id, work].append(contribution)
        graded = 0
        for (_article, work), group in works.items():
            share = (Decimal("100") / len(group)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            for contribution in group:
                seed = zlib.crc32(f"{contribution.article.slug}:{contribution.role}".encode())
                steps = int((work.max_points - work.min_points) * 2)
                services.grade(
                    contribution,
                    by=grader,
                    work_type=work,
                    points=work.min_points + Decimal(seed % (steps + 1)) / 2,
                    coefficients=[coefficients[seed % len(coefficients)]] if seed % 5 == 0 else [],
                    share=share,
                )
                graded += 1
        return graded

    def work_type(self, contribution, types):
        name = WORK_BY_ROLE.get(contribution.role)
        if name is None:
            genre = contribution.article.genre.lower()
            if contribution.role == Role.PRODUCTION or "phóng sự" in genre or "ký sự" in genre:
                name = "Phóng sự, ký sự"
            elif "luận" in genre:
                name = "Xã luận, bình luận"
            else:
                name = "Bài"
        return types.get(name)
