"""Reading a site by its public pages, with a rule file per layout.

From a start page or a sitemap, pages of the hosts the operator named are
fetched (``Fetcher``: robots.txt, rate limit, timeouts, bounded bodies,
redirects checked), a few at a time in threads; the database is written
only by the main thread. A page whose path matches the rules'
``article_url`` is read into an article with the rules' CSS selectors;
pages matching ``follow`` (category lists, their pages) are only followed
for their links. Rule files: imports/rules/*.toml (docs/import.md).
"""

import json
import re
import tomllib
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _
from selectolax.lexbor import LexborHTMLParser

from articles.models import Article

from .dates import DEFAULT_FORMATS, parse_local
from .fetch import Fetcher, FetchError
from .models import Source
from .records import ArticleRecord, ImageRef, Problem
from .sources import SourceError
from .writer import Importer

SELECTORS = ("title", "kicker", "sapo", "body", "dateline", "byline", "category", "views", "image", "image_caption")
RULES_FOLDER = Path(__file__).parent / "rules"


@dataclass
class Rules:
    name: str
    article_url: re.Pattern
    follow: re.Pattern | None
    selectors: dict
    date_formats: tuple = DEFAULT_FORMATS
    sapo_prefix: str = ""
    remove: list = field(default_factory=list)


def load_rules(path):
    """Rules from a .toml or .json file (or a name in imports/rules/)."""
    path = Path(path)
    if not path.exists() and (RULES_FOLDER / f"{path.name}.toml").exists():
        path = RULES_FOLDER / f"{path.name}.toml"
    try:
        raw = path.read_bytes()
        data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw.decode("utf-8"))
    except OSError:
        raise SourceError(_("Không đọc được tệp quy tắc “%(path)s”.") % {"path": path}) from None
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise SourceError(_("Tệp quy tắc “%(path)s” viết sai: %(e)s") % {"path": path, "e": error}) from None
    selectors = data.get("selectors") or {}
    unknown = set(selectors) - set(SELECTORS)
    if unknown or not selectors.get("title") or not selectors.get("body") or not data.get("article_url"):
        raise SourceError(
            _("Tệp quy tắc cần article_url và bộ chọn title, body; chỉ nhận các bộ chọn: %(names)s.")
            % {"names": ", ".join(SELECTORS)}
        )
    try:
        return Rules(
            name=data.get("name", path.stem),
            article_url=re.compile(data["article_url"]),
            follow=re.compile(data["follow"]) if data.get("follow") else None,
            selectors=selectors,
            date_formats=tuple(data.get("date_formats") or DEFAULT_FORMATS),
            sapo_prefix=data.get("sapo_prefix", ""),
            remove=list(data.get("remove") or []),
        )
    except re.error as error:
        raise SourceError(_("Biểu thức trong tệp quy tắc sai: %(e)s") % {"e": error}) from None


def _text(tree, selector, last=False):
    if not selector:
        return ""
    nodes = tree.css(selector)
    if not nodes:
        return ""
    node = nodes[-1] if last else nodes[0]
    return " ".join(node.text(separator=" ").split())


def read_article(response, rules):
    """An ArticleRecord from an article page, or a Problem."""
    tree = LexborHTMLParser(response.text())
    s = rules.selectors
    url = response.url
    title = _text(tree, s["title"])
    if not title:
        return Problem(url, _("Trang không có tiêu đề (bộ chọn “%(sel)s”).") % {"sel": s["title"]})
    dateline = _text(tree, s.get("dateline"))
    published_at = parse_local(dateline, rules.date_formats)
    if published_at is None:
        return Problem(url, _("Không đọc được ngày đăng “%(text)s”.") % {"text": dateline[:100]})
    body_node = tree.css_first(s["body"])
    if body_node is None:
        return Problem(url, _("Trang không có phần nội dung (bộ chọn “%(sel)s”).") % {"sel": s["body"]})
    for selector in ["script", "style", *rules.remove]:
        for node in body_node.css(selector):
            node.decompose()
    views = re.sub(r"\D", "", _text(tree, s.get("views")))
    featured = None
    if s.get("image"):
        node = tree.css_first(s["image"])
        if node is not None and node.attributes.get("src"):
            featured = ImageRef(urljoin(url, node.attributes["src"]), caption=_text(tree, s.get("image_caption")))
    canonical = tree.css_first('link[rel="canonical"]')
    identity = url
    if canonical is not None and canonical.attributes.get("href"):
        candidate = urljoin(url, canonical.attributes["href"])
        if urlsplit(candidate).hostname == urlsplit(url).hostname:
            identity = candidate
    old_urls = list(dict.fromkeys([*response.redirected_from, url, identity]))
    return ArticleRecord(
        source_id=urlsplit(identity).path + (f"?{urlsplit(identity).query}" if urlsplit(identity).query else ""),
        title=title,
        body=body_node.inner_html or "",
        lead=_text(tree, s.get("sapo")),
        kicker=_text(tree, s.get("kicker")),
        category_name=_text(tree, s.get("category"), last=True),
        byline=_text(tree, s.get("byline")),
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        featured_image=featured,
        views=int(views) if views and len(views) < 12 else None,
        old_urls=old_urls,
        base_url=url,
    )


