"""The reader's comment form, with its spam guards: a honeypot field, a signed
start time (a form filled in faster than a person can is refused), length
limits and clean-up of invisible characters."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.text import nfc, strip_bidi, strip_invisible

SALT = "comments.form-started"
MAX_AGE = 24 * 3600  # a form older than a day is stale


def started_token(article_id, at=None):
    return signing.dumps({"a": article_id, "t": at if at is not None else time.time()}, salt=SALT)


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Họ tên"),
        max_length=settings.NEWSROOM_COMMENT_NAME_MAX,
        error_messages={
            "required": _("Mời bạn nhập họ tên."),
            "max_length": _("Họ tên dài tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        # With a context: Django's catalog turns a bare "Email" into "Địa chỉ email".
        label=pgettext_lazy("comment form", "Email"),
        max_length=254,
        help_text=_("Không hiện công khai."),
        error_messages={"required": _("Mời bạn nhập email."), "invalid": _("Email chưa đúng, ví dụ: ten@example.vn.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Nội dung"),
        max_length=settings.NEWSROOM_COMMENT_BODY_MAX,
        error_messages={
            "required": _("Mời bạn viết nội dung bình luận."),
            "max_length": _("Nội dung dài tối đa %(limit_value)d ký tự (bạn đã viết %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Honeypot: hidden from people by CSS and aria-hidden; robots fill it.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        if not self.is_bound and "started" not in self.initial:
            self.initial["started"] = started_token(article_id)
        # The maxlength attribute would make the browser cut a pasted text
        # silently; the server says how long it is instead.
        self.fields["body"].widget.attrs.pop("maxlength", None)

    def clean_name(self):
        name = " ".join(strip_invisible(nfc(self.cleaned_data["name"])).split())
        if not name:
            raise forms.ValidationError(_("Mời bạn nhập họ tên."))
        return name

    def clean_email(self):
        return nfc(self.cleaned_data["email"]).strip()

    def clean_body(self):
        body = strip_bidi(nfc(self.cleaned_data["body"])).replace("\r\n", "\n").strip()
        if not body:
            raise forms.ValidationError(_("Mời bạn viết nội dung bình luận."))
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Không gửi được bình luận. Mời bạn tải lại trang rồi gửi lại."))
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT, max_age=MAX_AGE)
            ok = started["a"] == self.article_id
            elapsed = time.time() - float(started["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            ok, elapsed = False, 0
        self.timing_ok = ok and elapsed >= settings.NEWSROOM_COMMENT_MIN_SECONDS
        if not ok:
            raise forms.ValidationError(_("Trang đã mở quá lâu. Mời bạn tải lại trang rồi gửi lại bình luận."))
        if elapsed < settings.NEWSROOM_COMMENT_MIN_SECONDS:
            raise forms.ValidationError(_("Bạn gửi nhanh quá. Mời bạn đợi vài giây rồi bấm Gửi bình luận lần nữa."))
        return cleaned

    timing_ok = False

    def full_clean(self):
        """A form sent back with errors puts the reader on what to fix: the
        first field in error (the text box when the error is the whole
        form's, e.g. sent too fast) gets ``autofocus``, so the browser moves
        focus and scrolls to it, with or without JavaScript. (The form's
        address has no ``#fragment``: a page opened at a fragment ignores
        ``autofocus``.)"""
        super().full_clean()
        if self._errors:
            first = next((name for name in self.fields if name in self._errors), "body")
            self.fields[first].widget.attrs["autofocus"] = True

    def refresh_token(self):
        """After an error the reader tries again with their text kept. If the
        form was not sent too fast, they may send it again at once; otherwise
        the wait starts again."""
        now = time.time()
        data = self.data.copy()
        data["started"] = started_token(
            self.article_id, now - settings.NEWSROOM_COMMENT_MIN_SECONDS if self.timing_ok else now
        )
        self.data = data
