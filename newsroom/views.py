"""Site-wide views: friendly Vietnamese error pages."""

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

admin_site_header = _("Newsroom — Quản trị tòa soạn")
admin_index_title = _("Bàn làm việc")


def error_page(request, status, title, message):
    """A friendly Vietnamese error page with the site's header and footer."""
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request, exception=None):
    return error_page(
        request, 400, _("Yêu cầu không hợp lệ"), _("Trình duyệt đã gửi một yêu cầu mà trang không hiểu được.")
    )


def permission_denied(request, exception=None):
    return error_page(request, 403, _("Không có quyền truy cập"), _("Bạn không có quyền xem trang này."))


def page_not_found(request, exception=None):
    return error_page(
        request,
        404,
        _("Không tìm thấy trang"),
        _("Trang bạn tìm không có hoặc đã được chuyển đi. Mời bạn về trang chủ hoặc chọn một chuyên mục."),
    )


def server_error(request):
    # No context processors and no database here: whatever broke must not
    # break the error page too.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


def floor(request):
    """The benchmark's floor (scripts/bench.py): Django saying hello through the
    same middleware stack as every page, nothing else. Mounted only when
    NEWSROOM_BENCH_FLOOR is on."""
    return HttpResponse("Xin chào", content_type="text/plain; charset=utf-8")
