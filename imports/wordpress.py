"""WordPress export files (WXR, “Công cụ → Xuất”), read as a stream.

The file is parsed with defusedxml (no DTD, no entities, nothing external:
an XML bomb or an external entity stops the import with a clear message)
and ``iterparse``, each ``<item>`` dropped once read, so memory stays flat
whatever the file's size. Two passes: the first reads the categories, the
site's address and the attachments (id → address and caption, the only
thing kept for the whole file); the second yields the posts.
"""

from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from articles.models import Article
from comments.models import Comment

from .dates import parse_local, parse_utc
from .records import ArticleRecord, CategoryRecord, CommentRecord, ImageRef, Problem

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: shows when its time comes
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_EDITING,
    "private": Article.Status.UNPUBLISHED,
}
COMMENT_STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING, "spam": Comment.Status.SPAM}
VIEW_KEYS = ("post_views_count", "views", "_count-views_all", "luot_xem")
BYLINE_KEYS = ("byline", "tac_gia", "author_name", "but_danh")
KICKER_KEYS = ("kicker", "tieu_de_phu", "dong_tren_tieu_de")


class WXRError(Exception):
    """The file cannot be read at all (not XML, or a hostile one)."""


def tag_name(element):
    """``wp:post_id``, ``content:encoded``, ``excerpt:encoded``, ``title``…"""
    tag = element.tag
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if namespace.endswith("/excerpt/"):
        return f"excerpt:{local}"
    if "wordpress.org/export" in namespace:
        return f"wp:{local}"
    if "modules/content" in namespace:
        return f"content:{local}"
    if "purl.org/dc" in namespace:
        return f"dc:{local}"
    return local


def children(element):
    """{name: text} of the direct children (the first of each name)."""
    values = {}
    for child in element:
        values.setdefault(tag_name(child), child.text or "")
    return values


@dataclass
class Site:
    base_url: str = ""
    host: str = ""
    categories: list = field(default_factory=list)
    authors: dict = field(default_factory=dict)  # login → display name
    attachments: dict = field(default_factory=dict)  # post id → (url, caption)
    posts: int = 0


