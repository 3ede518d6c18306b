from django import forms
from django.utils.translation import gettext_lazy as _

from . import processing
from .models import Image


class ImageUploadForm(forms.ModelForm):
    """Add an image: the file is checked (type from its content, size, pixel
    count, a full decode) here, so any problem is a Vietnamese message on the
    form, never a 500."""

    upload = forms.FileField(
        label=_("Tệp ảnh"),
        help_text=_("JPEG, PNG, WebP hoặc GIF. Ảnh được lưu lại dưới tên ngẫu nhiên, đã xoá thông tin EXIF/GPS."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    class Meta:
        model = Image
        fields = ["caption", "credit", "alt_text"]
        widgets = {
            "caption": forms.TextInput(attrs={"size": 90}),
            "credit": forms.TextInput(attrs={"size": 60}),
            "alt_text": forms.TextInput(attrs={"size": 90}),
        }

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.prepared = processing.prepare(upload, size=upload.size)
        return upload


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["caption", "credit", "alt_text"]
        widgets = ImageUploadForm.Meta.widgets
