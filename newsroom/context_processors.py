from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import Publication
from .text import format_today


def site(request):
    """What every public page's header and footer show. The publication and
    the category tree come from the cache, so this costs no query when warm."""
    from articles.categories import category_tree

    publication = Publication.load()
    return {
        "publication": publication,
        "theme": publication.theme,
        "menu": SimpleLazyObject(lambda: category_tree().menu),
        "today": format_today(timezone.now()),
    }
