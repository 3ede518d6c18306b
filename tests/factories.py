"""Factories for tests: each test builds the few rows it needs."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Category, Contribution
from authors.models import Author
from comments.models import Comment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    show_in_menu = True


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article from an hour ago unless told otherwise;
    ``draft=True`` makes a draft."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    title = factory.Sequence(lambda n: f"Bản tin thử nghiệm số {n} về Điện Biên")
    lead = "Người dân các bản vùng cao phấn khởi đón mùa lúa mới."
    body = "<p>Đoạn thứ nhất của bài.</p><p>Đoạn thứ hai của bài.</p>"
    byline = "Tin, ảnh: Quang Long"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class AuthorFactory(factory.django.DjangoModelFactory):
    """A staff reporter unless told otherwise (``kind=Author.Kind.COLLABORATOR``)."""

    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên Số {n}")
    kind = Author.Kind.REPORTER


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    role = Contribution._meta.get_field("role").default
    position = factory.Sequence(lambda n: n)


class CommentFactory(factory.django.DjangoModelFactory):
    """A pending reader comment; ``approved=True`` makes a published one."""

    class Meta:
        model = Comment

    class Params:
        approved = factory.Trait(status=Comment.Status.APPROVED)

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    email = factory.Sequence(lambda n: f"bandoc{n}@example.vn")
    body = factory.Sequence(lambda n: f"Bài viết hay, cảm ơn tòa soạn. Ý kiến số {n}.")
    ip = "203.0.113.7"
    fingerprint = factory.Sequence(lambda n: f"factory-{n}")
    status = Comment.Status.PENDING
    replied_at = factory.LazyAttribute(lambda o: timezone.now() if o.reply else None)
    reply = ""


def contribution_forms(article=None, rows=()):
    """What the article form posts for its “Tác giả của bài” list: the
    existing contributions of ``article`` as they are, then ``rows`` (dicts
    of author, role, pen_name, position) as new ones."""
    existing = list(article.contributions.order_by("position", "id")) if article is not None and article.pk else []
    data = {
        "contributions-TOTAL_FORMS": str(len(existing) + len(rows)),
        "contributions-INITIAL_FORMS": str(len(existing)),
        "contributions-MIN_NUM_FORMS": "0",
        "contributions-MAX_NUM_FORMS": "1000",
    }
    forms = [
        {"id": c.pk, "author": c.author_id, "role": c.role, "pen_name": c.pen_name, "position": c.position}
        for c in existing
    ] + [{"pen_name": "", "position": 0, **row} for row in rows]
    for i, form in enumerate(forms):
        for field, value in form.items():
            data[f"contributions-{i}-{field}"] = value.pk if hasattr(value, "pk") else value
    return data


def role_group(name):
    """The newsroom role ``name`` as the data migrations make it. Live-server
    tests flush the database, data-migration rows included, so a test that
    runs after one of them makes the group again from the same table."""
    from django.contrib.auth.models import Group, Permission

    from articles.roles import ROLE_PERMISSIONS

    group, _ = Group.objects.get_or_create(name=name)
    perms = [perm.split(".") for perm in ROLE_PERMISSIONS[name]]
    group.permissions.set(
        [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in perms]
    )
    return group


def library_image(
    width=1200, height=800, caption="Bà con bản Mường Phăng thu hoạch lúa.", credit="Ảnh: Quang Long", **fields
):
    """A library image made from a real JPEG, with its files and renditions."""
    import io

    from PIL import Image as PILImage

    from images.services import add_image_from_file

    data = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 120, 90)).save(data, "JPEG")
    data.seek(0)
    return add_image_from_file(data, original_filename="ruong-lua.jpg", caption=caption, credit=credit, **fields)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "editions.Edition"
        django_get_or_create = ("name",)

    name = "Báo in hằng ngày"
    schedule = "Thứ Hai, Thứ Tư, Thứ Sáu hằng tuần"


class IssueFactory(factory.django.DjangoModelFactory):
    """An issue without pages or files (an upload not processed yet);
    ``printed_issue()`` makes one with its pages."""

    class Meta:
        model = "editions.Issue"

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: 1200 + n)
    date = factory.Sequence(lambda n: timezone.localdate() - timedelta(days=n + 1))


def printed_issue(pages=4, published=True, texts=None, **fields):
    """An issue with ``pages`` pages as the processing leaves it: rows,
    page images (small, but real WebP and JPEG files under MEDIA_ROOT) and
    a PDF. ``texts`` gives each page's text. Much faster than processing a
    PDF, for tests of what readers see."""
    import secrets

    from django.conf import settings

    from editions.models import PAGE_FORMATS, PAGE_WIDTHS, Issue, Page
    from editions.samples import SamplePage, make_pdf
    from newsroom.text import fold

    issue = IssueFactory(**fields)
    files_dir = f"bao-in/{issue.edition.slug}/{issue.date.year}/{issue.number}-{secrets.token_hex(8)}"
    folder = settings.MEDIA_ROOT / files_dir
    folder.mkdir(parents=True, exist_ok=True)
    texts = texts or [f"Trang {n}: tin tức Điện Biên Phủ." for n in range(1, pages + 1)]
    for number in range(1, pages + 1):
        for size in PAGE_WIDTHS:
            for extension in PAGE_FORMATS:
                name = Page.image_name(files_dir, number, size, extension)
                (settings.MEDIA_ROOT / name).write_bytes(_page_image(size, extension))
        text = texts[number - 1]
        Page.objects.create(issue=issue, number=number, width=2000, height=2800, text=text, search_text=fold(text))
    pdf = make_pdf([SamplePage(lines=[t]) for t in texts])
    (folder / "bao-in.pdf").write_bytes(pdf)
    Issue.objects.filter(pk=issue.pk).update(
        files_dir=files_dir,
        pdf_name=f"{files_dir}/bao-in.pdf",
        pdf_bytes=len(pdf),
        page_count=pages,
        cover_width=2000,
        cover_height=2800,
        processing=Issue.Processing.DONE,
        status=Issue.Status.PUBLISHED if published else Issue.Status.DRAFT,
        published_at=timezone.now() - timedelta(minutes=5) if published else None,
    )
    issue.refresh_from_db()
    return issue


_PAGE_IMAGES = {}


def _page_image(size, extension):
    """A light-grey page with a dark band (a headline), at the width of
    ``size`` scaled down ten times: real image bytes, quick to make."""
    key = (size, extension)
    if key not in _PAGE_IMAGES:
        import io

        from PIL import Image as PILImage
        from PIL import ImageDraw

        from editions.models import PAGE_WIDTHS

        width = max(24, PAGE_WIDTHS[size] // 10)
        image = PILImage.new("RGB", (width, round(width * 1.4)), (236, 236, 230))
        ImageDraw.Draw(image).rectangle((2, 2, width - 3, width // 6), fill=(60, 60, 60))
        out = io.BytesIO()
        image.save(out, "WEBP" if extension == "webp" else "JPEG")
        _PAGE_IMAGES[key] = out.getvalue()
    return _PAGE_IMAGES[key]


def ready_video(**fields):
    """A library video already transcoded (no files: the pages only name them)."""
    from videos.models import Video

    values = {
        "title": "Lễ hội Hoa Ban",
        "key": "0123456789abcdef0123456789abcdef",
        "files_dir": "videos/2026/12/0123456789abcdef0123456789abcdef",
        "status": Video.Status.READY,
        "progress": 100,
        "duration": 125.0,
        "width": 1280,
        "height": 720,
        "renditions": [
            {"name": "720p.mp4", "width": 1280, "height": 720, "bytes": 1000},
            {"name": "360p.mp4", "width": 640, "height": 360, "bytes": 500},
        ],
        "poster_frame": "poster.jpg",
        "caption": "Múa xòe trên quảng trường",
        "credit": "Video: Quang Long",
    }
    values.update(fields)
    return Video.objects.create(**values)
