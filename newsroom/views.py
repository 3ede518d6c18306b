"""Site-wide views: friendly Vietnamese error pages."""

import re
import sys

import psycopg
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError, connections
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

admin_site_header = _("Newsroom — Quản trị tòa soạn")
admin_index_title = _("Bàn làm việc")


def error_page(request, status, title, message, **extra):
    """A friendly Vietnamese error page with the site's header and footer.
    A request refused before the authentication middleware ran (a bad Host,
    a NUL in the address) is shown the page as a reader sees it."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message, **extra},
        status=status,
    )


def bad_request(request, exception=None):
    return error_page(
        request, 400, _("Yêu cầu không hợp lệ"), _("Trình duyệt đã gửi một yêu cầu mà trang không hiểu được.")
    )


def permission_denied(request, exception=None):
    return error_page(request, 403, _("Không có quyền truy cập"), _("Bạn không có quyền xem trang này."))


def search_suggestion(path):
    """Words to search for from a missing page's address: its last part
    without numbers, extension and dashes (``/tin-tuc/12/le-hoi-hoa-ban-123.html``
    → ``le hoi hoa ban``), at most eight words."""
    parts = [part for part in path.split("/") if part]
    last = parts[-1].rsplit(".", 1)[0] if parts else ""
    words = re.findall(r"[^\W\d_]+", last)
    words = [w for w in words if w.lower() not in {"html", "htm", "aspx", "php", "post", "index"}]
    return " ".join(words[:8])


def page_not_found(request, exception=None):
    """The 404 page, with a search box filled from the address: an old
    address nobody recorded still leads the reader to the article."""
    return error_page(
        request,
        404,
        _("Không tìm thấy trang"),
        _("Trang bạn tìm không có hoặc đã được chuyển đi. Mời bạn tìm bài, về trang chủ hoặc chọn một chuyên mục."),
        suggestion=search_suggestion(request.path),
        show_search=True,
    )


# SQLSTATE classes of a database that cannot serve now, whatever it is
# asked: 08 connection exception; 57P01-57P04 shut down by an operator, after
# a crash, still starting ("not yet accepting connections"), dropped.
UNREACHABLE_SQLSTATES = ("08", "57P0")


def lost_connection(error):
    """True when PostgreSQL's own error says the connection failed or the
    server is stopping or starting: an error libpq raised with no SQLSTATE
    (refused, closed unexpectedly: a server that answered always sends one)
    or one of UNREACHABLE_SQLSTATES. Decided from the error itself, because
    by the time the error page is made the server may be back (a restart
    takes about a second)."""
    cause = error.__cause__
    if not isinstance(cause, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    return cause.sqlstate is None or cause.sqlstate.startswith(UNREACHABLE_SQLSTATES)


def database_unreachable():
    """True when a database this request used cannot answer now: it refuses
    connections, or the connection was lost and is not usable. An
    OperationalError from a query the database could answer (SQLite's
    "expression tree is too large") is a bug to fix, not maintenance."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.ensure_connection()
            if not connection.is_usable():
                return True
        except Exception:  # noqa: BLE001 - asking a broken connection may fail in any way
            return True
    return False


# While the database is unreachable (a restart, a fail-over) pages answer
# 503 "bảo trì" and ask to be retried after this many seconds.
RETRY_AFTER_SECONDS = 5


def server_error(request):
    """The 500 page, or the 503 "bảo trì" page when what failed is the
    database being unreachable (OperationalError, InterfaceError: a restart,
    a fail-over, a connection dropped), as PostgreSQL's error says or as
    asking the database again shows. Every request opens or health-checks
    its connection (CONN_HEALTH_CHECKS), so the site recovers by itself.
    No context processors and no database here: whatever broke must not
    break the error page too."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError) and (lost_connection(error) or database_unreachable()):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def floor(request):
    """The benchmark's floor (scripts/bench.py): Django saying hello through the
    same middleware stack as every page, nothing else. Mounted only when
    NEWSROOM_BENCH_FLOOR is on. ``no-store``: not a page, so no cache keeps
    it and PublicCacheMiddleware does not work out how long a shared cache
    may keep it (two cache reads that would make the floor slower than the
    pages it is the floor of)."""
    response = HttpResponse("Xin chào", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def serve_media(request, path):
    """MEDIA_ROOT for development and ``make serve`` (NEWSROOM_SERVE_MEDIA):
    the content type from the stored name (names are ours: random, with the
    extension of the checked content), ``nosniff`` so a browser never guesses
    another type, and a sandboxing CSP so that nothing in media can run
    script even if opened directly. A production web server should send the
    same headers (docs/images.md). Hidden files and names the file system
    cannot take answer 404."""
    if any(part.startswith(".") for part in path.replace("\\", "/").split("/")):
        raise Http404  # dotfiles and "..": never served
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # a name too long for the file system, a NUL byte
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    return response
