"""Readers post a comment: a plain POST, then back to the article (Post/
Redirect/Get) with a confirmation, or the article again with the errors and
the reader's text kept (status 400)."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from articles.views import ArticleDetailView
from newsroom.http import client_ip
from newsroom.models import Publication
from newsroom.views import error_page

from . import ratelimit, services
from .forms import CommentForm


def comments_open(article):
    return article.allow_comments and article.is_visible and Publication.load().comments_enabled


class CommentPostView(ArticleDetailView):
    http_method_names = ["post"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
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
            context = self.get_context_data(object=article, comment_form=form)
            return self.render_to_response(context, status=400)
        services.submit_comment(
            article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            ip=ip,
        )
        messages.success(request, _("Cảm ơn bạn đã gửi bình luận. Bình luận sẽ hiện sau khi được tòa soạn duyệt."))
        return redirect(article.get_absolute_url() + "#binh-luan")
