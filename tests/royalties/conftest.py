from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import roles
from authors.bylines import Kind, Role
from authors.models import PaymentDetails
from royalties.models import Coefficient, RoyaltyMonth, WorkType
from tests.factories import ArticleFactory, AuthorFactory, ContributionFactory, UserFactory


def member_of(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def secretary(db):
    return member_of(roles.SECRETARY, "thuky")


@pytest.fixture
def chief(db):
    return member_of(roles.EDITOR_IN_CHIEF, "tongbientap")


@pytest.fixture
def accountant(db):
    return member_of(roles.ACCOUNTANT, "ketoan")


@pytest.fixture
def scale(db):
    return {
        "tin": WorkType.objects.create(name="Tin", min_points=Decimal("1"), max_points=Decimal("5"), position=1),
        "bai": WorkType.objects.create(name="Bài", min_points=Decimal("3"), max_points=Decimal("10"), position=2),
        "phong_su": WorkType.objects.create(name="Phóng sự", min_points=Decimal("8"), max_points=Decimal("20")),
        "anh": WorkType.objects.create(name="Ảnh", min_points=Decimal("1"), max_points=Decimal("4"), position=4),
        "doc_quyen": Coefficient.objects.create(name="Tin độc quyền", factor=Decimal("1.20")),
        "vung_kho": Coefficient.objects.create(name="Vùng khó khăn", factor=Decimal("1.30")),
    }


# A past month, so that its articles are published whatever today is.
YEAR, MONTH = 2026, 10


def in_month(day=15, hour=9):
    return timezone.make_aware(datetime(YEAR, MONTH, day, hour, 0))


@pytest.fixture
def month(db):
    return RoyaltyMonth.objects.create(year=YEAR, month=MONTH, point_value=Decimal("50000"))


def published(title="Mùa hoa ban", day=15, **fields):
    fields.setdefault("published_at", in_month(day))
    return ArticleFactory(title=title, byline="", **fields)


def collaborator(name="Thanh Bình", with_details=True):
    author = AuthorFactory(name=name, kind=Kind.COLLABORATOR, real_name=f"Nguyễn {name}")
    if with_details:
        PaymentDetails.objects.create(
            author=author, id_number="011223344556", bank_account="1234567890", bank_name="Agribank Điện Biên"
        )
    return author


def contribution(article, author, role=Role.NEWS):
    return ContributionFactory(article=article, author=author, role=role)
