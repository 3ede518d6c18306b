"""The royalty workflow: grading a contribution (and removing a grade),
setting a month's point value or fund, approving and locking a month,
reopening it. One atomic function each; each checks its permission, records
who did it and when (GradeChange for grades, the audit log for months) and
refuses bad input with a Vietnamese message, storing nothing."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from audit.services import Action, record
from authors.bylines import SOURCE_ROLES, Kind

from . import money, sheets
from .models import Grade, GradeChange, RoyaltyMonth

GRADE = "royalties.grade_contribution"
SET_VALUE = "royalties.change_royaltymonth"
APPROVE = "royalties.approve_royaltymonth"
VIEW_SHEETS = "royalties.view_royaltymonth"


def _require(user, permission, message):
    if not (user.is_active and user.has_perm(permission)):
        raise PermissionDenied(message)


def _decimal(value, label):
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_("%(label)s phải là một số.") % {"label": label})
    return number


def month_of(moment, *, lock=False):
    """The royalty month of an aware datetime, made when first needed."""
    year, number = RoyaltyMonth.key_for(moment)
    month, _created = RoyaltyMonth.objects.get_or_create(year=year, month=number)
    if lock:
        month = RoyaltyMonth.objects.select_for_update().get(pk=month.pk)
    return month


def check_open(month):
    if month.is_locked:
        raise ValidationError(
            _("%(title)s đã được duyệt và khóa. Cần Tổng biên tập mở lại trước khi sửa.") % {"title": month.title}
        )


def _snapshot(grade):
    if grade is None:
        return None
    return {
        "the_loai": grade.work_type.name,
        "diem": str(grade.points),
        "he_so": [c.name for c in grade.coefficients.all()],
        "he_so_nhan": str(grade.factor),
        "ty_le": str(grade.share),
        "ghi_chu": grade.note,
    }


def _gradable(contribution):
    article = contribution.article
    if article.status != Article.Status.PUBLISHED or not article.is_visible:
        raise ValidationError(_("Chỉ chấm nhuận bút cho bài đã xuất bản."))
    if contribution.author.kind == Kind.ORGANISATION or contribution.role in SOURCE_ROLES:
        raise ValidationError(
            _("“%(name)s” là cơ quan, nguồn tin: không chấm nhuận bút.") % {"name": contribution.printed_name}
        )


@transaction.atomic
def grade(contribution, *, by, work_type, points, coefficients=(), share=100, note=""):
    """Give (or change) the grade of ``contribution``: ``points`` of
    ``work_type`` within the scale, times the ``coefficients``, of which
    ``share`` per cent is this contributor's. Recorded as a GradeChange."""
    _require(by, GRADE, _("Bạn không có quyền chấm nhuận bút."))
    _gradable(contribution)
    month = month_of(contribution.article.published_at, lock=True)
    check_open(month)
    points = _decimal(points, _("Điểm"))
    share = _decimal(share, _("Tỷ lệ hưởng"))
    coefficients = list(coefficients)
    if not work_type.active:
        raise ValidationError(_("Thể loại “%(name)s” không còn dùng.") % {"name": work_type.name})
    if points != points.quantize(Decimal("0.01")) or not work_type.min_points <= points <= work_type.max_points:
        raise ValidationError(
            _("Điểm của “%(type)s” phải từ %(min)s đến %(max)s (tối đa hai chữ số thập phân).")
            % {"type": work_type.name, "min": work_type.min_points, "max": work_type.max_points}
        )
    if not Decimal("0") < share <= Decimal("100") or share != share.quantize(Decimal("0.01")):
        raise ValidationError(_("Tỷ lệ hưởng phải lớn hơn 0 và không quá 100 %."))
    points, share = points.quantize(Decimal("0.01")), share.quantize(Decimal("0.01"))  # as stored
    inactive = [c.name for c in coefficients if not c.active]
    if inactive:
        raise ValidationError(_("Hệ số không còn dùng: %(names)s.") % {"names": ", ".join(inactive)})
    others = Grade.objects.filter(contribution__article=contribution.article, work_type=work_type).exclude(
        contribution=contribution
    ).aggregate(total=Sum("share"))["total"] or Decimal("0")
    if others + share > 100:
        raise ValidationError(
            _(
                "Các tác giả khác của bài đã hưởng %(used)s %% phần “%(type)s”; "
                "người này chỉ còn được tối đa %(left)s %%."
            )
            % {"used": others, "type": work_type.name, "left": Decimal("100") - others}
        )
    existing = Grade.objects.filter(contribution=contribution).select_related("work_type").first()
    before = _snapshot(existing)
    current = existing or Grade(contribution=contribution)
    current.month = month
    current.work_type = work_type
    current.points = points
    current.factor = money.factor_of(c.factor for c in coefficients)
    current.share = share
    current.note = note.strip()
    current.graded_by = by
    current.graded_at = timezone.now()
    current.save()
    current.coefficients.set(coefficients)
    after = _snapshot(current)
    if after != before:
        _record(contribution, month, before, after, by, note)
    return current


