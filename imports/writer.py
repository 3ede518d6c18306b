"""Writing what a source read (imports/records.py) into the normal models.

One ``Importer`` per run. Categories first, then the articles as a stream:
each article is written in its own savepoint (nothing half-written: an
article whose tags, authors or comments fail is not there at all), and a
batch of them is committed together with the run's cursor, so a run killed
halfway loses at most one batch and the next run goes on from the cursor.
Images are fetched before the batch's transaction opens (no network wait
while the database is held), once per address and once per content.
At the end, links between imported articles are rewritten to their new
addresses.
"""

import functools
import hashlib
import io
import posixpath
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from selectolax.lexbor import LexborHTMLParser

from articles.contributions import attach_from_byline
from articles.models import Article, Category, Tag, TaggedArticle
from comments.models import Comment
from counters.models import ArticleViewCount
from images import services as image_services
from images import uploads
from images.models import Image
from newsroom.models import Publication
from newsroom.text import nfc, slugify_vi, strip_lead_in
from redirects.models import OldAddress
from redirects.paths import key_for_url, keys, normal_host

from .fetch import FetchError
from .models import ImportedItem, ImportProblem, ImportRun
from .progress import Progress
from .records import ArticleRecord, CategoryRecord, ImageRef, Problem

LEAD_MAX = Article._meta.get_field("lead").max_length
TITLE_MAX = Article._meta.get_field("title").max_length
KICKER_MAX = Article._meta.get_field("kicker").max_length
BYLINE_MAX = Article._meta.get_field("byline").max_length
TAG_MAX = Tag._meta.get_field("name").max_length
IMAGE_SOURCE = "image"  # images are one pool whatever the source: an address is fetched once
_HREF = re.compile(r'href="([^"]+)"')
_FIRST_PARAGRAPH = re.compile(r"^\s*<p[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
COMMENT_NAME_MAX = Comment._meta.get_field("name").max_length
COMMENT_EMAIL_MAX = Comment._meta.get_field("email").max_length
COMMENT_STATUSES = {choice for choice, _label in Comment.Status.choices}


def error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return f"{type(error).__name__}: {error}"


class Importer:
    def __init__(self, kind, source_name, location, *, fetcher=None, stderr=None, batch_size=100, sapo_prefixes=()):
        self.kind = kind  # imports.models.Source
        self.source = source_name[:200]  # "wordpress:baodienbien.vn"
        self.location = location[:1000]
        self.fetcher = fetcher
        self.stderr = stderr
        self.batch_size = batch_size
        prefix = Publication.load().sapo_prefix
        self.sapo_prefixes = [p for p in {prefix, *sapo_prefixes} if p]
        self.counts = Counter()
        self.skip_reasons = Counter()
        self.categories = {}  # source id → Category id
        self.failed_images = {}  # address → reason, for this run
        self.tag_ids = {}  # tag name, case folded → id
        self.known_items = {}  # source id → ImportedItem or None, between unchanged() and write_article()
        self.old_hosts = set()
        self.run = None
        self.skip_to = 0

    # --- the run -------------------------------------------------------------

    def open_run(self, resume=True):
        """Go on with this source's interrupted run, or start one."""
        run = None
        if resume:
            run = (
                ImportRun.objects.filter(source=self.kind, location=self.location, status=ImportRun.Status.RUNNING)
                .order_by("-started_at", "-id")
                .first()
            )
        if run is None:
            run = ImportRun.objects.create(source=self.kind, location=self.location)
        else:
            self.skip_to = run.cursor
            self.say(_("Tiếp tục lần nhập #%(id)s từ mục %(n)s.") % {"id": run.pk, "n": run.cursor})
        self.run = run
        return run

    def say(self, text):
        if self.stderr is not None:
            self.stderr.write(text + "\n")

    def problem(self, problem):
        ImportProblem.objects.create(
            run=self.run, item=problem.item[:500], reason=problem.reason, skipped=problem.skipped
        )

    def _item(self, kind, source_id, source=None):
        return ImportedItem.objects.filter(source=source or self.source, kind=kind, source_id=source_id[:500]).first()

    def _remember_item(self, kind, source_id, obj, checksum="", source=None):
        """Insert or update, in one statement."""
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(
                    source=source or self.source,
                    kind=kind,
                    source_id=source_id[:500],
                    object_id=obj.pk,
                    checksum=checksum,
                    imported_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["source", "kind", "source_id"],
            update_fields=["object_id", "checksum", "imported_at"],
        )

    def remember_old_urls(self, urls, **target):
        """Each old address of an imported thing answers 301 to it (one
        statement for all of them, inserting or updating)."""
        values = {"article": None, "category": None, "image": None, "target_path": "", **target}
        rows = {}
        for url in urls:
            host, key = key_for_url(url)
            if not key or len(key) > OldAddress._meta.get_field("path").max_length:
                continue
            if host:
                self.old_hosts.add(host)
            rows[(host, key)] = OldAddress(host=host, path=key, source=self.source[:100], **values)
        if rows:
            OldAddress.objects.bulk_create(
                rows.values(),
                update_conflicts=True,
                unique_fields=["host", "path"],
                update_fields=["article", "category", "image", "target_path", "source"],
            )
            self.counts["old_address"] += len(rows)

    # --- categories -----------------------------------------------------------

    def import_categories(self, records):
        records = list(records)
        for record in records:
            try:
                with transaction.atomic():
                    self.categories[record.source_id] = self._category(record).pk
            except Exception as error:  # noqa: BLE001 - reported, the import goes on
                self.counts["category.failed"] += 1
                self.problem(Problem(_("Chuyên mục “%(name)s”") % {"name": record.name}, error_text(error)))
        with transaction.atomic():
            for record in records:
                child, parent = self.categories.get(record.source_id), self.categories.get(record.parent_id)
                if child and parent and child != parent:
                    Category.objects.filter(pk=child, parent__isnull=True).exclude(pk=parent).update(parent=parent)

    def _category(self, record):
        name = nfc(record.name).strip()[:100] or record.source_id
        item = self._item(ImportedItem.Kind.CATEGORY, record.source_id)
        category = Category.objects.filter(pk=item.object_id).first() if item else None
        if category is None:
            # The paper's own menu may have it already (“Thời sự”): use it.
            category = Category.objects.filter(slug=slugify_vi(name, 100)).first()
            if category is None:
                category = Category.objects.create(
                    name=name, description=nfc(record.description or ""), show_in_menu=False
                )
                self.counts["category.created"] += 1
            else:
                self.counts["category.matched"] += 1
            self._remember_item(ImportedItem.Kind.CATEGORY, record.source_id, category)
        else:
            self.counts["category.skipped"] += 1
        self.remember_old_urls(record.old_urls, category=category)
        return category

    def category_for(self, record):
        if record.category_id and record.category_id in self.categories:
            return self.categories[record.category_id]
        name = nfc(record.category_name or "").strip() or _("Lưu trữ")
        key = f"name:{slugify_vi(name, 100)}"
        if key not in self.categories:
            self.categories[key] = self._category(CategoryRecord(source_id=key, name=name)).pk
        return self.categories[key]

    # --- images ---------------------------------------------------------------

    def image(self, ref):
        """The library image for an old address (fetched, checked and
        stored once), or None with the reason reported."""
        url = ref.url.strip()
        if not url or url.startswith("data:"):
            return None
        item = self._item(ImportedItem.Kind.IMAGE, url, source=IMAGE_SOURCE)
        if item is not None:
            image = Image.objects.filter(pk=item.object_id).first()
            if image is not None:
                self.counts["image.reused"] += 1
                return image
        if url in self.failed_images:
            return None
        if self.fetcher is None:
            return None
        try:
            response = self.fetcher.get(url, max_bytes=settings.NEWSROOM_IMAGE_MAX_BYTES)
            digest = hashlib.sha256(response.body).hexdigest()
            same = ImportedItem.objects.filter(kind=ImportedItem.Kind.IMAGE, checksum=digest).first()
            image = Image.objects.filter(pk=same.object_id).first() if same else None
            if image is None:
                prepared = uploads.process(io.BytesIO(response.body), size=len(response.body))
                image = image_services.add_image(
                    prepared,
                    original_filename=posixpath.basename(urlsplit(url).path),
                    caption=nfc(ref.caption or "")[:500],
                    credit=nfc(ref.credit or "")[:200],
                )
                self.counts["image.created"] += 1
            else:
                self.counts["image.reused"] += 1
            with transaction.atomic():
                self._remember_item(ImportedItem.Kind.IMAGE, url, image, checksum=digest, source=IMAGE_SOURCE)
                self.remember_old_urls([url], image=image)
            return image
        except (FetchError, ValidationError) as error:
            reason = error_text(error) if isinstance(error, ValidationError) else str(error)
            self.failed_images[url] = reason
            self.counts["image.failed"] += 1
            self.problem(Problem(_("Ảnh %(url)s") % {"url": url}, reason))
            return None

    def body_with_library_images(self, body, base_url):
        """The body with each ``<img>`` pointing at the library's copy (its
        old address remembered); an image that could not be fetched is
        left out (reported). Without a fetcher, images stay as they are."""
        if "<img" not in body or self.fetcher is None:
            return body
        tree = LexborHTMLParser(body)
        for node in tree.css("img"):
            src = (node.attributes.get("src") or "").strip()
            image = self.image(ImageRef(urljoin(base_url, src), caption=node.attributes.get("alt") or ""))
            if image is None:
                node.decompose()
                continue
            width, height = image.rendition_size(1280)
            node.attrs["src"] = image.rendition_url(1280)
            node.attrs["width"] = str(width)
            node.attrs["height"] = str(height)
            for name in ("srcset", "sizes", "style", "class"):
                if name in node.attributes:
                    del node.attrs[name]
            if not node.attributes.get("alt"):
                node.attrs["alt"] = image.description
        return tree.body.inner_html if tree.body else ""

    # --- articles -------------------------------------------------------------

    def prepare(self, record):
        """The network part of an article (its images), before any
        transaction: ``(body, featured image)``."""
        featured = self.image(record.featured_image) if record.featured_image else None
        body = self.body_with_library_images(nfc(record.body or ""), record.base_url)
        return body, featured

    def import_articles(self, records, total=None, label=""):
        progress = Progress(self.stderr, total, label) if self.stderr is not None else None
        batch = []
        for index, record in enumerate(records):
            if index < self.skip_to:
                if progress:
                    progress.step()
                continue  # done by the interrupted run
            prepared = None
            if isinstance(record, ArticleRecord) and not self.unchanged(record):
                try:
                    prepared = self.prepare(record)
                except Exception as error:  # noqa: BLE001 - reported, the import goes on
                    record = Problem(self.label(record), error_text(error))
            batch.append((index, record, prepared))
            if len(batch) >= self.batch_size:
                self.write_batch(batch)
                batch = []
            if progress:
                progress.step()
        if batch:
            self.write_batch(batch)
        if progress:
            progress.close()

    @staticmethod
    def label(record):
        return _("Bài %(id)s “%(title)s”") % {"id": record.source_id, "title": (record.title or "")[:80]}

    def write_batch(self, batch):
        with transaction.atomic():
            for _index, record, prepared in batch:
                if isinstance(record, Problem):
                    self.problem(record)
                    self.count("skipped" if record.skipped else "failed")
                    continue
                if prepared is None:  # unchanged since the last run
                    self.skip_reasons[_("không đổi từ lần nhập trước")] += 1
                    self.count("skipped")
                    continue
                try:
                    with transaction.atomic():
                        outcome = self.write_article(record, *prepared)
                except Exception as error:  # noqa: BLE001 - reported, the import goes on
                    self.problem(Problem(self.label(record), error_text(error)))
                    outcome = "failed"
                    self.forget_rolled_back()
                self.count(outcome)
            self.run.cursor = batch[-1][0] + 1
            self.run.save(update_fields=["cursor", "created", "updated", "skipped", "failed"])

    def forget_rolled_back(self):
        """An article's savepoint was rolled back: the tags and categories
        it made may be gone with it, so they are looked up again."""
        self.tag_ids.clear()
        self.categories = {k: v for k, v in self.categories.items() if not k.startswith("name:")}

    def count(self, outcome):
        self.counts[f"article.{outcome}"] += 1
        setattr(self.run, outcome, getattr(self.run, outcome) + 1)

    def lead_and_body(self, record, body):
        lead = nfc(strip_tags(record.lead or "")).strip()
        if not lead:
            # No sapo of its own: the papers' first paragraph is the sapo.
            match = _FIRST_PARAGRAPH.match(body)
            if match and 0 < len(strip_tags(match.group(1)).strip()) <= LEAD_MAX:
                lead = strip_tags(match.group(1)).strip()
                body = body[match.end() :]
        for prefix in self.sapo_prefixes:
            lead = strip_lead_in(lead, prefix)
        return " ".join(lead.split())[:LEAD_MAX], body

    def unchanged(self, record):
        """Imported before from the same content, and still here."""
        item = self._item(ImportedItem.Kind.ARTICLE, record.source_id)
        self.known_items[record.source_id] = item  # write_article() reads it again otherwise
        return (
            item is not None
            and item.checksum == record.checksum()
            and Article.objects.filter(pk=item.object_id).exists()
        )

    def write_article(self, record, body, featured):
        title = " ".join(nfc(strip_tags(record.title or "")).split())
        if not title:
            raise ValidationError(_("Bài không có tiêu đề."))
        if record.status == Article.Status.PUBLISHED and record.published_at is None:
            raise ValidationError(_("Không đọc được ngày đăng của bài."))
        checksum = record.checksum()
        if record.source_id in self.known_items:
            item = self.known_items.pop(record.source_id)
        else:
            item = self._item(ImportedItem.Kind.ARTICLE, record.source_id)
        article = Article.objects.filter(pk=item.object_id).first() if item else None
        created = article is None
        if created:
            article = Article()
        lead, body = self.lead_and_body(record, body)
        article.title = title[:TITLE_MAX]
        article.kicker = nfc(record.kicker or "").strip()[:KICKER_MAX]
        article.genre = nfc(record.genre or "").strip()[:60]
        article.lead = lead
        article.body = body
        article.category_id = self.category_for(record)
        article.byline = " ".join(nfc(record.byline or "").split())[:BYLINE_MAX]
        article.status = record.status
        article.published_at = record.published_at
        article.allow_comments = record.allow_comments
        article.featured_image = featured
        if record.featured_image and featured is not None:
            article.featured_image_caption = nfc(record.featured_image.caption or "")[:500]
        article.save()
        self.set_tags(article, record.tags, created)
        if not created:
            article.contributions.all().delete()
        attach_from_byline(article)
        if record.views is not None and created:
            ArticleViewCount.objects.create(article=article, views=max(record.views, 0))
        elif record.views is not None:
            self.keep_views(article, record.views)
        for comment in record.comments:
            self.write_comment(article, record, comment)
        self.remember_old_urls(record.old_urls, article=article)
        self._remember_item(ImportedItem.Kind.ARTICLE, record.source_id, article, checksum=checksum)
        return "created" if created else "updated"

    def set_tags(self, article, names, created):
        """The article's tags, found or made once per run by name (as taggit
        does, case aside), written in one statement."""
        ids = []
        for name in names:
            name = " ".join(nfc(name or "").split())[:TAG_MAX]
            if not name:
                continue
            key = name.casefold()
            if key not in self.tag_ids:
                tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
                self.tag_ids[key] = tag.pk
            if self.tag_ids[key] not in ids:
                ids.append(self.tag_ids[key])
        if not created:
            TaggedArticle.objects.filter(content_object=article).delete()
        TaggedArticle.objects.bulk_create([TaggedArticle(content_object=article, tag_id=pk) for pk in ids])

    @staticmethod
    def keep_views(article, views):
        """The old site's view count; never lowers what this site counted since."""
        row, made = ArticleViewCount.objects.get_or_create(article=article, defaults={"views": max(views, 0)})
        if not made and row.views < views:
            ArticleViewCount.objects.filter(pk=row.pk).update(views=views)

    def write_comment(self, article, record, comment):
        source_id = f"{record.source_id}:{comment.source_id}"
        if self._item(ImportedItem.Kind.COMMENT, source_id) is not None:
            self.counts["comment.skipped"] += 1
            return
        name = " ".join(nfc(strip_tags(comment.name or "")).split())[:COMMENT_NAME_MAX]
        body = nfc(strip_tags(comment.body or "")).strip()
        if not name or not body:
            self.counts["comment.skipped"] += 1
            return
        status = comment.status if comment.status in COMMENT_STATUSES else Comment.Status.PENDING
        made = Comment.objects.create(
            article=article,
            name=name,
            email=(comment.email or "").strip()[:COMMENT_EMAIL_MAX],
            body=body,
            status=status,
            fingerprint=hashlib.sha256(f"import:{self.source}:{source_id}".encode()).hexdigest(),
        )
        if comment.created_at:
            Comment.objects.filter(pk=made.pk).update(created_at=comment.created_at)
        self._remember_item(ImportedItem.Kind.COMMENT, source_id, made)
        self.counts["comment.created"] += 1

    # --- the end --------------------------------------------------------------

    def rewrite_links(self, chunk_size=500):
        """Second pass: links in the bodies of this source's articles that
        point at another imported page's old address now point at its new
        one. One query for the bodies and one for the addresses per chunk."""
        ids = ImportedItem.objects.filter(source=self.source, kind=ImportedItem.Kind.ARTICLE).values_list(
            "object_id", flat=True
        )
        default_host = next(iter(self.old_hosts), "") if len(self.old_hosts) == 1 else ""
        ids = list(ids)
        for start in range(0, len(ids), chunk_size):
            articles = list(Article.objects.filter(pk__in=ids[start : start + chunk_size]).only("id", "body"))
            wanted = {}
            for article in articles:
                for href in _HREF.findall(article.body):
                    href = href.replace("&amp;", "&")
                    parts = urlsplit(href)
                    if parts.scheme not in ("", "http", "https") or (
                        not parts.netloc and not parts.path.startswith("/")
                    ):
                        continue
                    host = normal_host(parts.hostname or "") or default_host
                    if parts.netloc and host not in self.old_hosts:
                        continue
                    wanted[href] = (host, keys(parts.path, parts.query))
            if not wanted:
                continue
            rows = OldAddress.objects.filter(
                host__in={h for h, _k in wanted.values()} | {""}, path__in={k for _h, ks in wanted.values() for k in ks}
            ).with_targets()
            table = {(row.host, row.path): row for row in rows}
            for article in articles:
                body = article.body
                replace = functools.partial(self._new_href, wanted=wanted, table=table)
                new_body = _HREF.sub(replace, body)
                if new_body != body:
                    Article.objects.filter(pk=article.pk).update(body=new_body)
                    self.counts["link.rewritten"] += 1

    @staticmethod
    def _new_href(match, *, wanted, table):
        href = match.group(1).replace("&amp;", "&")
        if href not in wanted:
            return match.group(0)
        host, candidates = wanted[href]
        for key in candidates:
            row = table.get((host, key)) or table.get(("", key))
            if row is not None:
                return f'href="{row.target_url()}"'
        return match.group(0)

    def finish(self):
        self.rewrite_links()
        self.run.status = ImportRun.Status.DONE
        self.run.finished_at = timezone.now()
        self.run.message = self.report()
        self.run.save()
        return self.run

    def fail(self, message):
        self.run.status = ImportRun.Status.FAILED
        self.run.finished_at = timezone.now()
        self.run.message = message
        self.run.save()

    def report(self):
        c = self.counts
        lines = [
            _("Bài viết: %(created)s tạo mới, %(updated)s cập nhật, %(skipped)s bỏ qua, %(failed)s lỗi.")
            % {
                "created": self.run.created,
                "updated": self.run.updated,
                "skipped": self.run.skipped,
                "failed": self.run.failed,
            },
            _("Chuyên mục: %(created)s tạo mới, %(matched)s dùng chuyên mục có sẵn, %(skipped)s đã có.")
            % {"created": c["category.created"], "matched": c["category.matched"], "skipped": c["category.skipped"]},
            _("Ảnh: %(created)s tải về, %(reused)s dùng lại, %(failed)s lỗi.")
            % {"created": c["image.created"], "reused": c["image.reused"], "failed": c["image.failed"]},
            _("Bình luận: %(created)s tạo mới, %(skipped)s bỏ qua.")
            % {"created": c["comment.created"], "skipped": c["comment.skipped"]},
            _("Địa chỉ cũ ghi nhận: %(n)s; liên kết trong bài đã đổi: %(links)s bài.")
            % {"n": c["old_address"], "links": c["link.rewritten"]},
        ]
        for reason, n in self.skip_reasons.most_common():
            lines.append(_("Bỏ qua %(n)s bài: %(reason)s.") % {"n": n, "reason": reason})
        problems = self.run.problems.order_by("id")
        total = problems.count()
        if total:
            lines.append(_("Mục không nhập hoặc có lỗi (%(n)s):") % {"n": total})
            for problem in problems[:200]:
                lines.append(f"  - {problem.item}: {problem.reason}")
            if total > 200:
                lines.append(_("  … và %(n)s mục khác (xem trong trang quản trị).") % {"n": total - 200})
        return "\n".join(lines)
