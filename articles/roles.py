"""Newsroom roles as Django groups, with their exact permissions.

The data migration ``0002_newsroom_roles`` creates them; tests and the demo
read the same table. The editorial-workflow issue refines who may move an
article between states; publishing is already reserved to
``articles.publish_article``."""

from django.utils.translation import gettext_lazy as _

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
SECRETARY = "Thư ký tòa soạn"
EDITOR_IN_CHIEF = "Tổng biên tập"

_WRITE = [  # keep in step with migrations/0002_newsroom_roles.py
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.view_category",
    "articles.view_tag",
    "articles.add_tag",
    "articles.change_tag",
    "counters.view_articleviewcount",  # counters/migrations/0003_roles_see_view_statistics.py
]
_DESK = _WRITE + [
    "articles.publish_article",
    "articles.delete_article",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_tag",
    "newsroom.view_publication",
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

ROLE_PERMISSIONS = {
    REPORTER: _WRITE,
    EDITOR: _WRITE + _MODERATE,
    SECRETARY: _DESK + _MODERATE_DESK + _READER_FEATURES,
    EDITOR_IN_CHIEF: _DESK
    + _MODERATE_DESK
    + _READER_FEATURES
    + ["articles.delete_category", "newsroom.change_publication"],
}

ROLE_DESCRIPTIONS = {
    REPORTER: _("Viết và sửa bài, gửi biên tập."),
    EDITOR: _("Biên tập bài, gửi duyệt, duyệt bình luận."),
    SECRETARY: _(
        "Duyệt, xuất bản, hẹn giờ, gỡ bài, sắp xếp trang chủ, quản lý chuyên mục; "
        "duyệt và xóa bình luận, sửa danh sách từ bị chặn; quản lý thăm dò ý kiến và liên kết website."
    ),
    EDITOR_IN_CHIEF: _("Như Thư ký tòa soạn, thêm sửa thông tin tờ báo và xóa chuyên mục."),
}
