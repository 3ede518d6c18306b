from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import pdf
from .models import Issue

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
MAX_FILES = 200  # one per page, and then some


class MultiplePdfInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePdfField(forms.FileField):
    """One PDF for the whole issue, or one PDF per page."""

    widget = MultiplePdfInput(attrs={"accept": "application/pdf,.pdf", "multiple": True})

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(MultiplePdfField, self).clean(f, initial) for f in files]


class IssueForm(forms.ModelForm):
    """An issue and its PDF(s). Here only what costs nothing is checked —
    the number of files, their sizes, that each begins like a PDF; the full
    checks and the page images are the background work's
    (editions/pdf.py), and its errors show on the issue."""

    pdf_files = MultiplePdfField(
        label=_("Tệp PDF"),
        required=False,
        help_text=_(
            "Một tệp PDF cho cả số báo, hoặc mỗi trang một tệp (xếp theo tên tệp: trang-01.pdf, trang-02.pdf…). "
            "Tải tệp mới lên sẽ thay các trang hiện có khi xử lý xong."
        ),
    )
    date = forms.DateField(
        label=_("ngày phát hành"),
        input_formats=DATE_INPUT_FORMATS,
        widget=AdminDateWidget(format="%d/%m/%Y"),
        help_text=_("Gõ theo dạng ngày/tháng/năm, ví dụ 04/12/2026."),
    )

    class Meta:
        model = Issue
        fields = ["edition", "number", "date", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or not self.instance.page_count:
            self.fields["pdf_files"].help_text = _(
                "Một tệp PDF cho cả số báo, hoặc mỗi trang một tệp (xếp theo tên tệp: trang-01.pdf, trang-02.pdf…)."
            )
        if self.instance.pk is None:
            self.fields["pdf_files"].required = True

    def clean_pdf_files(self):
        files = self.cleaned_data["pdf_files"]
        limit = settings.NEWSROOM_PRINT_MAX_BYTES
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Nhiều nhất %(n)s tệp một lần.") % {"n": MAX_FILES})
        total = sum(f.size for f in files)
        if total > limit:
            raise forms.ValidationError(
                _("Các tệp nặng %(size)s, quá giới hạn %(limit)s cho một số báo.")
                % {"size": filesizeformat(total), "limit": filesizeformat(limit)}
            )
        for upload in files:
            upload.seek(0)
            head = upload.read(pdf.HEAD_BYTES)
            upload.seek(0)
            if b"%PDF-" not in head:
                raise forms.ValidationError(
                    _("Tệp “%(name)s” không phải là tệp PDF.") % {"name": upload.name}, code="not_pdf"
                )
        return files
