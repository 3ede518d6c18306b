from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        from .permissions import name_permissions_in_vietnamese
        from .sqlite import install_search_functions, install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="newsroom-unicode-like")
        connection_created.connect(install_search_functions, dispatch_uid="newsroom-search-functions")
        post_migrate.connect(name_permissions_in_vietnamese, dispatch_uid="newsroom-permission-names")
        self.connect_fragment_invalidation()

    def connect_fragment_invalidation(self):
        """Any save or delete of what a reader sees starts a new fragment
        generation (newsroom/fragments.py). Signals, not service calls, on
        purpose: the admin, services, fixtures and shell all save through
        the ORM, and a missed call site would show a stale page; a spurious
        bump only costs one rebuild. Writes by ``.update()`` call
        ``fragments.bump()`` themselves (articles.services.set_home_positions)."""
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import fragments

        for label in (
            "articles.Article",
            "articles.Category",
            "articles.Tag",
            "articles.TaggedArticle",
            "articles.Contribution",
            "articles.PhotoStoryItem",
            "videos.Video",
            "authors.Author",
            "comments.Comment",
            "polls.Poll",
            "polls.Option",
            "links.LinkGroup",
            "links.Link",
            "links.Banner",
            "newsroom.Publication",
        ):
            model = apps.get_model(label)
            uid = f"fragments-{label}"
            post_save.connect(fragments.bump, sender=model, dispatch_uid=f"{uid}-save", weak=False)
            post_delete.connect(fragments.bump, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        article_tags = apps.get_model("articles.Article").tags.through
        m2m_changed.connect(fragments.bump, sender=article_tags, dispatch_uid="fragments-article-tags", weak=False)
