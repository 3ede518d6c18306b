"""Bàn làm việc: what waits for the person logged in, by role, on the admin's
front page. A Phóng viên sees his own work; the desk (review or publish
rights) sees the whole newsroom's queue.

Each panel is one indexed query for its first rows and, only when the rows
fill the panel, one count: the workflow states read the partial index
``article_workflow_idx``, the scheduled and published ones
``article_status_pub_idx``, one's own work the ``created_by`` index. The
number of queries is pinned by tests/workflow/test_dashboard.py."""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Article, Transition

S = Article.Status
ROWS = 5  # articles listed in a panel; the count says how many there are
WINDOW = timedelta(hours=24)

#: The article list's filter "Bài của tôi" (articles.admin.MineFilter).
MINE_PARAMETER = "cua_toi"


@dataclass
class Panel:
    """One box of the desk: a title, how many, the first few and a link to
    the article list filtered the same way."""

    key: str
    title: str
    url: str
    rows: list = field(default_factory=list)
    count: int = 0
    empty: str = ""
    time_label: str = ""

    @property
    def more(self):
        return max(self.count - len(self.rows), 0)


def changelist_url(**params):
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _fill(panel, queryset, time_field):
    rows = list(queryset[:ROWS])
    panel.count = len(rows) if len(rows) < ROWS else queryset.order_by().count()
    for article in rows:
        article.desk_time = getattr(article, time_field)
    panel.rows = rows
    return panel


def _base():
    return Article.objects.select_related("category").defer("body")


def panels_for(user):
    """The panels of ``user``'s desk, in the order they are shown."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return []
    now = timezone.now()
    desk = user.is_superuser or user.has_perm(services.REVIEW) or user.has_perm(services.PUBLISH)
    mine = _base().filter(created_by=user)
    panels = [
        _fill(
            Panel(
                "drafts",
                _("Bài nháp của tôi"),
                changelist_url(status__exact=S.DRAFT, **{MINE_PARAMETER: 1}),
                empty=_("Không có bài nháp nào."),
                time_label=_("sửa lúc"),
            ),
            mine.filter(status=S.DRAFT).order_by("-updated_at", "-id"),
            "updated_at",
        ),
        _fill(
            Panel(
                "returned",
                _("Bài bị trả lại"),
                changelist_url(status__exact=S.RETURNED, **{MINE_PARAMETER: 1}),
                empty=_("Không có bài nào bị trả lại."),
                time_label=_("sửa lúc"),
            ),
            mine.filter(status=S.RETURNED)
            .annotate(
                return_note=Subquery(
                    Transition.objects.filter(article=OuterRef("pk"), to_status=S.RETURNED)
                    .order_by("-at", "-id")
                    .values("note")[:1]
                )
            )
            .order_by("-updated_at", "-id"),
            "updated_at",
        ),
    ]
    if desk:
        queues = _base()
        panels += [
            _fill(
                Panel(
                    "editing",
                    S.IN_EDITING.label,
                    changelist_url(status__exact=S.IN_EDITING),
                    empty=_("Không có bài nào chờ biên tập."),
                    time_label=_("sửa lúc"),
                ),
                queues.filter(status=S.IN_EDITING).order_by("-updated_at", "-id"),
                "updated_at",
            ),
            _fill(
                Panel(
                    "approval",
                    S.IN_APPROVAL.label,
                    changelist_url(status__exact=S.IN_APPROVAL),
                    empty=_("Không có bài nào chờ duyệt."),
                    time_label=_("sửa lúc"),
                ),
                queues.filter(status=S.IN_APPROVAL).order_by("-updated_at", "-id"),
                "updated_at",
            ),
        ]
    else:
        panels.append(
            _fill(
                Panel(
                    "waiting",
                    _("Bài của tôi đang chờ biên tập, chờ duyệt"),
                    changelist_url(**{MINE_PARAMETER: 1}),
                    empty=_("Không có bài nào của bạn đang chờ."),
                    time_label=_("sửa lúc"),
                ),
                mine.filter(status__in=(S.IN_EDITING, S.IN_APPROVAL)).order_by("-updated_at", "-id"),
                "updated_at",
            )
        )
    scope = _base() if desk else mine
    own = {} if desk else {MINE_PARAMETER: 1}
    panels += [
        _fill(
            Panel(
                "scheduled",
                _("Hẹn giờ trong 24 giờ tới"),
                changelist_url(status__exact="scheduled", **own),
                empty=_("Không có bài nào hẹn giờ trong 24 giờ tới."),
                time_label=_("lên trang lúc"),
            ),
            scope.scheduled().filter(published_at__lte=now + WINDOW).order_by("published_at", "id"),
            "published_at",
        ),
        _fill(
            Panel(
                "published",
                _("Mới xuất bản trong 24 giờ qua"),
                changelist_url(status__exact=S.PUBLISHED, **own),
                empty=_("Chưa có bài nào xuất bản trong 24 giờ qua."),
                time_label=_("xuất bản lúc"),
            ),
            scope.published().filter(published_at__gte=now - WINDOW).order_by("-published_at", "-id"),
            "published_at",
        ),
    ]
    return panels
