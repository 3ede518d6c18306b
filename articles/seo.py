"""What search engines and social networks read from an article page:
canonical address, Open Graph / Twitter tags, ``NewsArticle`` and
``BreadcrumbList`` JSON-LD, and the share links."""

import json
from urllib.parse import quote

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from authors.bylines import SOURCE_ROLES, Kind
from newsroom.text import machine_datetime

# Characters that could end the <script> element or open a comment in HTML;
# JSON allows them as \u escapes (the same as Django's json_script).
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


SHARE_IMAGE_WIDTH = 1200  # Facebook's and Google's recommended width
HEADLINE_MAX = 110  # Google's limit for a NewsArticle headline
# The paper's picture for a story without one, and its logo when none is
# uploaded in the profile (static/img/, generated once, 1200×630 and 60×60).
DEFAULT_SHARE_IMAGE = {"path": "img/share-default.png", "width": 1200, "height": 630}
DEFAULT_LOGO = {"path": "img/publisher-logo.png", "width": 60, "height": 60}


def share_image(article, request):
    """The image social networks and JSON-LD show: ``{"url", "width",
    "height", "alt"}`` with an absolute URL, for every article.

    The one place that knows where an article's picture lives: the JPEG
    rendition of the library image closest to 1200 px wide, which every
    network reads; for a story without a picture, the paper's default
    image."""
    image = article.featured_image
    if image is None:
        return {
            "url": request.build_absolute_uri(static(DEFAULT_SHARE_IMAGE["path"])),
            "width": DEFAULT_SHARE_IMAGE["width"],
            "height": DEFAULT_SHARE_IMAGE["height"],
            "alt": article.title,
        }
    width, height = image.rendition_size(SHARE_IMAGE_WIDTH)
    return {
        "url": request.build_absolute_uri(image.rendition_url(SHARE_IMAGE_WIDTH)),
        "width": width,
        "height": height,
        "alt": image.description or article.featured_caption or article.title,
    }


def json_ld(data):
    """``<script type="application/ld+json">`` with ``data``, safe inside HTML
    whatever the text holds ("</script>", "<!--")."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def article_structured_data(article, request, publication, ancestors=()):
    """``NewsArticle`` and ``BreadcrumbList`` for schema.org."""
    url = request.build_absolute_uri(article.get_absolute_url())
    home = request.build_absolute_uri(reverse("articles:home"))
    news = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline(article.title),
        "description": article.lead,
        "inLanguage": "vi",
        "datePublished": machine_datetime(article.published_at) or None,
        "dateModified": machine_datetime(max(filter(None, [article.updated_at, article.published_at]), default=None))
        or None,
        "articleSection": article.category.name,
        "publisher": publisher_structured_data(publication, request),
    }
    news["author"] = authors_structured_data(article, request) or {"@type": "Organization", "name": publication.name}
    news["image"] = [share_image(article, request)["url"]]
    crumbs = [(publication.name, home)]
    crumbs += [(c.name, request.build_absolute_uri(c.get_absolute_url())) for c in ancestors]
    crumbs.append((article.category.name, request.build_absolute_uri(article.category.get_absolute_url())))
    crumbs.append((article.title, url))
    breadcrumb = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": item}
            for i, (name, item) in enumerate(crumbs, start=1)
        ],
    }
    video = video_structured_data(article, request)
    if video:
        news["video"] = video
    return [news, breadcrumb]


def video_structured_data(article, request):
    """schema.org ``VideoObject`` of the article's lead video (a ready one)."""
    video = article.lead_video
    if video is None or not video.is_ready:
        return None
    data = {
        "@type": "VideoObject",
        "name": video.title,
        "description": video.caption or article.lead,
        "thumbnailUrl": [request.build_absolute_uri(video.poster_url)],
        "uploadDate": (article.published_at or video.uploaded_at).isoformat(),
        "duration": video.iso_duration,
        "contentUrl": request.build_absolute_uri(video.url),
        "embedUrl": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": "vi",
    }
    if video.width and video.height:
        data["width"], data["height"] = video.width, video.height
    return data


def headline(title):
    """The title as a NewsArticle headline: at most 110 characters, cut at a
    word with "…" when longer."""
    return Truncator(title).chars(HEADLINE_MAX)


def publisher_logo(publication, request):
    """``{"url", "width", "height"}`` of the paper's logo (absolute): the one
    uploaded in the profile, else the default one."""
    if publication.logo:
        return {
            "url": request.build_absolute_uri(publication.logo.url),
            "width": publication.logo_width,
            "height": publication.logo_height,
        }
    return {
        "url": request.build_absolute_uri(static(DEFAULT_LOGO["path"])),
        "width": DEFAULT_LOGO["width"],
        "height": DEFAULT_LOGO["height"],
    }


def publisher_structured_data(publication, request):
    logo = publisher_logo(publication, request)
    return {
        "@type": "NewsMediaOrganization",
        "name": publication.name,
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {"@type": "ImageObject", **{k: v for k, v in logo.items() if v}},
    }


def authors_structured_data(article, request):
    """schema.org ``author`` entries: one per person or organisation of the
    byline, with the author page's address when there is one. Sources
    (“Theo TTXVN”) are organisations; nobody is named twice."""
    from .contributions import credits_for

    people = {}
    for credit in credits_for(article):
        if credit.identity in people:
            continue
        is_organisation = credit.kind == Kind.ORGANISATION or credit.role in SOURCE_ROLES
        entry = {"@type": "Organization" if is_organisation else "Person", "name": credit.name}
        if credit.url:
            entry["url"] = request.build_absolute_uri(credit.url)
        people[credit.identity] = entry
    return list(people.values())


def author_structured_data(author, request):
    """``ProfilePage`` of an author page, about a Person or an Organization."""
    url = request.build_absolute_uri(author.get_absolute_url())
    entity = {
        "@type": "Organization" if author.is_organisation else "Person",
        "name": author.name,
        "url": url,
    }
    if author.bio:
        entity["description"] = author.bio
    if author.photo_id:
        entity["image"] = request.build_absolute_uri(author.photo.rendition_url(SHARE_IMAGE_WIDTH))
    return {"@context": "https://schema.org", "@type": "ProfilePage", "url": url, "mainEntity": entity}


def share_links(url, title):
    """Plain links to the networks' own share pages: no third-party script."""
    quoted = quote(url, safe="")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quoted}",
        "zalo": settings.NEWSROOM_ZALO_SHARE_URL.format(url=quoted, title=quote(title, safe="")),
    }
