"""Tác giả in the admin: names and pen names, the public page's bio and
photo, payment details for the desk and the accounts office only, an
accent-insensitive search (also the article form's autocomplete) and merging
duplicates."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.admin import CheckedInitialDataMixin
from newsroom.text import fold

from . import services
from .models import Author, PaymentDetails, PenName


class PenNameInline(admin.TabularInline):
    model = PenName
    extra = 1
    fields = ("name",)


class DigitsField(forms.CharField):
    """Digits typed with spaces or dots (“0011 2233 4455”) are kept as digits."""

    def to_python(self, value):
        return re.sub(r"[\s.]", "", super().to_python(value))


class PaymentDetailsForm(forms.ModelForm):
    id_number = DigitsField(label=_("số CCCD/CMND"), max_length=20)
    bank_account = DigitsField(label=_("số tài khoản"), max_length=30)

    class Meta:
        model = PaymentDetails
        fields = ("id_number", "tax_code", "bank_account", "bank_name", "account_holder", "address")


class PaymentDetailsInline(admin.StackedInline):
    """Shown only to those holding ``authors.view_paymentdetails`` (the desk
    and Kế toán): Django leaves an inline out for anyone else, and ignores
    its fields in a forged POST."""

    model = PaymentDetails
    form = PaymentDetailsForm
    extra = 0
    max_num = 1
    can_delete = True


@admin.register(Author)
class AuthorAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    list_display = ("name", "real_name", "kind", "user", "view_link")
    list_filter = ("kind",)
    list_select_related = ("user",)
    search_fields = ("search_text",)  # folded names; see get_search_results
    search_help_text = _("Tìm theo tên, bút danh hoặc họ tên thật, gõ có dấu hay không dấu đều được.")
    autocomplete_fields = ("photo",)
    fields = ("name", "real_name", "slug", "kind", "user", "bio", "photo")
    inlines = [PenNameInline, PaymentDetailsInline]
    actions = ["merge_selected"]
    list_per_page = 50

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # A plain list of the newsroom's accounts: an autocomplete would
            # need permission to read accounts, which the desk does not have.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Every word, without accents or case, inside one of the names:
        “quang lo” and “Quảng Long” both find “Quang Long”."""
        for word in fold(search_term).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_search_text()

    @admin.display(description=_("Trang tác giả"))
    def view_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem"))

    @admin.action(description=_("Gộp các tác giả đã chọn thành một"), permissions=["delete"])
    def merge_selected(self, request, queryset):
        authors = list(queryset.order_by("name", "pk"))
        if len(authors) < 2:
            self.message_user(request, _("Hãy chọn ít nhất hai tác giả để gộp."), messages.WARNING)
            return None
        target_id = request.POST.get("merge_into", "")
        target = next((a for a in authors if str(a.pk) == target_id), None)
        errors = []
        if "apply" in request.POST and target is not None:
            try:
                services.merge_authors(target, authors, by=request.user)
            except ValidationError as error:
                errors = error.messages
            else:
                self.message_user(
                    request,
                    _("Đã gộp %(count)d tác giả vào “%(name)s”.") % {"count": len(authors) - 1, "name": target.name},
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Gộp tác giả"),
            "authors": authors,
            "target": target,
            "errors": errors,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "missing_target": "apply" in request.POST and target is None,
        }
        return TemplateResponse(request, "admin/authors/author/merge.html", context)
