from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.models import Publication
from newsroom.text import strip_lead_in

from . import revisions, services
from .media import check_audio
from .models import Article
from .sanitize import clean_body

# A publication time typed this far in the past, on an article it would put
# on the site, is refused rather than published at once (see _check_schedule).
PAST_SCHEDULE_TOLERANCE = timedelta(minutes=10)

# What the editor's toolbar offers; the server-side allow-list
# (articles/sanitize.py) is the one that decides what is kept.
PROSE_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "Figure": True,
        "Caption": True,
        "Image": True,
        "History": True,
        "HTML": True,
        # Vietnamese labels and the image library's picker
        # (static/js/prose-editor-newsroom.js, images/picker.py).
        "NewsroomEditor": {
            "pickerUrl": reverse_lazy("admin:images_image_picker"),
            "uploadUrl": reverse_lazy("admin:images_image_picker_upload"),
            # Videos from the library and allow-listed embeds, at the cursor
            # (videos/picker.py, articles/admin_multimedia.py).
            "videoPickerUrl": reverse_lazy("admin:videos_video_picker"),
            "embedUrl": reverse_lazy("admin:articles_article_embed"),
        },
    }
}


def refused_embed_hosts(body):
    """The hosts of the iframes in ``body`` that the sanitiser will turn
    into links (not on the embed list), in order, each once."""
    from urllib.parse import urlsplit

    from .embeds import IFRAME_SRC, from_src

    hosts = []
    for match in IFRAME_SRC.finditer(body or ""):
        src = match.group(1).replace("&amp;", "&")
        if from_src(src) is None:
            try:
                host = urlsplit(src).hostname or src[:60]
            except ValueError:
                host = src[:60]
            if host not in hosts:
                hosts.append(host)
    return hosts


