"""A month: its point value or fund, approval and lock by the Tổng biên tập,
the approved sheet kept as approved, an explicit reopening in the audit log;
the sheets on screen, in Excel (read back with openpyxl) and on paper."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from articles import roles
from audit.models import AuditEntry
from authors.bylines import Kind, Role
from authors.models import Author, PaymentDetails
from authors.services import merge_authors
from royalties import services
from royalties.models import RoyaltyMonth, SheetLine, SheetTotal
from tests.factories import AuthorFactory, UserFactory

from .conftest import collaborator, contribution, member_of, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(secretary, scale, month):
    """October 2026 at 50,000 đ a point: a collaborator's news (4 × 1.2 =
    4.8 points: 240,000 đ) and photo (2 points: 100,000 đ), and a staff
    reporter's report (20 points: 1,000,000 đ)."""
    binh, long = collaborator("Thanh Bình"), AuthorFactory(name="Quang Long", real_name="Nguyễn Quang Long")
    news = published("Mùa hoa ban", day=5)
    report = published("=Phóng sự bản Mường Phăng", day=20)  # a title Excel would take for a formula
    services.grade(
        contribution(news, binh, Role.NEWS),
        by=secretary,
        work_type=scale["tin"],
        points=4,
        coefficients=[scale["doc_quyen"]],
    )
    services.grade(contribution(news, binh, Role.PHOTO), by=secretary, work_type=scale["anh"], points=2)
    services.grade(contribution(report, long, Role.PRODUCTION), by=secretary, work_type=scale["phong_su"], points=20)
    return {"binh": binh, "long": long, "news": news, "report": report}


# ---- the month's value --------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"point_value": "0"}, "lớn hơn 0"),
        ({"point_value": "-5000"}, "lớn hơn 0"),
        ({"point_value": "1500.5"}, "không có phần lẻ"),
        ({"fund": "abc"}, "phải là một số"),
        ({"point_value": "50000", "fund": "1000000"}, "không điền cả hai"),
        ({}, "không điền cả hai"),
    ],
)
def test_a_bad_point_value_or_fund_is_refused(secretary, month, values, message):
    with pytest.raises(ValidationError, match=message):
        services.set_month_value(month, by=secretary, **values)
    month.refresh_from_db()
    assert (month.point_value, month.fund) == (Decimal("50000"), None)


def test_a_point_value_change_is_in_the_audit_log(secretary, month):
    services.set_month_value(month, by=secretary, fund="30000000")
    month.refresh_from_db()
    assert (month.point_value, month.fund) == (None, Decimal("30000000"))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROYALTY_VALUE)
    assert (entry.actor, entry.detail) == (secretary, "Quỹ nhuận bút: 30.000.000 đồng")


def test_the_admin_form_refuses_a_zero_point_value_in_vietnamese(client, secretary, month):
    client.force_login(secretary)
    response = client.post(f"/admin/royalties/royaltymonth/{month.pk}/change/", {"point_value": "0", "fund": ""})
    assert response.status_code == 200
    assert "Phải lớn hơn 0." in response.content.decode()


