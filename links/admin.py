from django import forms
from django.contrib import admin

from images.forms import CheckedImageField

from .models import Banner, Link, LinkGroup


class BannerForm(forms.ModelForm):
    # Checked and re-encoded like a library photo, stored under a random name.
    image = CheckedImageField(label=Banner._meta.get_field("image").verbose_name)

    class Meta:
        model = Banner
        fields = ["title", "image", "url", "position", "is_active"]


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
    form = BannerForm
    list_display = ("title", "url", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
