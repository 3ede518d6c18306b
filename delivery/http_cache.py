"""HTTP caching headers of the public pages (docs/performance.md).

``PublicCacheMiddleware`` decides ``Cache-Control`` for a GET:

- a request with a session cookie (staff, logged in): ``private, no-cache,
  no-store`` — never kept by nginx, a CDN or the browser, whatever the view
  said;
- otherwise, if the view decided itself (previews, the article page while
  views are counted in it, a page of the cache contract: delivery/pages.py), that;
- a response that sets a cookie (the view counter's reload cookie, a flash
  message): ``private, max-age=0`` — a shared cache must not hand one
  reader's cookie to the next;
- otherwise (an anonymous page that sets no cookie): ``public, max-age=0,
  s-maxage=N``; browsers revalidate (ETag from ConditionalGetMiddleware),
  nginx or a CDN keep it N seconds: ``NEWSROOM_PUBLIC_S_MAXAGE`` and never
  past the next deadline, a scheduled article (delivery/data.py), so a scheduled
  story appears on time and an unpublished one is gone within N seconds.

``Vary: Cookie`` (added whenever the session was looked at) does not stop a
shared cache: every cookieless request shares one variant, and the nginx
configuration in docs/deployment.md bypasses its cache for a session cookie.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import data


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # Whatever the view said: a logged-in page is never kept.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif response.has_header("Cache-Control"):
            pass  # the view decided (previews, the article page, the page cache)
        elif response.cookies or response.status_code != 200 or not settings.NEWSROOM_PUBLIC_S_MAXAGE:
            patch_cache_control(response, private=True, max_age=0)
        else:
            s_maxage = min(settings.NEWSROOM_PUBLIC_S_MAXAGE, data.seconds_to_live(request))
            if s_maxage:
                patch_cache_control(response, public=True, max_age=0, s_maxage=s_maxage)
            else:
                patch_cache_control(response, private=True, max_age=0)
        return response
