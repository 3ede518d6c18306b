from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from counters.views import count_view
from ops import health

from . import views

admin.site.site_header = views.admin_site_header
admin.site.site_title = views.admin_site_header
admin.site.index_title = views.admin_index_title

urlpatterns = [
    path("admin/", admin.site.urls),
    path("luot-xem/<int:pk>/", count_view, name="count_view"),
    path("healthz", health.healthz, name="healthz"),
]

if settings.NEWSROOM_BENCH_FLOOR:
    urlpatterns.append(path("_bench/xin-chao/", views.floor))

if settings.NEWSROOM_SERVE_MEDIA:
    # Development and `make serve` only; a newsroom's server lets the web
    # server or CDN serve MEDIA_ROOT.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", views.serve_media))

urlpatterns.append(path("", include("comments.urls")))
urlpatterns.append(path("", include("polls.urls")))
urlpatterns.append(path("", include("editions.urls")))  # /bao-in/…, before the category pages
urlpatterns.append(path("", include("articles.urls")))

handler400 = "newsroom.views.bad_request"
handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
