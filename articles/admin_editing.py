"""The article form's background requests (autosave, presence), as admin
views of ``ArticleAdmin`` (mixed in), and what the form needs to show them.
The rules are in articles/editing.py."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import editing
from .models import Article


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


class EditingAdminMixin:
    """URLs under /admin/articles/article/:

    - ``tu-dong-luu/`` and ``<id>/tu-dong-luu/`` (POST): autosave;
      ``…/tu-dong-luu/bo/`` (POST): drop one's copy;
    - ``<id>/dang-sua/`` (POST): the form's heartbeat (``che_do=sua`` while
      it is in editing mode), ``…/tiep-quan/`` (POST): take over,
      ``…/roi/`` (POST, sent when the page is closed): let go."""

    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path("tu-dong-luu/", view(self.autosave_view), name="articles_article_autosave_new"),
            path("tu-dong-luu/bo/", view(self.discard_view), name="articles_article_autosave_discard_new"),
            path("<int:pk>/tu-dong-luu/", view(self.autosave_view), name="articles_article_autosave"),
            path("<int:pk>/tu-dong-luu/bo/", view(self.discard_view), name="articles_article_autosave_discard"),
            path("<int:pk>/dang-sua/", view(self.presence_view), name="articles_article_presence"),
            path("<int:pk>/dang-sua/tiep-quan/", view(self.take_over_view), name="articles_article_take_over"),
            path("<int:pk>/dang-sua/roi/", view(self.release_view), name="articles_article_release"),
        ]
        return urls + super().get_urls()

    def _editing_article(self, request, pk):
        if pk is None:
            return None
        article = Article.objects.filter(pk=pk).only("pk", "status", "created_by", "version", "title").first()
        if article is None or not self.has_view_permission(request, article):
            raise Http404(_("Không có bài viết này."))
        return article

    # ---- autosave ----------------------------------------------------------

    @staticmethod
    def _refused(error, status):
        return _json({"ok": False, "message": str(error)}, status=status)

    def autosave_view(self, request, pk=None):
        if request.method != "POST":
            return _json({"ok": False, "message": _("Chỉ nhận POST.")}, status=405)
        try:
            article = self._editing_article(request, pk)
            copy = editing.autosave(article, request.user, request.POST)
        except Http404 as error:
            return self._refused(error, 404)
        except PermissionDenied as error:
            return self._refused(error, 403)
        except editing.Stale as error:
            return _json({"ok": False, "code": error.code, "message": str(error)}, status=409)
        except editing.BadAutosave as error:
            return self._refused(error, 400)
        at = editing.local_hm(copy.saved_at)
        return _json(
            {
                "ok": True,
                "savedAt": copy.saved_at.isoformat(),
                "message": _("Đã tự động lưu lúc %(at)s (chưa lưu vào bài).") % {"at": at},
            }
        )

    def discard_view(self, request, pk=None):
        if request.method != "POST":
            return _json({"ok": False, "message": _("Chỉ nhận POST.")}, status=405)
        try:
            article = self._editing_article(request, pk)
        except Http404 as error:
            return self._refused(error, 404)
        editing.discard_autosave(article, request.user)
        return _json({"ok": True, "message": _("Đã bỏ bản tự động lưu.")})

    # ---- presence ------------------------------------------------------------

    def presence_view(self, request, pk):
        if request.method != "POST":
            return _json({"ok": False, "message": _("Chỉ nhận POST.")}, status=405)
        try:
            article = self._editing_article(request, pk)
        except Http404 as error:
            return self._refused(error, 404)
        return _json(editing.heartbeat(article, request.user, editing=request.POST.get("che_do") == "sua"))

    def take_over_view(self, request, pk):
        if request.method != "POST":
            return _json({"ok": False, "message": _("Chỉ nhận POST.")}, status=405)
        try:
            article = self._editing_article(request, pk)
            answer = editing.take_over(article, request.user)
        except Http404 as error:
            return self._refused(error, 404)
        except PermissionDenied as error:
            return self._refused(error, 403)
        return _json(answer)

    def release_view(self, request, pk):
        if request.method != "POST":
            return _json({"ok": False, "message": _("Chỉ nhận POST.")}, status=405)
        try:
            article = self._editing_article(request, pk)
        except Http404 as error:
            return self._refused(error, 404)
        editing.release(article, request.user)
        return _json({"ok": True})

    # ---- the form ------------------------------------------------------------

    def editing_context(self, request, obj, can_edit):
        """What the change form needs for autosave, the browser's copy and
        presence (read by static/js/admin-editing.js)."""
        if obj is None:
            urls = {
                "autosave": reverse("admin:articles_article_autosave_new"),
                "discard": reverse("admin:articles_article_autosave_discard_new"),
            }
        else:
            urls = {
                "autosave": reverse("admin:articles_article_autosave", args=[obj.pk]),
                "discard": reverse("admin:articles_article_autosave_discard", args=[obj.pk]),
                "presence": reverse("admin:articles_article_presence", args=[obj.pk]),
                "take_over": reverse("admin:articles_article_take_over", args=[obj.pk]),
                "release": reverse("admin:articles_article_release", args=[obj.pk]),
            }
        presence = editing.holder_of(obj, request.user) if obj is not None else {"state": "free"}
        return {
            "editing_config": {
                "urls": urls if can_edit else {k: v for k, v in urls.items() if k in ("presence",)},
                "article": obj.pk if obj is not None else None,
                "user": request.user.pk,
                "version": obj.version if obj is not None else None,
                "canEdit": bool(can_edit),
                "autosaveSeconds": settings.NEWSROOM_AUTOSAVE_SECONDS,
                "heartbeatSeconds": max(settings.NEWSROOM_PRESENCE_SECONDS / 3, 1),
                "presence": presence,
                "autosave": editing.autosave_offer(obj, request.user) if can_edit else None,
            },
            "presence": presence,
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        can_edit = context.get("can_edit_article", True)
        context.update(self.editing_context(request, obj, can_edit))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved for real: the rolling copy of this article (or of the new
        # article just created) is done with.
        editing.discard_autosave(form.instance if change else None, request.user)
