"""The arithmetic of a sheet: rounding, the fund shared to the last đồng,
tax by threshold and rate, amounts in words. Property tests: a sheet's total
is the sum of its lines, and no đồng is lost or made."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authors.bylines import Kind
from royalties import money
from royalties.sheets import AuthorTotal, Line, compute

points_strategy = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=4)
money_strategy = st.integers(min_value=1, max_value=10**10).map(Decimal)


def line(author_id, effective):
    return Line(author_id, "", 1, "", None, "", "", effective, Decimal(1), Decimal(100), effective)


def sheet_of(month, authors_points, kinds=None, threshold=Decimal("2000000"), rate=Decimal("0.10")):
    authors = []
    for i, points in enumerate(authors_points):
        kind = (kinds or {}).get(i, Kind.COLLABORATOR)
        author = AuthorTotal(i, f"Tác giả {i}", "", kind)
        author.lines = [line(i, p) for p in points]
        authors.append(author)
    return compute(month, authors, threshold, rate)


@given(st.lists(points_strategy, min_size=1, max_size=40), money_strategy)
def test_a_fund_is_shared_to_the_last_dong(points, fund):
    amounts = money.amounts_from_fund(points, fund)
    assert sum(amounts) == fund
    total = sum(points)
    for p, amount in zip(points, amounts, strict=True):
        assert amount == amount.to_integral_value()
        assert abs(amount - p * fund / total) < 1  # never more than a đồng from the exact share


@given(
    st.lists(st.lists(points_strategy, min_size=1, max_size=6), min_size=1, max_size=8),
    st.one_of(
        money_strategy.map(lambda v: SimpleNamespace(point_value=v, fund=None)),
        money_strategy.map(lambda v: SimpleNamespace(point_value=None, fund=v)),
    ),
)
def test_a_sheet_s_totals_are_the_sums_of_its_lines(authors_points, month):
    sheet = sheet_of(month, authors_points)
    for author in sheet.authors:
        assert author.gross == sum(line.amount for line in author.lines)
        assert author.net == author.gross - author.tax
        assert author.tax >= 0 and all(line.amount >= 0 for line in author.lines)
    assert sheet.gross == sum(line.amount for line in sheet.lines)
    assert sheet.net + sheet.tax == sheet.gross
    if month.fund:
        assert sheet.gross == month.fund


def test_amounts_by_point_value_round_half_up_line_by_line():
    assert money.amounts_by_point_value([Decimal("1.0001"), Decimal("0.00001")], Decimal("5000")) == [
        Decimal("5001"),  # 5000.5 → 5001
        Decimal("0"),  # 0.05 → 0
    ]


def test_effective_points_take_coefficients_and_share():
    assert money.effective_points(Decimal("10"), money.factor_of([Decimal("1.2"), Decimal("1.3")]), Decimal("60")) == (
        Decimal("9.3600")
    )


def test_a_fund_with_no_points_pays_nothing():
    assert money.amounts_from_fund([], Decimal("1000000")) == []


@pytest.mark.parametrize(
    ("gross", "staff", "tax"),
    [
        (Decimal("1999999"), False, Decimal("0")),  # under the threshold
        (Decimal("2000000"), False, Decimal("200000")),  # at it: 10 % of the whole payment
        (Decimal("2345675"), False, Decimal("234568")),  # half up
        (Decimal("9000000"), True, Decimal("0")),  # staff: taxed with the salary
    ],
)
def test_tax_is_withheld_from_non_staff_at_the_threshold(gross, staff, tax):
    assert money.tax_withheld(gross, staff=staff, threshold=Decimal("2000000"), rate=Decimal("0.10")) == tax


def test_the_threshold_and_rate_come_from_the_settings(settings, db):
    from royalties.sheets import tax_rule

    settings.NEWSROOM_ROYALTY_TAX_THRESHOLD = Decimal("5000000")
    settings.NEWSROOM_ROYALTY_TAX_RATE = Decimal("0.05")
    assert tax_rule() == (Decimal("5000000"), Decimal("0.05"))


def test_staff_pay_no_withheld_tax_on_the_sheet():
    month = SimpleNamespace(point_value=Decimal("100000"), fund=None)
    sheet = sheet_of(month, [[Decimal("30")], [Decimal("30")]], kinds={0: Kind.REPORTER})
    staff, collaborator = sheet.authors
    assert (staff.gross, staff.tax, staff.net) == (Decimal("3000000"), Decimal("0"), Decimal("3000000"))
    assert (collaborator.tax, collaborator.net) == (Decimal("300000"), Decimal("2700000"))


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (105, "Một trăm linh năm đồng"),
        (1005000, "Một triệu không trăm linh năm nghìn đồng"),
        (2000000, "Hai triệu đồng"),
        (1234567, "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"),
        (2700000000, "Hai tỷ bảy trăm triệu đồng"),
    ],
)
def test_amounts_in_words(amount, words):
    assert money.in_words(amount) == words


def test_thousands_are_written_the_vietnamese_way():
    assert money.format_dong(Decimal("1234567")) == "1.234.567"
    assert money.format_points(Decimal("1234.5")) == "1.234,50"
