"""The video library as the article body's editor uses it (the video button
of static/js/prose-editor-newsroom.js): ``GET /admin/videos/video/chon/?q=…&trang=N``
lists the videos that are ready, newest first, searched like the library's
list, with the HTML the editor puts at the cursor. Errors are Vietnamese
messages with a 400."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Video

PAGE_SIZE = 24


def video_json(video):
    return {
        "id": video.pk,
        "title": video.title,
        "caption": video.caption,
        "length": video.length,
        "poster": video.poster_url,
        "src": video.url,
        "uploadedAt": timezone.localtime(video.uploaded_at).strftime("%d/%m/%Y"),
    }


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


class VideoPickerMixin:
    def get_urls(self):
        return [
            path("chon/", self.admin_site.admin_view(self.picker_view), name="videos_video_picker"),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        if request.method != "GET":
            return _json({"message": _("Chỉ nhận GET.")}, status=405)
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = request.GET.get("trang", "1")
        if not (page.isascii() and page.isdigit() and 0 < len(page) < 6 and int(page) > 0):
            return _json({"message": _("Số trang không hợp lệ.")}, status=400)
        page = int(page)
        query = request.GET.get("q", "").strip()[:200]
        if "\x00" in query:
            return _json({"message": _("Từ tìm không hợp lệ.")}, status=400)
        videos = Video.objects.ready().select_related("poster_image").order_by("-uploaded_at", "-id")
        if query:
            videos, _duplicates = self.get_search_results(request, videos, query)
        start = (page - 1) * PAGE_SIZE
        rows = list(videos[start : start + PAGE_SIZE + 1])
        return _json({"results": [video_json(v) for v in rows[:PAGE_SIZE]], "more": len(rows) > PAGE_SIZE})
