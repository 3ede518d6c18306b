from django import forms
from django.utils.translation import gettext_lazy as _

from . import uploads
from .models import Image


class CheckedImageField(forms.FileField):
    """An image upload outside the library (a banner, the logo): checked and
    re-encoded like a library photo (images/uploads.py) and stored under a
    random name; a problem is a Vietnamese message on the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("JPEG, PNG, WebP hoặc GIF. Ảnh được lưu lại dưới tên ngẫu nhiên, đã xoá thông tin EXIF/GPS.")
        )
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "read"):
            return uploads.checked_image(value)
        return value


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
        self.prepared = uploads.process(upload, size=upload.size)
        return upload


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["caption", "credit", "alt_text"]
        widgets = ImageUploadForm.Meta.widgets
