"""The article form's list of contributors (“Tác giả của bài”): author
(autocomplete over names and pen names, with or without accents), role, the
pen name printed and the order. Who may change it is who may change the
article (``services.can_edit``)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from . import services
from .contributions import sync_byline
from .models import Contribution


class ContributionFormSet(BaseInlineFormSet):
    def save(self, commit=True):
        saved = super().save(commit)
        if commit:
            sync_byline(self.instance)
        return saved


class ContributionInline(admin.TabularInline):
    model = Contribution
    formset = ContributionFormSet
    fields = ("position", "author", "role", "pen_name")
    autocomplete_fields = ("author",)
    extra = 1
    verbose_name = _("tác giả")
    verbose_name_plural = _("Tác giả của bài (dòng tác giả in theo danh sách này)")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def _may_edit(self, request, article):
        if article is None:  # a new article
            return request.user.has_perm("articles.add_article")
        return services.can_edit(request.user, article)


class HasContributionsFilter(admin.SimpleListFilter):
    """Find the articles whose byline is still only text (the byline
    migration could not read it): “chưa có danh sách tác giả”."""

    title = _("danh sách tác giả")
    parameter_name = "ds_tac_gia"

    def lookups(self, request, model_admin):
        return [("co", _("Đã có")), ("chua", _("Chưa có (chỉ có dòng chữ)"))]

    def queryset(self, request, queryset):
        has = Exists(Contribution.objects.filter(article=OuterRef("pk")))
        if self.value() == "co":
            return queryset.filter(has)
        if self.value() == "chua":
            return queryset.filter(~has).exclude(byline="")
        return queryset
