"""Moderation: the queue of pending comments, newest first; approve, reject
or mark spam one by one (buttons on the comment) or in bulk (actions); edit
before approving; the newsroom's reply."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import BlockedWord, Comment

DECISIONS = {
    "_approve": (services.approve, _("Đã duyệt bình luận.")),
    "_reject": (services.reject, _("Đã từ chối bình luận.")),
    "_spam": (services.mark_spam, _("Đã xếp bình luận vào thư rác.")),
}


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on pending comments; the other states are one click away."""

    title = _("trạng thái")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("Tất cả"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


def _bulk(modeladmin, request, queryset, service, done):
    n = 0
    for comment in queryset:
        service(comment, by=request.user)
        n += 1
    modeladmin.message_user(request, done(n) % {"n": n}, messages.SUCCESS)


@admin.action(description=_("Duyệt các bình luận đã chọn"), permissions=["change"])
def approve_selected(modeladmin, request, queryset):
    _bulk(
        modeladmin,
        request,
        queryset,
        services.approve,
        lambda n: ngettext("Đã duyệt %(n)d bình luận.", "Đã duyệt %(n)d bình luận.", n),
    )


@admin.action(description=_("Từ chối các bình luận đã chọn"), permissions=["change"])
def reject_selected(modeladmin, request, queryset):
    _bulk(
        modeladmin,
        request,
        queryset,
        services.reject,
        lambda n: ngettext("Đã từ chối %(n)d bình luận.", "Đã từ chối %(n)d bình luận.", n),
    )


@admin.action(description=_("Xếp các bình luận đã chọn vào thư rác"), permissions=["change"])
def spam_selected(modeladmin, request, queryset):
    _bulk(
        modeladmin,
        request,
        queryset,
        services.mark_spam,
        lambda n: ngettext("Đã xếp %(n)d bình luận vào thư rác.", "Đã xếp %(n)d bình luận vào thư rác.", n),
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("excerpt", "name", "article", "created_at", "ip", "status", "flag")
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter,)
    list_select_related = ("article",)
    search_fields = ("name", "email", "body", "ip")
    ordering = ("-created_at", "-id")
    date_hierarchy = "created_at"
    actions = [approve_selected, reject_selected, spam_selected]
    list_per_page = 50
    fields = (
        "article",
        "name",
        "email",
        "body",
        "reply",
        "status",
        "flag",
        "ip",
        "created_at",
        "moderated_by",
        "moderated_at",
        "replied_by",
        "replied_at",
    )
    readonly_fields = (
        "article",
        "status",
        "flag",
        "ip",
        "created_at",
        "moderated_by",
        "moderated_at",
        "replied_by",
        "replied_at",
    )

    @admin.display(description=_("nội dung"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    def has_add_permission(self, request):
        return False  # comments come from readers

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "moderated_by", "replied_by")

    def changelist_view(self, request, extra_context=None):
        pending = Comment.objects.pending().count()
        extra_context = {
            **(extra_context or {}),
            "title": ngettext("Bình luận — %(n)d bình luận chờ duyệt", "Bình luận — %(n)d bình luận chờ duyệt", pending)
            % {"n": pending},
        }
        return super().changelist_view(request, extra_context)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """The moderator's edits, then the reply and the decision through the
        services, so that who did it and when is recorded."""
        new_reply = obj.reply
        reply_changed = "reply" in form.changed_data
        if reply_changed:
            obj.reply = form.initial.get("reply", "")
        super().save_model(request, obj, form, change)
        if reply_changed:
            services.reply(obj, new_reply, by=request.user)
        for button, (service, done) in DECISIONS.items():
            if button in request.POST:
                service(obj, by=request.user)
                self.message_user(request, done, messages.SUCCESS)
                break


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ("word", "created_at")
    search_fields = ("word",)