def _elements(path, wanted):
    """Yield each finished element named in ``wanted``, then drop it."""
    parents = []
    try:
        for event, element in iterparse(path, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            name = tag_name(element)
            if name in wanted and parents:
                yield name, element
                parents[-1].remove(element)
    except DefusedXmlException as error:
        raise WXRError(
            _("Tệp có khai báo DTD hoặc thực thể XML (có thể là “bom XML”); không đọc: %(e)s") % {"e": error}
        ) from None
    except SyntaxError as error:  # ElementTree's ParseError
        raise WXRError(_("Tệp không phải XML hợp lệ: %(e)s") % {"e": error}) from None


def scan(path):
    """The first pass: what the posts refer to."""
    site = Site()
    for name, element in _elements(path, {"wp:base_site_url", "link", "wp:category", "wp:author", "item"}):
        if name == "wp:base_site_url" and not site.base_url or name == "link" and not site.base_url:
            site.base_url = (element.text or "").strip().rstrip("/")
        elif name == "wp:category":
            values = children(element)
            site.categories.append(
                CategoryRecord(
                    source_id=values.get("wp:category_nicename", "").strip(),
                    name=values.get("wp:cat_name", "").strip(),
                    parent_id=values.get("wp:category_parent", "").strip(),
                    description=values.get("wp:category_description", ""),
                )
            )
        elif name == "wp:author":
            values = children(element)
            site.authors[values.get("wp:author_login", "")] = values.get("wp:author_display_name", "").strip()
        elif name == "item":
            values = children(element)
            kind = values.get("wp:post_type", "")
            if kind == "attachment":
                url = values.get("wp:attachment_url", "").strip()
                site.attachments[values.get("wp:post_id", "")] = (url, values.get("excerpt:encoded", "").strip())
            elif kind == "post":
                site.posts += 1
    from urllib.parse import urlsplit

    site.host = urlsplit(site.base_url).hostname or ""
    for category in site.categories:
        if site.base_url and category.source_id:
            category.old_urls = [f"{site.base_url}/category/{category.source_id}/"]
    return site


def _meta(element):
    values = {}
    for child in element:
        if tag_name(child) == "wp:postmeta":
            meta = children(child)
            values.setdefault(meta.get("wp:meta_key", ""), meta.get("wp:meta_value", ""))
    return values


def _comments(element):
    comments = []
    for child in element:
        if tag_name(child) != "wp:comment":
            continue
        values = children(child)
        approved = values.get("wp:comment_approved", "0")
        if values.get("wp:comment_type", "") in ("pingback", "trackback") or approved not in COMMENT_STATUSES:
            continue
        comments.append(
            CommentRecord(
                source_id=values.get("wp:comment_id", ""),
                name=values.get("wp:comment_author", ""),
                email=values.get("wp:comment_author_email", ""),
                body=values.get("wp:comment_content", ""),
                created_at=parse_utc(values.get("wp:comment_date_gmt"))
                or parse_local(values.get("wp:comment_date", "")),
                status=COMMENT_STATUSES[approved],
            )
        )
    return comments


def post_record(element, site):
    values = children(element)
    post_id = values.get("wp:post_id", "").strip()
    title = values.get("title", "")
    status = values.get("wp:status", "")
    label = _("Bài %(id)s “%(title)s”") % {"id": post_id, "title": title[:80]}
    if status not in STATUSES:
        return Problem(
            label,
            _("trạng thái WordPress “%(status)s” (thùng rác, bản nháp tự động): không nhập.") % {"status": status},
            skipped=True,
        )
    meta = _meta(element)
    categories = [
        (c.get("nicename", ""), c.text or "")
        for c in element
        if tag_name(c) == "category" and c.get("domain") == "category"
    ]
    tags = [c.text or "" for c in element if tag_name(c) == "category" and c.get("domain") == "post_tag"]
    published_at = None
    if STATUSES[status] in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED):
        published_at = parse_utc(values.get("wp:post_date_gmt")) or parse_local(values.get("wp:post_date", ""))
    views = next((meta[k] for k in VIEW_KEYS if meta.get(k, "").strip().isdigit()), None)
    byline = next((meta[k] for k in BYLINE_KEYS if meta.get(k, "").strip()), "") or site.authors.get(
        values.get("dc:creator", ""), ""
    )
    featured = None
    thumbnail = site.attachments.get(meta.get("_thumbnail_id", ""))
    if thumbnail and thumbnail[0]:
        featured = ImageRef(url=thumbnail[0], caption=thumbnail[1])
    link = values.get("link", "").strip()
    old_urls = [u for u in (link, values.get("guid", "").strip()) if u.startswith(("http://", "https://"))]
    if site.base_url and post_id:
        old_urls.append(f"{site.base_url}/?p={post_id}")
    return ArticleRecord(
        source_id=post_id,
        title=title,
        body=values.get("content:encoded", ""),
        lead=values.get("excerpt:encoded", ""),
        kicker=next((meta[k] for k in KICKER_KEYS if meta.get(k, "").strip()), ""),
        category_id=categories[0][0] if categories else "",
        category_name=categories[0][1] if categories else "",
        tags=tags,
        byline=byline,
        status=STATUSES[status],
        published_at=published_at,
        featured_image=featured,
        views=int(views) if views is not None else None,
        allow_comments=values.get("wp:comment_status", "open") == "open",
        comments=_comments(element),
        old_urls=list(dict.fromkeys(old_urls)),
        base_url=link or site.base_url,
    )


def posts(path, site):
    """The second pass: one ArticleRecord (or Problem) per post, in file order."""
    for _name, element in _elements(path, {"item"}):
        if children(element).get("wp:post_type", "") != "post":
            continue
        yield post_record(element, site)