@transaction.atomic
def remove_grade(contribution, *, by, note=""):
    """Take a contribution off the month's sheet (not paid)."""
    _require(by, GRADE, _("Bạn không có quyền chấm nhuận bút."))
    existing = Grade.objects.filter(contribution=contribution).select_related("work_type", "month").first()
    if existing is None:
        return
    month = RoyaltyMonth.objects.select_for_update().get(pk=existing.month_id)
    check_open(month)
    before = _snapshot(existing)
    existing.delete()
    _record(contribution, month, before, None, by, note)


def _record(contribution, month, before, after, by, note):
    GradeChange.objects.create(
        contribution=contribution,
        month=month,
        article_title=contribution.article.title[:300],
        author_name=contribution.printed_name[:100],
        before=before,
        after=after,
        note=note.strip(),
        by=by,
    )


@transaction.atomic
def set_month_value(month, *, by, point_value=None, fund=None):
    """Set the month's point value, or its fund (the point value follows):
    one of them, a whole number of đồng above zero."""
    _require(by, SET_VALUE, _("Bạn không có quyền đặt giá trị điểm nhuận bút."))
    month = RoyaltyMonth.objects.select_for_update().get(pk=month.pk)
    check_open(month)
    given = {name: value for name, value in (("point_value", point_value), ("fund", fund)) if value not in (None, "")}
    if len(given) != 1:
        raise ValidationError(_("Điền giá trị một điểm hoặc quỹ nhuận bút, không điền cả hai."))
    ((name, value),) = given.items()
    label = _("Giá trị một điểm") if name == "point_value" else _("Quỹ nhuận bút")
    amount = _decimal(value, label)
    if amount <= 0 or amount != amount.quantize(Decimal("1")) or amount >= Decimal("1e12"):
        raise ValidationError(_("%(label)s phải là số đồng lớn hơn 0, không có phần lẻ.") % {"label": label})
    month.point_value = amount if name == "point_value" else None
    month.fund = amount if name == "fund" else None
    month.save(update_fields=["point_value", "fund"])
    detail = (_("Giá trị một điểm: %(v)s đồng") if name == "point_value" else _("Quỹ nhuận bút: %(v)s đồng")) % {
        "v": money.format_dong(amount)
    }
    record(Action.ROYALTY_VALUE, month, by=by, detail=detail)
    return month


@transaction.atomic
def approve(month, *, by):
    """The Tổng biên tập approves the month: the sheet is kept as it is now
    and the month is locked."""
    _require(by, APPROVE, _("Chỉ Tổng biên tập được duyệt bảng nhuận bút."))
    month = RoyaltyMonth.objects.select_for_update().get(pk=month.pk)
    check_open(month)
    if not (month.point_value or month.fund):
        raise ValidationError(_("Chưa đặt giá trị một điểm hoặc quỹ nhuận bút của tháng."))
    sheet = sheets.live_sheet(month)
    if not sheet.authors:
        raise ValidationError(_("Tháng này chưa có tác phẩm nào được chấm."))
    missing = [a.author_name for a in sheet.authors if not a.staff and a.gross > 0 and not a.has_payment_details]
    if missing:
        raise ValidationError(
            _("Chưa có thông tin thanh toán (số CCCD, số tài khoản) của cộng tác viên: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    month.status = RoyaltyMonth.Status.APPROVED
    month.approved_by = by
    month.approved_at = timezone.now()
    month.tax_threshold, month.tax_rate = sheet.tax_threshold, sheet.tax_rate
    month.save()
    sheets.store(sheet)
    record(
        Action.ROYALTY_APPROVE,
        month,
        by=by,
        detail=_("%(n)d tác giả, tổng %(gross)s đồng")
        % {"n": len(sheet.authors), "gross": money.format_dong(sheet.gross)},
    )
    return month


@transaction.atomic
def reopen(month, *, by, reason):
    """Unlock an approved month so that it can be regraded: explicit, with a
    reason, in the audit log. The approved sheet is dropped; approving again
    keeps the new one."""
    _require(by, APPROVE, _("Chỉ Tổng biên tập được mở lại bảng nhuận bút."))
    month = RoyaltyMonth.objects.select_for_update().get(pk=month.pk)
    if not month.is_locked:
        raise ValidationError(_("%(title)s chưa được duyệt, không cần mở lại.") % {"title": month.title})
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do mở lại bảng nhuận bút."))
    month.lines.all().delete()
    month.totals.all().delete()
    month.status = RoyaltyMonth.Status.DRAFT
    month.approved_by = None
    month.approved_at = None
    month.tax_threshold = month.tax_rate = None
    month.save()
    record(Action.ROYALTY_REOPEN, month, by=by, detail=reason.strip())
    return month
