from django.utils import timezone

from .models import Publication
from .text import format_today


def site(request):
    """What every public page's header and footer show. The publication
    comes from the cache, so this costs no query when warm (the menu comes
    from articles.context_processors.menu)."""
    publication = Publication.load()
    site_theme = publication.site_theme
    return {
        "publication": publication,
        # The key (“backan”) for the dateline filter and CSS classes; the
        # registry entry for labels; the base template every public page extends.
        "theme": site_theme.key,
        "site_theme": site_theme,
        "base_template": site_theme.base_template,
        "today": format_today(timezone.now()),
    }
