"""``/tac-gia/<slug>/``: an author's page, linked from the bylines. Cached
whole like every public page (articles/urls.py, delivery/pages.py); an
author's or pen name's change touches the site (authors/delivery.py), a
byline the listings (articles/delivery.py)."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from authors.models import Author

from . import seo
from .models import Article
from .views import StrictPaginationMixin


class AuthorView(StrictPaginationMixin, ListView):
    """The author's published work, newest first, ``?page=N`` like a
    category (a bad or past-the-end page is a 404)."""

    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=kwargs["slug"])

    def get_queryset(self):
        return Article.objects.published().by_author(self.author).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["author"] = self.author
        context["json_ld"] = seo.json_ld(seo.author_structured_data(self.author, self.request))
        return context
