"""The arithmetic of a royalty sheet, in whole đồng, with no database: every
rule in one place (docs/royalties.md, “Làm tròn”).

- A line's points after coefficients and share (“điểm quy đổi”) are
  points × factor × share / 100, rounded half up to 4 decimals.
- With a point value, a line's amount is its points × the point value,
  rounded half up to the đồng, line by line.
- With a fund, the fund is shared by points and every đồng of it is paid:
  each line gets the whole đồng below its exact share, and the đồng left
  over go one each to the lines with the largest remainders (the earlier
  line first on a tie).
- An author's gross is the sum of his lines; tax, for a non-staff author
  whose gross reaches the threshold, is gross × rate rounded half up; net
  is gross − tax. A sheet's totals are sums of its lines and authors.
"""

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

DONG = Decimal("1")
POINT_PLACES = Decimal("0.0001")
HUNDRED = Decimal("100")


def whole(value):
    """Half up to the đồng."""
    return Decimal(value).quantize(DONG, rounding=ROUND_HALF_UP)


def effective_points(points, factor=Decimal("1"), share=HUNDRED):
    return (Decimal(points) * Decimal(factor) * Decimal(share) / HUNDRED).quantize(POINT_PLACES, ROUND_HALF_UP)


def factor_of(factors):
    """The product of coefficients, rounded half up to 4 decimals."""
    product = Decimal("1")
    for factor in factors:
        product *= Decimal(factor)
    return product.quantize(POINT_PLACES, ROUND_HALF_UP)


def amounts_by_point_value(points, point_value):
    """Each line's amount for a point value."""
    return [whole(p * Decimal(point_value)) for p in points]


def amounts_from_fund(points, fund):
    """Each line's share of ``fund``, in whole đồng, summing to ``fund``
    exactly (nothing at all when no line has points)."""
    total = sum(points, Decimal("0"))
    fund = Decimal(fund)
    if total <= 0:
        return [Decimal("0") for _ in points]
    exact = [p * fund / total for p in points]
    floors = [e.quantize(DONG, rounding=ROUND_FLOOR) for e in exact]
    left = int(fund - sum(floors, Decimal("0")))
    by_remainder = sorted(range(len(points)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return floors


def point_value_of_fund(points, fund):
    """What one point is worth when ``fund`` is shared (for display)."""
    total = sum(points, Decimal("0"))
    return (Decimal(fund) / total).quantize(Decimal("0.01"), ROUND_HALF_UP) if total > 0 else None


def tax_withheld(gross, *, staff, threshold, rate):
    """Personal income tax withheld from a non-staff author's month: ``rate``
    of the whole gross once it reaches ``threshold`` (today 10 % from
    2,000,000 đ), nothing for staff (taxed with their salary)."""
    if staff or gross < Decimal(threshold):
        return Decimal("0")
    return whole(Decimal(gross) * Decimal(rate))


def format_dong(amount):
    """1234567 → “1.234.567” (Vietnamese thousands)."""
    return f"{whole(amount):,.0f}".replace(",", ".")


def format_points(points, places=2):
    """12.5 → “12,50”."""
    value = Decimal(points).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _three(n, leading):
    """Words for 0 < n < 1000 inside a number (``leading``: its first group)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def in_words(amount):
    """A whole amount of đồng in words, as payment documents write it:
    1234000 → “Một triệu hai trăm ba mươi tư nghìn đồng”."""
    n = int(whole(amount))
    if n < 0:
        raise ValueError("a negative amount")
    if n == 0:
        return "Không đồng"
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    if len(groups) > len(_SCALES):
        raise ValueError("amount too large")
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three(group, leading=index == top)
        if _SCALES[index]:
            words.append(_SCALES[index])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]
