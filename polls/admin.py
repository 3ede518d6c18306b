from django import forms
from django.contrib import admin
from django.db.models import Sum
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.admin import CheckedInitialDataMixin
from newsroom.dates import DATETIME_FORMFIELDS

from . import services
from .models import MAX_OPTIONS, MIN_OPTIONS, Option, Poll


class OptionInline(admin.TabularInline):
    model = Option
    fields = ("text", "position", "votes")
    readonly_fields = ("votes",)
    min_num = MIN_OPTIONS
    max_num = MAX_OPTIONS
    extra = 2

    def get_formset(self, request, obj=None, **kwargs):
        # The admin does not pass these by itself: without them a POST may
        # send fewer or more options than the form shows.
        kwargs.update(validate_min=True, validate_max=True)
        return super().get_formset(request, obj, **kwargs)


class PollAdminForm(forms.ModelForm):
    class Meta:
        model = Poll
        fields = ("question", "opens_at", "closes_at", "in_sidebar")

    def _get_validation_exclusions(self):
        # "One poll in the sidebar" is kept by services.save_poll(), which
        # takes the sidebar from the previous poll; do not refuse the form.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("in_sidebar")
        return exclusions


@admin.register(Poll)
class PollAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    form = PollAdminForm
    formfield_overrides = DATETIME_FORMFIELDS  # dd/mm/yyyy HH:MM, Vietnamese errors, the time zone named
    inlines = [OptionInline]
    list_display = ("question", "opens_at", "closes_at", "in_sidebar", "total_votes", "view_link")
    list_filter = ("in_sidebar",)
    search_fields = ("question",)
    date_hierarchy = "opens_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total=Sum("options__votes"))

    @admin.display(description=_("tổng số phiếu"), ordering="total")
    def total_votes(self, obj):
        return obj.total or 0

    @admin.display(description=_("Xem trên trang"))
    def view_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), _("Xem"))

    def save_model(self, request, obj, form, change):
        services.save_poll(obj)
