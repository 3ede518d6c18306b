from django.contrib import admin

from newsroom.admin import CheckedInitialDataMixin

from .models import ImportProblem, ImportRun


class ImportProblemInline(admin.TabularInline):
    model = ImportProblem
    extra = 0
    can_delete = False
    fields = ("item", "reason", "skipped")
    readonly_fields = fields
    max_num = 0
    show_change_link = False


@admin.register(ImportRun)
class ImportRunAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    """The runs of ``manage.py import_archive``: read only (runs are made by
    the command, not here)."""

    list_display = ("__str__", "status", "created", "updated", "skipped", "failed", "started_at", "finished_at")
    list_filter = ("source", "status")
    search_fields = ("location",)
    readonly_fields = (
        "source",
        "location",
        "status",
        "cursor",
        "created",
        "updated",
        "skipped",
        "failed",
        "started_at",
        "finished_at",
        "message",
    )
    inlines = [ImportProblemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
