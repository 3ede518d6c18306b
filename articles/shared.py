"""What several articles share and readers see on them at once: a library
image's caption, credit and description, a tag's name, a category. Changing
one changes published pages with no review, so:

- a desk role (who may publish) may change them;
- anyone else with the change permission (a Phóng viên) only while no
  published article of someone else shows them; otherwise the admin shows
  the object read-only and says why;
- every change is in the audit log (``audit.services.record``), with what
  it was and what it became.
"""

from django.utils.translation import gettext_lazy as _

from audit import services as audit

from .models import Article

REFUSAL = _(
    "Nội dung này đang hiện trên bài đã xuất bản của người khác, nên chỉ Thư ký tòa soạn hoặc "
    "Tổng biên tập sửa được (mọi thay đổi được ghi vào nhật ký tòa soạn). Hãy nhờ họ sửa giúp."
)


def may_change(user, articles):
    """May ``user`` change something shown on ``articles`` (a queryset)?"""
    if user.has_perm("articles.publish_article"):
        return True
    return not articles.filter(status=Article.Status.PUBLISHED).exclude(created_by=user).exists()


def record_change(action, obj, form, by):
    """One audit entry for the fields of ``form`` that changed on ``obj``."""
    changes = [
        f"{form.fields[name].label}: “{form.initial.get(name, '')}” → “{form.cleaned_data.get(name, '')}”"
        for name in form.changed_data
        if name in form.fields
    ]
    if changes:
        audit.record(action, obj, by=by, detail="; ".join(changes)[:2000])
