from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .login import ThrottledAdminLoginForm
from .models import Publication

# Log-in attempts are throttled per account and per IP (newsroom/login.py).
admin.site.login_form = ThrottledAdminLoginForm


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
