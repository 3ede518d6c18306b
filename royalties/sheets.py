"""A month's royalty sheet: its lines (one per graded contribution) and each
author's total, computed from the grades while the month is a draft, read
back as approved once it is locked. Pages, exports and approval all use
``sheet_for``; the arithmetic is in ``money``."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from authors.bylines import Kind

from . import money
from .models import Grade, SheetLine, SheetTotal


@dataclass
class Line:
    author_id: int
    author_name: str
    article_id: int
    article_title: str
    published_at: object
    role: str
    work_type: str
    points: Decimal
    factor: Decimal
    share: Decimal
    effective: Decimal
    amount: Decimal = Decimal("0")


@dataclass
class AuthorTotal:
    author_id: int
    author_name: str
    real_name: str
    kind: str
    lines: list = field(default_factory=list)
    gross: Decimal = Decimal("0")
    tax: Decimal = Decimal("0")
    net: Decimal = Decimal("0")
    id_number: str = ""
    tax_code: str = ""
    bank_account: str = ""
    bank_name: str = ""

    @property
    def staff(self):
        return self.kind in (Kind.REPORTER, Kind.EDITOR)

    @property
    def kind_label(self):
        return Kind(self.kind).label if self.kind in Kind.values else self.kind

    @property
    def works(self):
        return len(self.lines)

    @property
    def effective(self):
        return sum((line.effective for line in self.lines), Decimal("0"))

    @property
    def has_payment_details(self):
        return bool(self.id_number and self.bank_account)


@dataclass
class Sheet:
    month: object
    authors: list  # AuthorTotal, by name
    point_value: Decimal | None  # given, or what the fund makes of a point
    tax_threshold: Decimal
    tax_rate: Decimal

    @property
    def lines(self):
        return [line for author in self.authors for line in author.lines]

    @property
    def effective(self):
        return sum((a.effective for a in self.authors), Decimal("0"))

    @property
    def gross(self):
        return sum((a.gross for a in self.authors), Decimal("0"))

    @property
    def tax(self):
        return sum((a.tax for a in self.authors), Decimal("0"))

    @property
    def net(self):
        return sum((a.net for a in self.authors), Decimal("0"))

    def for_author(self, author_id):
        return next((a for a in self.authors if a.author_id == author_id), None)


def tax_rule():
    return Decimal(settings.NEWSROOM_ROYALTY_TAX_THRESHOLD), Decimal(settings.NEWSROOM_ROYALTY_TAX_RATE)


def compute(month, authors, threshold, rate):
    """Fill in the amounts, tax and net of ``authors`` (their lines' points
    known) by the month's point value or fund. Pure: no database."""
    lines = [line for author in authors for line in author.lines]
    points = [line.effective for line in lines]
    if month.fund:
        amounts = money.amounts_from_fund(points, month.fund)
        point_value = money.point_value_of_fund(points, month.fund)
    elif month.point_value:
        amounts = money.amounts_by_point_value(points, month.point_value)
        point_value = month.point_value
    else:
        amounts, point_value = [Decimal("0")] * len(lines), None
    for line, amount in zip(lines, amounts, strict=True):
        line.amount = amount
    for author in authors:
        author.gross = sum((line.amount for line in author.lines), Decimal("0"))
        author.tax = money.tax_withheld(author.gross, staff=author.staff, threshold=threshold, rate=rate)
        author.net = author.gross - author.tax
    return Sheet(month, authors, point_value, threshold, rate)


def live_sheet(month):
    """The sheet of a draft month, from its grades (one query)."""
    grades = (
        Grade.objects.filter(month=month)
        .select_related("work_type", "contribution__article", "contribution__author__payment_details")
        .order_by("contribution__author__name", "contribution__author_id", "contribution__article__published_at", "pk")
    )
    authors = {}
    for grade in grades:
        contribution = grade.contribution
        author = contribution.author
        if author.pk not in authors:
            details = getattr(author, "payment_details", None)
            authors[author.pk] = AuthorTotal(
                author.pk,
                author.name,
                author.real_name,
                author.kind,
                id_number=details.id_number if details else "",
                tax_code=details.tax_code if details else "",
                bank_account=details.bank_account if details else "",
                bank_name=details.bank_name if details else "",
            )
        article = contribution.article
        authors[author.pk].lines.append(
            Line(
                author.pk,
                author.name,
                article.pk,
                article.title,
                article.published_at,
                contribution.get_role_display(),
                grade.work_type.name,
                grade.points,
                grade.factor,
                grade.share,
                money.effective_points(grade.points, grade.factor, grade.share),
            )
        )
    threshold, rate = tax_rule()
    return compute(month, list(authors.values()), threshold, rate)


def approved_sheet(month):
    """The sheet as it was approved (two queries)."""
    authors = {
        total.author_id: AuthorTotal(
            total.author_id,
            total.author_name,
            total.real_name,
            total.kind,
            gross=total.gross,
            tax=total.tax,
            net=total.net,
            id_number=total.id_number,
            tax_code=total.tax_code,
            bank_account=total.bank_account,
            bank_name=total.bank_name,
        )
        for total in SheetTotal.objects.filter(month=month).order_by("author_name", "author_id")
    }
    for row in SheetLine.objects.filter(month=month).order_by("position"):
        authors[row.author_id].lines.append(
            Line(
                row.author_id,
                row.author_name,
                row.article_id,
                row.article_title,
                row.published_at,
                row.role,
                row.work_type,
                row.points,
                row.factor,
                row.share,
                row.effective,
                row.amount,
            )
        )
    points = [line.effective for author in authors.values() for line in author.lines]
    point_value = month.point_value or (money.point_value_of_fund(points, month.fund) if month.fund else None)
    return Sheet(month, list(authors.values()), point_value, month.tax_threshold, month.tax_rate)


def sheet_for(month):
    return approved_sheet(month) if month.is_locked else live_sheet(month)


def store(sheet):
    """Keep ``sheet`` as the approved one of its month."""
    month = sheet.month
    SheetTotal.objects.bulk_create(
        SheetTotal(
            month=month,
            author_id=a.author_id,
            author_name=a.author_name,
            real_name=a.real_name,
            kind=a.kind,
            works=a.works,
            effective=a.effective,
            gross=a.gross,
            tax=a.tax,
            net=a.net,
            id_number=a.id_number,
            tax_code=a.tax_code,
            bank_account=a.bank_account,
            bank_name=a.bank_name,
        )
        for a in sheet.authors
    )
    SheetLine.objects.bulk_create(
        SheetLine(
            month=month,
            author_id=line.author_id,
            position=position,
            author_name=line.author_name,
            article_id=line.article_id,
            article_title=line.article_title[:300],
            published_at=line.published_at,
            role=str(line.role)[:40],
            work_type=line.work_type,
            points=line.points,
            factor=line.factor,
            share=line.share,
            effective=line.effective,
            amount=line.amount,
        )
        for position, line in enumerate(sheet.lines)
    )