class ArticleAdminForm(forms.ModelForm):
    """The article form. ``editor`` (the user) is set by the admin.

    ``edit_version`` is the article's version when the form was opened: a save
    made on an older one is refused (someone else saved in between), the
    editor's text is kept in the form, and ``conflict`` holds what differs."""

    edit_version = forms.IntegerField(label=_("phiên bản lúc mở"), widget=forms.HiddenInput, required=False)
    transition_note = forms.CharField(
        label=_("Ghi chú chuyển trạng thái"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
        help_text=_("Bắt buộc khi trả lại bài: phóng viên đọc ghi chú này để sửa."),
    )

    editor = None
    conflict = None

    class Meta:
        model = Article
        fields = [
            "kicker",
            "title",
            "slug",
            "genre",
            "lead",
            "body",
            "byline",
            "category",
            "tags",
            "published_at",
            "featured_position",
            "pinned_position",
            "allow_comments",
            "featured_image",
            "featured_image_caption",
            "featured_image_credit",
            "audio",
            "format",
            "lead_video",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"size": 90, "data-slug-source": "title"}),
            "slug": forms.TextInput(attrs={"size": 90, "data-slug-from": "title"}),
            "kicker": forms.TextInput(attrs={"size": 90}),
            "lead": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "body": AdminProseEditorWidget(config=PROSE_EDITOR_CONFIG, preset="configurable"),
            "byline": forms.TextInput(attrs={"size": 60}),
            "featured_image_caption": forms.TextInput(attrs={"size": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = self.instance.version
        if "audio" in self.fields:
            self.fields["audio"].widget.attrs["accept"] = "audio/mpeg,audio/mp4,audio/ogg,.mp3,.m4a,.ogg"
        if "format" in self.fields:
            # A form sent without it (an older page, a script) keeps the article's.
            self.fields["format"].required = False
        self.media_warnings = []

    def clean_format(self):
        return self.cleaned_data.get("format") or self.instance.format or Article.Format.STANDARD

    def clean_body(self):
        """Iframes from hosts not on the embed list become links when the
        body is cleaned (articles/sanitize.py): the article saves, and the
        editor is told which."""
        body = self.cleaned_data.get("body", "")
        for host in refused_embed_hosts(body):
            self.media_warnings.append(
                _(
                    "Khung nhúng từ “%(host)s” không nằm trong danh sách cho phép (YouTube, Facebook, TikTok, "
                    "Google Maps): đã đổi thành liên kết."
                )
                % {"host": host}
            )
        return body

    def clean_lead_video(self):
        video = self.cleaned_data.get("lead_video")
        if video is not None and not video.is_ready:
            self.media_warnings.append(
                _("Video đầu bài “%(title)s” chưa chuyển mã xong (%(state)s): trang bài chỉ hiện video khi xong.")
                % {"title": video.title, "state": video.get_status_display()}
            )
        return video

    def clean_lead(self):
        # The page prints the paper's prefix ("ĐBP - ") before the sapo: one
        # typed or pasted by hand would show twice, so it is dropped here.
        return strip_lead_in(self.cleaned_data.get("lead", ""), Publication.load().sapo_prefix)

    def clean_audio(self):
        audio = self.cleaned_data.get("audio")
        if isinstance(audio, UploadedFile):
            return check_audio(audio)
        return audio

    @property
    def requested_step(self):
        return self.data.get("_transition", "")

    def clean(self):
        cleaned = super().clean()
        self._check_schedule(cleaned)
        if self.instance.pk is not None:
            self._check_version(cleaned)
        name = self.requested_step
        if name and self.editor is not None:
            # PermissionDenied (a forged request) is not caught: it is a 403.
            try:
                services.check(self.editor, self.instance, name, cleaned.get("transition_note", ""))
            except ValidationError as error:
                self.add_error("transition_note", error)
        return cleaned

    def _check_schedule(self, cleaned):
        """A publication time typed in the past would publish at once (a
        mistyped year or a swapped day and month), not schedule: refused when
        it would put the article on the site, with a message. Moving the time
        of an article already on the site is a correction, and allowed."""
        at = cleaned.get("published_at")
        if at is None or "published_at" not in self.changed_data:
            return
        if at >= timezone.now() - PAST_SCHEDULE_TOLERANCE:
            return
        status = self.instance.status
        goes_live = self.requested_step == "publish" or (
            status == Article.Status.PUBLISHED and not self.instance.is_visible
        )
        if goes_live:
            self.add_error(
                "published_at",
                ValidationError(
                    _(
                        "%(at)s đã qua. Để hẹn giờ, hãy chọn một thời điểm trong tương lai; "
                        "để xuất bản ngay, hãy để trống ô này."
                    )
                    % {"at": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")},
                    code="past",
                ),
            )

    def _check_version(self, cleaned):
        # Read under a row lock, inside the admin's transaction: nobody saves
        # between this check and our save.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        if cleaned.get("edit_version") == current.version:
            return
        last = current.revisions.select_related("created_by").first()
        self.conflict = {
            "by": last.created_by if last else None,
            "at": timezone.localtime(last.created_at) if last else None,
            "diff": revisions.diff_table(
                revisions.snapshot(current),
                self._snapshot_of_submission(current, cleaned),
                _("Bản đã lưu"),
                _("Bản của bạn (chưa lưu)"),
            ),
        }
        # The next save, made knowingly after reading the difference, goes
        # through: the form now carries the saved version.
        data = self.data.copy()
        data["edit_version"] = current.version
        self.data = data
        raise ValidationError(
            _(
                "Bài này đã được người khác lưu sau khi bạn mở nó, nên bản của bạn chưa được lưu. "
                "Nội dung bạn gõ vẫn còn nguyên trong các ô dưới đây. Hãy xem phần khác nhau, "
                "sửa nếu cần rồi bấm Lưu lần nữa."
            ),
            code="conflict",
        )

    def _snapshot_of_submission(self, current, cleaned):
        data = revisions.snapshot(current)
        for name in revisions.RESTORED_FIELDS:
            if name not in cleaned:
                continue
            value = cleaned[name]
            if name in ("category", "featured_image"):
                value = value.pk if value else None
            elif name == "tags":
                value = sorted(value or [])
            elif name == "body":
                value = clean_body(value)
            data[name] = value
        return data
