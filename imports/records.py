"""What every source reads an old site into, before anything is written:
plain records, the same for WordPress, NukeViet and crawled pages."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass
class CategoryRecord:
    source_id: str
    name: str
    parent_id: str = ""  # the parent's source_id
    description: str = ""
    old_urls: list = field(default_factory=list)


@dataclass
class CommentRecord:
    source_id: str
    name: str
    body: str
    email: str = ""
    created_at: datetime | None = None
    status: str = "approved"  # a comments.Comment.Status value


@dataclass
class ImageRef:
    url: str
    caption: str = ""
    credit: str = ""


@dataclass
class ArticleRecord:
    source_id: str
    title: str
    body: str = ""
    lead: str = ""
    kicker: str = ""
    genre: str = ""
    category_id: str = ""  # a CategoryRecord's source_id…
    category_name: str = ""  # …or a name (crawled pages)
    tags: list = field(default_factory=list)
    byline: str = ""
    status: str = "published"  # an articles.Article.Status value
    published_at: datetime | None = None
    featured_image: ImageRef | None = None
    views: int | None = None
    allow_comments: bool = True
    comments: list = field(default_factory=list)
    old_urls: list = field(default_factory=list)
    base_url: str = ""  # where relative links and images in the body start from

    def checksum(self):
        """What tells an unchanged item (skipped on a second run) from one
        to update."""
        data = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Problem:
    """An item a source could not read: reported, and the import goes on."""

    item: str
    reason: str
    skipped: bool = False  # deliberately left out (a trashed post), not an error