def sitemap_urls(response):
    try:
        root = fromstring(response.body, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError):
        return []
    return [(el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]


def links(response):
    tree = LexborHTMLParser(response.text())
    return [urljoin(response.url, a.attributes.get("href") or "") for a in tree.css("a[href]")]


class Crawler:
    def __init__(self, start_url, rules, fetcher, *, concurrency=4, max_pages=100000):
        self.start_url = start_url
        self.rules = rules
        self.fetcher = fetcher
        self.concurrency = max(1, concurrency)
        self.max_pages = max_pages
        self.seen = set()
        self.finals = set()
        self.frontier = deque()
        self.fetched = 0

    def wanted(self, url):
        url = urldefrag(url)[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not self.fetcher.allows_host(url):
            return None  # never leaves the hosts it was given
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if self.rules.article_url.search(path) or (self.rules.follow and self.rules.follow.search(path)):
            return url
        return None

    def add(self, url):
        if url and url not in self.seen and len(self.seen) < self.max_pages:
            self.seen.add(url)
            self.frontier.append(url)

    def is_article(self, url):
        parts = urlsplit(url)
        return bool(self.rules.article_url.search(parts.path + (f"?{parts.query}" if parts.query else "")))

    def records(self):
        """ArticleRecords and Problems, in the order the pages arrive."""
        self.seen.add(self.start_url)
        self.frontier.append(self.start_url)
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            running = {}
            while self.frontier or running:
                while self.frontier and len(running) < self.concurrency:
                    url = self.frontier.popleft()
                    running[pool.submit(self.fetcher.get, url)] = url
                done, _pending = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    url = running.pop(future)
                    yield from self.handle(url, future)

    def handle(self, url, future):
        try:
            response = future.result()
        except FetchError as error:
            yield Problem(url, str(error))
            return
        if response.url in self.finals:
            yield Problem(url, _("Trùng với trang đã đọc %(url)s.") % {"url": response.url}, skipped=True)
            return
        self.finals.add(response.url)
        if response.content_type.endswith("xml") or url.endswith(".xml"):
            for loc in sitemap_urls(response):
                if not self.fetcher.allows_host(loc):
                    host = urlsplit(loc).hostname
                    yield Problem(loc, _("Máy chủ “%(host)s” không nằm trong danh sách được phép.") % {"host": host})
                elif loc.endswith(".xml"):
                    self.add(loc)  # a sitemap of a sitemap index
                else:
                    self.add(self.wanted(loc))
            return
        if not response.is_html:
            yield Problem(
                url, _("Không phải trang HTML (%(type)s).") % {"type": response.content_type or "?"}, skipped=True
            )
            return
        for link in links(response):
            self.add(self.wanted(link))
        if self.is_article(response.url):
            yield read_article(response, self.rules)


def run(start_url, options, stderr, run_import):
    rules = load_rules(options["rules"])
    host = urlsplit(start_url).hostname or ""
    fetcher = Fetcher(
        [host, *options.get("allow_host", [])], rate=options.get("rate", 4.0), robots=not options.get("no_robots")
    )
    importer = Importer(
        Source.CRAWL,
        f"crawl:{host}",
        start_url,
        fetcher=None if options.get("skip_images") else fetcher,
        stderr=stderr,
        batch_size=options.get("batch_size", 100),
        sapo_prefixes=[rules.sapo_prefix, *options.get("sapo_prefix", [])],
    )
    importer.old_hosts.add(host.removeprefix("www."))
    crawler = Crawler(
        start_url, rules, fetcher, concurrency=options.get("concurrency", 4), max_pages=options.get("max_pages", 100000)
    )

    def body(importer):
        # Pages arrive in a different order each time: a second run reads
        # them again and writes only what changed (no cursor to skip by).
        importer.skip_to = 0
        importer.import_articles(crawler.records(), label=_("Trang"))

    run_import(importer, options, body)
    return importer
