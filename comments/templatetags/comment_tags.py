from django import template

from comments.forms import CommentForm
from comments.models import Comment
from comments.views import comments_open
from newsroom.themes import get_theme

register = template.Library()


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article):
    """“Bình luận” under an article: the approved comments (one query), then
    the form while comments are open. A form with errors comes from the view."""
    is_open = comments_open(article)
    form = context.get("comment_form")
    if form is None and is_open:
        form = CommentForm(article_id=article.pk)
        if context.get("comment_started"):  # a hole of the page cache, filled in for each reader
            form.initial["started"] = context["comment_started"]
    comments = list(Comment.objects.for_article_page(article))
    site_theme = context.get("site_theme") or get_theme(context.get("theme"))
    return {
        "article": article,
        "comments": comments,
        "comments_heading": site_theme.comments_heading(len(comments)),
        "form": form,
        "is_open": is_open,
        "theme": context.get("theme"),
        "request": context.get("request"),  # for the cached fields ({% fragment %})
    }


@register.simple_tag
def pending_comment_count():
    """For the admin index: how many comments wait for a moderator."""
    return Comment.objects.pending().count()
