"""Newsroom roles as Django groups, with their exact permissions.

The data migration ``0002_newsroom_roles`` creates them and
``0005_workflow_roles`` adds ``review_article``; tests and the demo read the
same table. Which article a holder of ``change_article`` may actually edit,
and which workflow steps he may take, is decided in ``articles.services``
(see docs/workflow.md)."""

from django.utils.translation import gettext_lazy as _

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
SECRETARY = "Thư ký tòa soạn"
EDITOR_IN_CHIEF = "Tổng biên tập"
ACCOUNTANT = "Kế toán"
LAYOUT = "Trình bày"  # the print edition's layout desk; editions/migrations/0003_layout_role.py

_WRITE = [  # keep in step with migrations/0002_newsroom_roles.py
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.view_category",
    "articles.view_tag",
    "articles.add_tag",
    "articles.change_tag",
    "counters.view_articleviewcount",  # counters/migrations/0003_roles_see_view_statistics.py
    # The image library; images/migrations/0002_roles_use_the_library.py.
    "images.view_image",
    "images.add_image",
    "images.change_image",
    # The video library; videos/migrations/0002_roles_use_the_library.py.
    "videos.view_video",
    "videos.add_video",
    "videos.change_video",
]
_REVIEW = _WRITE + ["articles.review_article"]  # migrations/0005_workflow_roles.py
_DESK = _REVIEW + [
    "articles.publish_article",
    "articles.delete_article",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_tag",
    "newsroom.view_publication",
    "images.delete_image",
    "videos.delete_video",
]

# Comment moderation; keep in step with comments/migrations/0002_moderator_roles.py.
_MODERATE = ["comments.view_comment", "comments.change_comment", "comments.view_blockedword"]
_MODERATE_DESK = _MODERATE + [
    "comments.delete_comment",
    "comments.add_blockedword",
    "comments.change_blockedword",
    "comments.delete_blockedword",
]

# Polls and website links; keep in step with polls/migrations/0002_desk_manages_polls.py
# and links/migrations/0002_desk_manages_links.py.
_READER_FEATURES = [
    f"{app}.{action}_{model}"
    for app, models in (("polls", ("poll", "option")), ("links", ("linkgroup", "link", "banner")))
    for model in models
    for action in ("view", "add", "change", "delete")
]

# Authors and their payment details; keep in step with
# authors/migrations/0002_roles_and_accounts_group.py.
_SEE_AUTHORS = ["authors.view_author", "authors.view_penname"]
_EDIT_AUTHORS = _SEE_AUTHORS + [
    "authors.add_author",
    "authors.change_author",
    "authors.add_penname",
    "authors.change_penname",
    "authors.delete_penname",
]
_PAYMENT_DETAILS = ["authors.view_paymentdetails", "authors.add_paymentdetails", "authors.change_paymentdetails"]
_DESK_AUTHORS = _EDIT_AUTHORS + ["authors.delete_author"] + _PAYMENT_DETAILS + ["authors.delete_paymentdetails"]

# Royalties; keep in step with royalties/migrations/0002_roles.py.
_READ_ROYALTIES = [
    "royalties.view_royaltymonth",
    "royalties.view_worktype",
    "royalties.view_coefficient",
    "royalties.view_grade",
    "royalties.view_gradechange",
]
_GRADE_ROYALTIES = _READ_ROYALTIES + [
    "royalties.add_royaltymonth",
    "royalties.change_royaltymonth",
    "royalties.grade_contribution",
]
_ROYALTY_SCALE = [
    f"royalties.{action}_{model}" for model in ("worktype", "coefficient") for action in ("add", "change", "delete")
]

# The print edition (Báo in); keep in step with editions/migrations/0003_layout_role.py.
_PRINT = [
    "editions.view_edition",
    "editions.view_issue",
    "editions.add_issue",
    "editions.change_issue",
    "editions.delete_issue",
    "editions.publish_issue",
    "editions.view_printedarticle",
    "editions.add_printedarticle",
    "editions.change_printedarticle",
    "editions.delete_printedarticle",
]
_PRINT_DESK = _PRINT + ["editions.add_edition", "editions.change_edition", "editions.delete_edition"]

ROLE_PERMISSIONS = {
    REPORTER: _WRITE + _SEE_AUTHORS,
    EDITOR: _REVIEW + _MODERATE + _EDIT_AUTHORS,
    SECRETARY: _DESK + _MODERATE_DESK + _READER_FEATURES + _PRINT_DESK + _DESK_AUTHORS + _GRADE_ROYALTIES,
    EDITOR_IN_CHIEF: _DESK
    + _MODERATE_DESK
    + _READER_FEATURES
    + _PRINT_DESK
    + _DESK_AUTHORS
    + _GRADE_ROYALTIES
    + _ROYALTY_SCALE
    + ["articles.delete_category", "newsroom.change_publication", "royalties.approve_royaltymonth"],
    ACCOUNTANT: _SEE_AUTHORS + _PAYMENT_DETAILS + _READ_ROYALTIES,
    LAYOUT: _PRINT + ["articles.view_article"],
}

ROLE_DESCRIPTIONS = {
    REPORTER: _("Viết và sửa bài của mình khi còn là nháp hoặc bị trả lại, gửi biên tập."),
    EDITOR: _("Biên tập mọi bài chờ biên tập, trả lại kèm ghi chú, gửi duyệt; duyệt bình luận."),
    SECRETARY: _(
        "Duyệt, xuất bản, hẹn giờ, gỡ bài, sắp xếp trang chủ, quản lý chuyên mục; "
        "duyệt và xóa bình luận, sửa danh sách từ bị chặn; quản lý thăm dò ý kiến và liên kết website; "
        "quản lý tác giả, chấm nhuận bút, đặt giá trị điểm; tải lên và xuất bản báo in, quản lý các ấn phẩm báo in."
    ),
    EDITOR_IN_CHIEF: _(
        "Như Thư ký tòa soạn, thêm sửa thông tin tờ báo và xóa chuyên mục; "
        "sửa khung nhuận bút, duyệt, khóa và mở lại bảng nhuận bút tháng."
    ),
    ACCOUNTANT: _("Xem bảng nhuận bút và thông tin thanh toán của cộng tác viên."),
    LAYOUT: _("Tải lên, xuất bản và gỡ các số báo in; gắn bài trên mạng với trang báo in."),
}
