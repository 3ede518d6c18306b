"""The video library's forms: every check of an upload happens here, so a
problem is a Vietnamese message on the form (never a 500) and nothing is
stored for a refused file."""

import shutil
import tempfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import ffmpeg, services
from .models import Video

ACCEPT = "video/mp4,video/webm,video/quicktime,.mp4,.webm,.mov,.m4v"


def probe_upload(upload):
    """ffmpeg.probe on an uploaded file (Django's temporary file, or a copy of
    a small one held in memory). Raises forms.ValidationError."""
    try:
        if hasattr(upload, "temporary_file_path"):
            return ffmpeg.probe(upload.temporary_file_path(), upload.size)
        with tempfile.NamedTemporaryFile(prefix="newsroom-video-") as copy:
            upload.seek(0)
            shutil.copyfileobj(upload, copy, 1 << 20)
            copy.flush()
            return ffmpeg.probe(copy.name, upload.size)
    except ffmpeg.VideoProblem as problem:
        raise forms.ValidationError(str(problem), code="video") from None
    finally:
        upload.seek(0)


class CaptionsMixin(forms.Form):
    captions_file = forms.FileField(
        label=_("Tệp phụ đề (WebVTT)"),
        required=False,
        help_text=_("Không bắt buộc. Tệp .vtt, bắt đầu bằng dòng “WEBVTT”; tối đa 512 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": "text/vtt,.vtt"}),
    )

    def clean_captions_file(self):
        upload = self.cleaned_data.get("captions_file")
        if not upload:
            return None
        return services.check_captions(upload)


class VideoUploadForm(CaptionsMixin, forms.ModelForm):
    upload = forms.FileField(
        label=_("Tệp video"),
        help_text=_(
            "MP4, WebM hoặc MOV; tối đa %(size)s và %(minutes)s phút. Video được chuyển mã trong nền "
            "(xem tiến độ trên trang video), xoá thông tin ngày quay, địa điểm, máy quay."
        )
        % {
            "size": filesizeformat(settings.NEWSROOM_VIDEO_MAX_BYTES),
            "minutes": settings.NEWSROOM_VIDEO_MAX_SECONDS // 60,
        },
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Video
        fields = ("title", "caption", "credit", "captions_label")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.probed = probe_upload(upload)
        return upload


class VideoChangeForm(CaptionsMixin, forms.ModelForm):
    remove_captions = forms.BooleanField(label=_("Bỏ phụ đề hiện có"), required=False)

    class Meta:
        model = Video
        fields = ("title", "caption", "credit", "poster_image", "captions_label")
