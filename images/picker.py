"""The image library as the article body's editor uses it (the picture
button of static/js/prose-editor-newsroom.js): a JSON list of library
images, newest first, searched like the library's own list, and an upload
that answers with the new image. Admin views of ``ImageAdmin`` (mixed in):

- ``GET /admin/images/image/chon/?q=…&trang=N`` (``images.view_image``);
- ``POST /admin/images/image/chon/tai-len/`` (``images.add_image``): the
  library's upload form (file checked before decoding, caption, credit,
  alt text); errors are Vietnamese messages with a 400, never a 500."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .forms import ImageUploadForm
from .models import Image

PAGE_SIZE = 24
THUMB_WIDTH = 320


def image_json(image):
    """What the picker shows of an image and what it puts in the body: the
    1280 px rendition, its size, caption, credit and alt text."""
    width, height = image.rendition_size(1280)
    return {
        "id": image.pk,
        "caption": image.caption,
        "credit": image.credit,
        "alt": image.description,
        "thumb": image.rendition_url(THUMB_WIDTH),
        "thumbHeight": round(160 * image.height / image.width),
        "src": image.rendition_url(1280),
        "width": width,
        "height": height,
        "uploadedAt": timezone.localtime(image.uploaded_at).strftime("%d/%m/%Y"),
    }


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


class PickerAdminMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("chon/", view(self.picker_view), name="images_image_picker"),
            path("chon/tai-len/", view(self.picker_upload_view), name="images_image_picker_upload"),
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
        images = Image.objects.order_by("-uploaded_at", "-id")
        if query:
            images, _duplicates = self.get_search_results(request, images, query)
        start = (page - 1) * PAGE_SIZE
        rows = list(images[start : start + PAGE_SIZE + 1])
        return _json({"results": [image_json(i) for i in rows[:PAGE_SIZE]], "more": len(rows) > PAGE_SIZE})

    def picker_upload_view(self, request):
        if request.method != "POST":
            return _json({"message": _("Chỉ nhận POST.")}, status=405)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages = [str(m) for errors in form.errors.values() for m in errors]
            return _json({"message": " ".join(messages), "errors": form.errors.get_json_data()}, status=400)
        image = form.save(commit=False)
        image.uploaded_by = request.user
        services.attach_files(image, form.prepared, form.cleaned_data["upload"].name)
        services.save_new(image)
        return _json({"image": image_json(image)}, status=201)
