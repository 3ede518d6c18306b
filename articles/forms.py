from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from images.models import Image

from .media import check_audio
from .models import Article


class ArticleAdminForm(forms.ModelForm):
    # Put a library image into the body: the server appends its figure (with
    # caption) at the end of the body on save, whatever editor widget the
    # body uses, and works without JavaScript. The editor can then move it.
    insert_image = forms.ModelChoiceField(
        label=_("Chèn ảnh vào nội dung"),
        queryset=Image.objects.all(),
        required=False,
        widget=AutocompleteSelect(Article._meta.get_field("featured_image"), admin.site),
        help_text=_("Chọn một ảnh trong thư viện: khi lưu, ảnh và chú thích được thêm vào cuối nội dung bài."),
    )
    insert_image_caption = forms.CharField(
        label=_("Chú thích cho ảnh chèn"),
        required=False,
        max_length=500,
        help_text=_("Để trống để dùng chú thích và nguồn ảnh trong thư viện."),
        widget=forms.TextInput(attrs={"size": 90}),
    )

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
            "status",
            "published_at",
            "featured_position",
            "allow_comments",
            "featured_image",
            "featured_image_caption",
            "featured_image_credit",
            "audio",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"size": 90, "data-slug-source": "title"}),
            "slug": forms.TextInput(attrs={"size": 90, "data-slug-from": "title"}),
            "kicker": forms.TextInput(attrs={"size": 90}),
            "lead": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90}),
            "byline": forms.TextInput(attrs={"size": 60}),
            "featured_image_caption": forms.TextInput(attrs={"size": 90}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "audio" in self.fields:
            self.fields["audio"].widget.attrs["accept"] = "audio/mpeg,audio/mp4,audio/ogg,.mp3,.m4a,.ogg"

    def clean_audio(self):
        audio = self.cleaned_data.get("audio")
        if isinstance(audio, UploadedFile):
            return check_audio(audio)
        return audio

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("insert_image")
        if image is not None and "body" in cleaned:
            caption = cleaned.get("insert_image_caption") or None
            figure = image.figure_html(caption=caption)
            cleaned["body"] = f"{cleaned['body'] or ''}\n{figure}".strip()
        return cleaned
