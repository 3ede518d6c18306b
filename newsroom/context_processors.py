from django.core.exceptions import DisallowedHost
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .light_edition import is_light
from .models import Publication
from .text import format_today


def site(request):
    """What every public page's header and footer show. The publication
    comes from the cache, so this costs no query when warm (the menu is the
    articles app's own tag, ``{% main_menu %}``)."""
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
        # Bản nhẹ: text first, no pictures, sidebar or script (newsroom/light_edition.py).
        "light_edition": is_light(request),
        # "https://host" for absolute addresses (Open Graph); "" when the
        # request's host is not one of ours (the 400 page must still render).
        "site_url": SimpleLazyObject(lambda: _site_url(request)),
    }


def _site_url(request):
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""
