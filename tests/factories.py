"""Factories for tests: each test builds the few rows it needs."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Category
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
