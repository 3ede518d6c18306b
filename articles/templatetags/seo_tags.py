from django import template

from articles import seo

register = template.Library()


@register.inclusion_tag("includes/article_meta.html", takes_context=True)
def article_meta(context, article):
    """Canonical link, Open Graph, Twitter card and JSON-LD for an article
    page, for base.html's ``{% block meta %}``. No query: the article comes
    with its category."""
    request = context["request"]
    publication = context["publication"]
    return {
        "article": article,
        "publication": publication,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "image": seo.share_image(article, request),
        "modified": max(filter(None, [article.updated_at, article.published_at]), default=None),
        "json_ld": [
            seo.json_ld(data)
            for data in seo.article_structured_data(article, request, publication, context.get("ancestors", ()))
        ],
        "is_preview": context.get("is_preview", False),
    }


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Facebook, Zalo and copy-link for an article (static/js/share.js copies;
    without JavaScript the copy link is the article's address)."""
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {"url": url, "links": seo.share_links(url, article.title)}
