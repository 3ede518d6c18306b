from django import forms
from django.contrib import admin
from django.db import models

from images.forms import CheckedImageField

from .models import Banner, Link, LinkGroup

# An address typed without its scheme ("baodienbienphu.vn") is taken as https.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(db_field, **kwargs):
    return db_field.formfield(**{**URL_FIELDS.get(type(db_field), {}), **kwargs})


class BannerForm(forms.ModelForm):
    # Checked and re-encoded like a library photo, stored under a random name.
    image = CheckedImageField(label=Banner._meta.get_field("image").verbose_name)

    class Meta:
        model = Banner
        fields = ["title", "image", "url", "position", "is_active"]
        formfield_callback = https_formfield


class LinkInline(admin.TabularInline):
    model = Link
    fields = ("title", "url", "position")
    extra = 3
    formfield_overrides = URL_FIELDS


@admin.register(LinkGroup)
class LinkGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "position")
    list_editable = ("position",)
    inlines = [LinkInline]


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    form = BannerForm
    formfield_overrides = URL_FIELDS
    list_display = ("title", "url", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
