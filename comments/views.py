"""Readers post a comment: a plain POST, then back to the article (Post/
Redirect/Get) with a confirmation, or the article again with the errors and
the reader's text kept (status 400), rendered by articles.views.render_article."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.views import page_articles, render_article
from guard.http import client_ip
from newsroom.models import Publication
from newsroom.views import error_page

from . import ratelimit, services
from .forms import CommentForm


def comments_open(article):
    return article.allow_comments and article.is_visible and Publication.load().comments_enabled


@require_POST
def post_comment(request, pk):
    article = get_object_or_404(page_articles(), pk=pk)
    if not article.is_visible:
        raise Http404(_("Không có bài viết này."))
    if not comments_open(article):
        return error_page(
            request,
            403,
            _("Bình luận đã đóng"),
            _("Bài viết này không nhận thêm bình luận. Cảm ơn bạn đã quan tâm."),
        )
    ip = client_ip(request)
    if not ratelimit.allow(ip):
        return error_page(
            request,
            429,
            _("Bạn gửi quá nhiều bình luận"),
            _("Bạn đã gửi nhiều bình luận trong thời gian ngắn. Mời bạn nghỉ ít phút rồi gửi tiếp."),
        )
    form = CommentForm(request.POST, article_id=article.pk)
    if not form.is_valid():
        form.refresh_token()
        return render_article(request, article, comment_form=form, status=400)
    services.submit_comment(
        article,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        ip=ip,
    )
    messages.success(request, _("Cảm ơn bạn đã gửi bình luận. Bình luận sẽ hiện sau khi được tòa soạn duyệt."))
    return redirect(article.get_absolute_url() + "#binh-luan")
