from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from guard.login import ThrottledAdminLoginForm

from .models import Publication

# Log-in attempts are throttled per account and per IP (guard/login.py).
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


class CheckedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks up the selected value to show it;
    a value that cannot be an id (a word, a number past 64 bits: a form sent
    back with ``category=abc``) made that lookup a 500. Such values are not
    shown; the form's own validation says what is wrong with them."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._could_be_an_id(v)], attr)

    def _could_be_an_id(self, value):
        if value in (None, ""):
            return False
        try:
            key = self.field.target_field.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return False
        return not isinstance(key, int) or -(2**63) <= key < 2**63


class CheckedInitialDataMixin:
    """Values from the address or a form sent back that the fields cannot
    take never break a form with a 500: an add form pre-filled from its
    address (``?category=3``, as the admin's own links do) takes only the
    values its fields accept (``?category=abc`` or a date that is not one is
    left out), and autocomplete widgets show only values that can be ids."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        (_("Logo và biểu tượng"), {"fields": ("logo", "favicon", "touch_icon")}),
        (_("Bản nhẹ"), {"fields": ("light_edition",)}),
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
