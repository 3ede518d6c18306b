"""A royalty sheet as an Excel workbook (openpyxl): Vietnamese headers, the
amounts as whole numbers formatted with thousands, points with two decimals,
dates as dd/mm/yyyy, and the totals written as values (what any reader shows,
whether or not it computes formulas)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from . import money

MONEY = "#,##0"
POINTS = "#,##0.00"
DATE = "dd/mm/yyyy"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _put(sheet, row, column, value, number_format=None, font=None):
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a name like “=SUM(…)” is text, never a formula
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


def _heading(sheet, publication, title, status, columns):
    _put(sheet, 1, 1, publication, font=BOLD)
    _put(sheet, 2, 1, title.upper(), font=TITLE)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=columns)
    sheet.cell(row=2, column=1).alignment = Alignment(horizontal="center")
    _put(sheet, 3, 1, status)
    return 5  # the header row


def _table(sheet, header_row, headers, rows, formats, total_row=None):
    for column, (header, width) in enumerate(headers, start=1):
        cell = _put(sheet, header_row, column, str(header), font=BOLD)
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    row_number = header_row
    for row in rows:
        row_number += 1
        for column, value in enumerate(row, start=1):
            _put(sheet, row_number, column, value, formats.get(column)).border = BOX
    if total_row is not None:
        row_number += 1
        for column, value in enumerate(total_row, start=1):
            _put(sheet, row_number, column, value, formats.get(column), font=BOLD).border = BOX
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return row_number


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _status(sheet):
    month = sheet.month
    if month.is_locked:
        status = _("Đã duyệt ngày %(day)s") % {"day": timezone.localtime(month.approved_at).strftime("%d/%m/%Y")}
    else:
        status = _("Bản nháp, chưa duyệt")
    value = sheet.point_value
    if value is not None:
        shown = money.format_dong(value) if value == value.to_integral_value() else money.format_points(value)
        status += " – " + _("giá trị một điểm: %(v)s đồng") % {"v": shown}
    return status


LINE_HEADERS = [
    (_lazy("STT"), 6),
    (_lazy("Tác giả"), 22),
    (_lazy("Bài viết"), 48),
    (_lazy("Ngày đăng"), 12),
    (_lazy("Vai trò"), 12),
    (_lazy("Thể loại"), 14),
    (_lazy("Điểm"), 9),
    (_lazy("Hệ số"), 9),
    (_lazy("Tỷ lệ (%)"), 9),
    (_lazy("Điểm quy đổi"), 11),
    (_lazy("Thành tiền (đồng)"), 16),
]
LINE_FORMATS = {4: DATE, 7: POINTS, 8: "0.0000", 9: POINTS, 10: POINTS, 11: MONEY}


def _line_rows(lines):
    return [
        (
            number,
            line.author_name,
            line.article_title,
            _local_date(line.published_at),
            str(line.role),
            line.work_type,
            line.points,
            line.factor,
            line.share,
            line.effective,
            int(line.amount),
        )
        for number, line in enumerate(lines, start=1)
    ]


def workbook(sheet, publication, *, author=None, with_payment=False):
    """The .xlsx bytes of ``sheet``: for the paper, a summary per author
    (“Tổng hợp”) and every work (“Chi tiết”); for one ``author``
    (an AuthorTotal), his works with his total, tax and net."""
    book = Workbook()
    title = sheet.month.title
    if author is not None:
        ws = book.active
        ws.title = _("Nhuận bút")
        header = _heading(ws, publication, f"{title} – {author.author_name}", _status(sheet), len(LINE_HEADERS))
        last = _table(
            ws,
            header,
            LINE_HEADERS,
            _line_rows(author.lines),
            LINE_FORMATS,
            total_row=["", _("Tổng cộng"), "", "", "", "", "", "", "", author.effective, int(author.gross)],
        )
        for offset, (label, value) in enumerate(
            ((_("Thuế TNCN khấu trừ"), author.tax), (_("Thực lĩnh"), author.net)), start=1
        ):
            _put(ws, last + offset, 2, label, font=BOLD)
            _put(ws, last + offset, 11, int(value), MONEY, font=BOLD)
        return _save(book)

    summary = book.active
    summary.title = _("Tổng hợp")
    headers = [
        (_("STT"), 6),
        (_("Tác giả"), 22),
        (_("Họ và tên"), 24),
        (_("Loại"), 16),
        (_("Số tác phẩm"), 10),
        (_("Điểm quy đổi"), 12),
        (_("Thành tiền (đồng)"), 16),
        (_("Thuế TNCN khấu trừ (đồng)"), 16),
        (_("Thực lĩnh (đồng)"), 16),
    ]
    if with_payment:
        headers += [(_("Số CCCD"), 15), (_("Mã số thuế"), 14), (_("Số tài khoản"), 18), (_("Ngân hàng"), 28)]
    headers.append((_("Ký nhận"), 14))
    rows = []
    for number, a in enumerate(sheet.authors, start=1):
        row = [number, a.author_name, a.real_name, str(a.kind_label), a.works, a.effective]
        row += [int(a.gross), int(a.tax), int(a.net)]
        if with_payment:
            row += [a.id_number, a.tax_code, a.bank_account, a.bank_name]
        rows.append(row + [""])
    total = ["", _("Tổng cộng"), "", "", sum(a.works for a in sheet.authors), sheet.effective]
    total += [int(sheet.gross), int(sheet.tax), int(sheet.net)]
    header = _heading(summary, publication, title, _status(sheet), len(headers))
    _table(summary, header, headers, rows, {6: POINTS, 7: MONEY, 8: MONEY, 9: MONEY}, total_row=total)

    details = book.create_sheet(_("Chi tiết"))
    header = _heading(details, publication, title, _status(sheet), len(LINE_HEADERS))
    _table(
        details,
        header,
        LINE_HEADERS,
        _line_rows(sheet.lines),
        LINE_FORMATS,
        total_row=["", _("Tổng cộng"), "", "", "", "", "", "", "", sheet.effective, int(sheet.gross)],
    )
    return _save(book)


def _save(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