def test_the_desk_sets_a_month_s_fund_in_the_admin(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/admin/royalties/royaltymonth/add/", {"year": "2026", "month": "9", "point_value": "", "fund": "25.000.000"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoyaltyMonth.objects.get(year=2026, month=9).fund == Decimal("25000000")


# ---- the sheet ------------------------------------------------------------------------


def test_the_sheet_adds_up_with_tax_only_for_non_staff_above_the_threshold(client, accountant, graded, month):
    client.force_login(accountant)
    response = client.get(f"/admin/royalties/royaltymonth/{month.pk}/bang/")
    assert response.status_code == 200
    sheet = response.context["sheet"]
    rows = {a.author_name: (a.works, a.effective, a.gross, a.tax, a.net) for a in sheet.authors}
    assert rows == {
        "Thanh Bình": (2, Decimal("6.8000"), Decimal("340000"), Decimal("0"), Decimal("340000")),
        "Quang Long": (1, Decimal("20.0000"), Decimal("1000000"), Decimal("0"), Decimal("1000000")),
    }
    html = response.content.decode()
    assert "1.340.000" in html and "Một triệu ba trăm bốn mươi nghìn đồng" in html
    assert "1234567890" in html  # Kế toán sees the bank account


def test_a_collaborator_above_the_threshold_has_tax_withheld(secretary, scale, month):
    big = collaborator("Mai Phương")
    for day in (2, 3):
        services.grade(
            contribution(published(f"Phóng sự {day}", day=day), big),
            by=secretary,
            work_type=scale["phong_su"],
            points=20,
        )
    from royalties.sheets import sheet_for

    [author] = sheet_for(month).authors
    assert (author.gross, author.tax, author.net) == (Decimal("2000000"), Decimal("200000"), Decimal("1800000"))


@pytest.mark.parametrize("role", [roles.REPORTER, roles.EDITOR])
def test_the_paper_s_sheet_is_not_for_reporters(client, graded, month, role):
    client.force_login(member_of(role, "nguoi"))
    assert client.get(f"/admin/royalties/royaltymonth/{month.pk}/bang/").status_code == 403
    assert client.get(f"/admin/royalties/royaltymonth/{month.pk}/xlsx/").status_code == 403


def test_a_reporter_sees_his_own_points_and_sheet_only(client, graded, month):
    reporter = member_of(roles.REPORTER, "phongvien")
    long = graded["long"]
    long.user = reporter
    long.save()
    client.force_login(reporter)
    assert "Nhuận bút của tôi" in client.get("/admin/").content.decode()
    own = client.get("/admin/royalties/royaltymonth/cua-toi/").content.decode()
    assert "Tháng 10/2026" in own and "1.000.000" in own
    mine = client.get(f"/admin/royalties/royaltymonth/{month.pk}/bang/{long.pk}/")
    assert mine.status_code == 200 and "Phóng sự bản Mường Phăng" in mine.content.decode()
    theirs = f"/admin/royalties/royaltymonth/{month.pk}/bang/{graded['binh'].pk}/"
    assert client.get(theirs).status_code == 403


def test_the_workbook_reads_back_cell_by_cell(client, accountant, graded, month):
    client.force_login(accountant)
    response = client.get(f"/admin/royalties/royaltymonth/{month.pk}/xlsx/")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="nhuan-but-2026-10.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    summary = book["Tổng hợp"]
    assert summary["A2"].value == "BẢNG NHUẬN BÚT THÁNG 10/2026"
    assert summary["A3"].value == "Bản nháp, chưa duyệt – giá trị một điểm: 50.000 đồng"
    header = [c.value for c in summary[5]]
    assert header == [
        "STT", "Tác giả", "Họ và tên", "Loại", "Số tác phẩm", "Điểm quy đổi", "Thành tiền (đồng)",
        "Thuế TNCN khấu trừ (đồng)", "Thực lĩnh (đồng)",
        "Số CCCD", "Mã số thuế", "Số tài khoản", "Ngân hàng", "Ký nhận",
    ]  # fmt: skip
    assert [c.value for c in summary[6]][:9] == [
        1,
        "Quang Long",
        "Nguyễn Quang Long",
        "Phóng viên",
        1,
        20,
        1000000,
        0,
        1000000,
    ]
    assert [c.value for c in summary[7]][:13] == [
        2, "Thanh Bình", "Nguyễn Thanh Bình", "Cộng tác viên", 2, 6.8, 340000, 0, 340000,
        "011223344556", None, "1234567890", "Agribank Điện Biên",  # an empty cell reads back as None
    ]  # fmt: skip
    total = [c.value for c in summary[8]][:9]
    assert total == [None, "Tổng cộng", None, None, 3, 26.8, 1340000, 0, 1340000]
    assert summary["G6"].number_format == "#,##0" and summary["F6"].number_format == "#,##0.00"
    details = book["Chi tiết"]
    first = [c.value for c in details[6]]
    assert first[:3] == [1, "Quang Long", "=Phóng sự bản Mường Phăng"]  # text, not a formula
    assert details["C6"].data_type == "s"
    assert first[3].date() == date(2026, 10, 20) and details["D6"].number_format == "dd/mm/yyyy"
    assert first[4:] == ["Thực hiện", "Phóng sự", 20, 1, 100, 20, 1000000]
    assert [c.value for c in details[9]][9:] == [26.8, 1340000]


def summary_header(client, month):
    book = load_workbook(io.BytesIO(client.get(f"/admin/royalties/royaltymonth/{month.pk}/xlsx/").content))
    return [c.value for c in book["Tổng hợp"][5]]


def test_the_workbook_has_payment_details_only_for_who_may_see_them(client, graded, month):
    from django.contrib.auth.models import Permission

    client.force_login(member_of(roles.ACCOUNTANT, "ketoan2"))
    assert "Số tài khoản" in summary_header(client, month)
    viewer = UserFactory(username="xem", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_royaltymonth"))
    client.force_login(viewer)
    assert "Số tài khoản" not in summary_header(client, month)


def test_an_author_s_workbook_lists_his_works_tax_and_net(client, accountant, graded, month):
    client.force_login(accountant)
    response = client.get(f"/admin/royalties/royaltymonth/{month.pk}/xlsx/{graded['binh'].pk}/")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A2"].value == "BẢNG NHUẬN BÚT THÁNG 10/2026 – THANH BÌNH"
    assert [c.value for c in ws[6]][4:] == ["Tin", "Tin", 4, 1.2, 100, 4.8, 240000]
    assert [c.value for c in ws[7]][4:] == ["Ảnh", "Ảnh", 2, 1, 100, 2, 100000]
    assert [c.value for c in ws[8]][9:] == [6.8, 340000]
    assert (ws["B9"].value, ws["K9"].value, ws["B10"].value, ws["K10"].value) == (
        "Thuế TNCN khấu trừ",
        0,
        "Thực lĩnh",
        340000,
    )


def test_the_printable_sheet_has_its_signature_lines(client, accountant, graded, month):
    client.force_login(accountant)
    html = client.get(f"/admin/royalties/royaltymonth/{month.pk}/in/").content.decode()
    for line in ("Người lập biểu", "Kế toán", "Tổng biên tập", "(Ký, ghi rõ họ tên)", "BẢN NHÁP, CHƯA DUYỆT"):
        assert line in html
    assert "Một triệu ba trăm bốn mươi nghìn đồng" in html
    html = client.get(f"/admin/royalties/royaltymonth/{month.pk}/in/{graded['binh'].pk}/").content.decode()
    assert "Phiếu thanh toán nhuận bút" in html and "Người nhận" in html and "Ba trăm bốn mươi nghìn đồng" in html


# ---- approval and lock ------------------------------------------------------------


def test_only_the_editor_in_chief_approves(client, secretary, graded, month):
    with pytest.raises(PermissionDenied):
        services.approve(month, by=secretary)
    client.force_login(secretary)
    assert client.post(f"/admin/royalties/royaltymonth/{month.pk}/duyet/").status_code == 403
    month.refresh_from_db()
    assert not month.is_locked


def test_a_collaborator_without_payment_details_stops_the_approval(chief, graded, month):
    PaymentDetails.objects.filter(author=graded["binh"]).delete()
    with pytest.raises(ValidationError, match="Chưa có thông tin thanh toán .* Thanh Bình"):
        services.approve(month, by=chief)
    month.refresh_from_db()
    assert not month.is_locked and not SheetTotal.objects.exists()


def test_an_empty_month_cannot_be_approved(chief, month):
    with pytest.raises(ValidationError, match="chưa có tác phẩm nào"):
        services.approve(month, by=chief)


def test_approval_locks_the_month_and_keeps_the_sheet_as_approved(client, chief, graded, month, settings):
    client.force_login(chief)
    response = client.post(f"/admin/royalties/royaltymonth/{month.pk}/duyet/")
    assert response.status_code == 302
    month.refresh_from_db()
    assert month.is_locked and month.approved_by == chief
    assert (month.tax_threshold, month.tax_rate) == (Decimal("2000000"), Decimal("0.1000"))
    assert SheetLine.objects.count() == 3
    # Later changes do not touch the approved sheet: a renamed author, a
    # collaborator hired, another tax rule.
    Author.objects.filter(pk=graded["binh"].pk).update(name="Bình Thanh", kind=Kind.REPORTER)
    settings.NEWSROOM_ROYALTY_TAX_THRESHOLD = Decimal("100")
    html = client.get(f"/admin/royalties/royaltymonth/{month.pk}/bang/").content.decode()
    assert "Thanh Bình" in html and "Bình Thanh" not in html
    assert "Đã duyệt và khóa" in html
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROYALTY_APPROVE)
    assert entry.actor == chief and "1.340.000" in entry.detail


def test_a_locked_month_s_form_is_read_only(client, chief, graded, month):
    services.approve(month, by=chief)
    client.force_login(chief)
    response = client.post(f"/admin/royalties/royaltymonth/{month.pk}/change/", {"point_value": "99999"})
    assert response.status_code == 403
    month.refresh_from_db()
    assert month.point_value == Decimal("50000")


def test_reopening_needs_a_reason_and_is_recorded(client, chief, secretary, scale, graded, month):
    services.approve(month, by=chief)
    with pytest.raises(ValidationError, match="lý do"):
        services.reopen(month, by=chief, reason="  ")
    with pytest.raises(PermissionDenied):
        services.reopen(month, by=secretary, reason="Sai điểm")
    client.force_login(chief)
    client.post(f"/admin/royalties/royaltymonth/{month.pk}/mo-lai/", {"reason": "Chấm sót ảnh của bài Mùa hoa ban"})
    month.refresh_from_db()
    assert not month.is_locked and not SheetLine.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROYALTY_REOPEN)
    assert (entry.actor, entry.detail) == (chief, "Chấm sót ảnh của bài Mùa hoa ban")
    # Regrading is open again.
    news = graded["news"].contributions.get(role=Role.PHOTO)
    services.grade(news, by=secretary, work_type=scale["anh"], points=3)


def test_a_month_s_fund_is_paid_out_exactly(chief, graded, month, secretary):
    services.set_month_value(month, by=secretary, fund="1000001")
    services.approve(month, by=chief)
    assert sum(SheetLine.objects.values_list("amount", flat=True)) == Decimal("1000001")
    assert sum(SheetTotal.objects.values_list("gross", flat=True)) == Decimal("1000001")


def test_merging_two_authors_of_one_approved_month_is_refused(chief, secretary, graded, month):
    services.approve(month, by=chief)
    with pytest.raises(ValidationError, match="một dòng sẽ mất"):
        merge_authors(graded["long"], [graded["binh"]], by=secretary)
    assert Author.objects.filter(pk=graded["binh"].pk).exists()
