from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.dashboard import ROWS, Panel
from comments.forms import CommentForm
from comments.models import Comment
from comments.views import comments_open
from delivery import data, holes, scopes
from newsroom.themes import get_theme

register = template.Library()

FIELDS_TEMPLATE = "comments/comment_fields.html"


def _blank_fields():
    return render_to_string(FIELDS_TEMPLATE, {"form": CommentForm()})


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article):
    """“Bình luận” under an article: the approved comments (one query), then
    the form while comments are open. A form with errors comes from the view."""
    is_open = comments_open(article)
    form = context.get("comment_form")
    blank_fields = None
    if form is None and is_open:
        # A hole (comments/delivery.py): signed now for each reader, cached page or not.
        form = CommentForm(article_id=article.pk, initial={"started": holes.marker("comment-started", article.pk)})
        # The empty form's fields are the same under every article: rendered
        # once, kept as cached data ("site" scope) and shared.
        blank_fields = data.cached(context.get("request"), "comment-fields", [scopes.SITE], _blank_fields)
    comments = list(Comment.objects.for_article_page(article))
    site_theme = context.get("site_theme") or get_theme(context.get("theme"))
    return {
        "article": article,
        "comments": comments,
        "comments_heading": site_theme.comments_heading(len(comments)),
        "form": form,
        "blank_fields": blank_fields,
        "is_open": is_open,
        "theme": context.get("theme"),
    }


@register.simple_tag
def pending_comments_panel():
    """Bàn làm việc: the comments waiting for a moderator, newest first (one
    query, and a count only when the panel is full)."""
    queryset = Comment.objects.pending().select_related("article").order_by("-created_at", "-id")
    rows = list(queryset[:ROWS])
    return Panel(
        "comments",
        _("Bình luận chờ duyệt"),
        reverse("admin:comments_comment_changelist"),
        rows=rows,
        count=len(rows) if len(rows) < ROWS else queryset.order_by().count(),
        empty=_("Không có bình luận nào chờ duyệt."),
    )
