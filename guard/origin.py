"""Same-origin POSTs without a CSRF token (docs/performance.md).

The sidebar poll is on every public page, the comment form on every article.
With Django's CSRF token in their forms every page would set the CSRF cookie
and could never be kept by nginx or a CDN, and the article page would need a
new token for every reader. Both endpoints are therefore protected by the
browser's own statement of where the form came from: the ``Origin`` header
(sent by every current browser on a POST), else the ``Referer``, must be
this site (or one of ``CSRF_TRUSTED_ORIGINS``). A form on another site
cannot forge either.
This is the check Django's CSRF middleware itself makes first; what is given
up is only the token's defence for very old browsers that send neither
header, and those are refused.

The refusal is the site's friendly error page (the ``error.html`` template
that newsroom.views.error_page renders too), rendered here by name so that
this app imports no project app.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


def is_same_origin(request):
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else None
    return origin in allowed


def same_origin_post(view):
    """A POST view without CSRF token, answered 403 unless same-origin."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return render(
                request,
                "error.html",
                {
                    "status": 403,
                    "title": _("Không gửi được biểu mẫu"),
                    "message": _("Biểu mẫu này chỉ gửi được từ trang của báo. Bạn hãy mở lại trang rồi thử lần nữa."),
                },
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
