from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.admin import CheckedInitialDataMixin

from .models import OldAddress


@admin.register(OldAddress)
class OldAddressAdmin(CheckedInitialDataMixin, admin.ModelAdmin):
    list_display = ("__str__", "target", "source", "created_at")
    list_filter = ("source",)
    search_fields = ("path", "host", "target_path", "article__title")
    autocomplete_fields = ("article", "category", "image")
    fields = ("host", "path", "article", "category", "image", "target_path")
    list_select_related = ("article__category", "category", "image")
    show_full_result_count = False  # an archive has hundreds of thousands of rows

    @admin.display(description=_("chuyển đến"))
    def target(self, obj):
        return obj.target_url()
