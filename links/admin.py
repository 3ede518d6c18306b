from django.contrib import admin

from .models import Banner, Link, LinkGroup


class LinkInline(admin.TabularInline):
    model = Link
    fields = ("title", "url", "position")
    extra = 3


@admin.register(LinkGroup)
class LinkGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "position")
    list_editable = ("position",)
    inlines = [LinkInline]


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    list_display = ("title", "url", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
