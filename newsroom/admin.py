from django.contrib import admin
from django.core.exceptions import ValidationError
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


class CheckedInitialDataMixin:
    """An add form pre-filled from its address (``?category=3``, as the
    admin's own links do) takes only the values its fields accept: a word
    where a category id belongs (``?category=abc``) or a date that is not
    one is left out instead of breaking the form's widgets with a 500."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not initial:
            return initial
        fields = self.get_form(request).base_fields
        checked = {}
        for name, value in initial.items():
            field = fields.get(name)
            if field is None:
                continue
            try:
                field.clean(value)
            except (ValidationError, TypeError, ValueError, OverflowError):
                continue
            checked[name] = value
        return checked


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
