"""The audit log for administrators, and the account screens that write
permission changes into it."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import AuditEntry
from .services import Action, record

User = get_user_model()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only, and only for administrators (superusers)."""

    list_display = ("at", "actor", "action", "target_type", "target_repr", "detail")
    list_filter = ("action", "target_type", "at")
    list_select_related = ("actor",)
    search_fields = ("target_repr", "detail", "actor__username")
    search_help_text = _lazy("Tìm theo đối tượng, chi tiết hoặc tên đăng nhập.")
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _perm_names(perms):
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in perms)


def _describe(label, before, after):
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    parts = []
    if added:
        parts.append(_("%(label)s thêm: %(items)s") % {"label": label, "items": ", ".join(added)})
    if removed:
        parts.append(_("%(label)s bỏ: %(items)s") % {"label": label, "items": ", ".join(removed)})
    return parts


class AuditedUserAdmin(UserAdmin):
    """Django's user screen; changes to groups, permissions and the staff or
    superuser flags go into the audit log with who made them."""

    def _access(self, user):
        if user.pk is None:
            return {"flags": [], "groups": [], "perms": []}
        flags = [name for name in ("is_active", "is_staff", "is_superuser") if getattr(user, name)]
        return {
            "flags": flags,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "perms": _perm_names(user.user_permissions.select_related("content_type")),
        }

    def save_model(self, request, obj, form, change):
        before = self._access(User.objects.get(pk=obj.pk)) if change else self._access(User())
        request._audit_access_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_audit_access_before", None)
        if before is None:
            return
        after = self._access(form.instance)
        parts = (
            _describe(_("Cờ"), before["flags"], after["flags"])
            + _describe(_("Nhóm"), before["groups"], after["groups"])
            + _describe(_("Quyền"), before["perms"], after["perms"])
        )
        if parts:
            record(Action.PERMISSIONS, form.instance, by=request.user, detail="; ".join(parts))


class AuditedGroupAdmin(GroupAdmin):
    def save_model(self, request, obj, form, change):
        request._audit_perms_before = (
            _perm_names(Group.objects.get(pk=obj.pk).permissions.select_related("content_type")) if change else []
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = request._audit_perms_before
        after = _perm_names(form.instance.permissions.select_related("content_type"))
        parts = _describe(_("Quyền"), before, after)
        if parts:
            record(Action.PERMISSIONS, form.instance, by=request.user, detail="; ".join(parts))

    def delete_model(self, request, obj):
        record(Action.PERMISSIONS, obj, by=request.user, detail=_("Xóa nhóm"))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for group in queryset:
            record(Action.PERMISSIONS, group, by=request.user, detail=_("Xóa nhóm"))
        super().delete_queryset(request, queryset)


admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)
