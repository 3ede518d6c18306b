from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .login import ThrottledAdminLoginForm
from .models import Publication

# Log-in attempts are throttled per account and per IP (newsroom/login.py).
admin.site.login_form = ThrottledAdminLoginForm


def _vietnamese_boolean_icon(field_val):
    """Django's yes/no/unknown icon of a boolean column or read-only field,
    whose alt text Django writes as Python's "True"/"False"/"None": what a
    screen reader reads out (and the walk of tests/english.py finds)."""
    label = {True: _("Có"), False: _("Không"), None: _("Chưa rõ")}[field_val]
    icon = static("admin/img/icon-{}.svg".format({True: "yes", False: "no", None: "unknown"}[field_val]))
    return format_html('<img src="{}" alt="{}" title="{}">', icon, label, label)


# Django calls it by this module-level name from its list, read-only fields
# and helpers (looked up at call time), so replacing it here is enough.
admin_list._boolean_icon = _vietnamese_boolean_icon


class ReadOnlyAdminMixin:
    """For records nobody edits by hand (the audit log, view statistics):
    no add, change or delete in the admin, whatever the user's permissions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """The one profile: the list goes straight to its form."""

    fieldsets = (
        (None, {"fields": ("name", "tagline", "sapo_prefix", "theme")}),
        (_("Liên hệ"), {"fields": ("hotline", "email", "phone", "address")}),
        (_("Chân trang"), {"fields": ("owner", "licence", "editor_in_chief")}),
        (_("Bình luận"), {"fields": ("comments_enabled",)}),
    )

    def changelist_view(self, request, extra_context=None):
        Publication.load()
        return redirect(reverse("admin:newsroom_publication_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
