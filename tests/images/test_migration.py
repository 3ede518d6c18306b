"""articles 0005 moves featured image files into the library, and back."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from . import files

BEFORE = [("articles", "0005_workflow_roles"), ("images", "0001_initial")]
AFTER = [("articles", "0006_article_image_and_audio")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_featured_files_become_library_images_and_back():
    try:
        old = migrate(BEFORE)
        Category = old.get_model("articles", "Category")
        Article = old.get_model("articles", "Article")
        category = Category.objects.create(name="Xã hội", slug="xa-hoi-migration")
        name = default_storage.save("articles/2024/05/dien-thoai.jpg", ContentFile(files.phone_jpeg()))
        common = {"category": category, "lead": "Sapo.", "status": "draft"}
        first = Article.objects.create(
            title="Một",
            slug="mot-m",
            featured_image=name,
            featured_image_caption="Lúa chín.",
            featured_image_credit="Ảnh: A",
            **common,
        )
        second = Article.objects.create(
            title="Hai",
            slug="hai-m",
            featured_image=name,
            featured_image_caption="Chú thích khác.",
            featured_image_credit="Ảnh: A",
            **common,
        )
        none = Article.objects.create(title="Ba", slug="ba-m", **common)

        new = migrate(AFTER)
        Image = new.get_model("images", "Image")
        Article = new.get_model("articles", "Article")
        image = Image.objects.get()  # one library image for the shared file
        assert (image.caption, image.credit, image.width, image.height) == ("Lúa chín.", "Ảnh: A", 300, 400)
        assert image.rendition_widths == [300]
        stored = default_storage.open(image.file.name).read()
        assert files.metadata_free(stored)
        assert not default_storage.exists(name)  # the original with GPS is gone
        one, two, three = (Article.objects.get(pk=a.pk) for a in (first, second, none))
        assert one.featured_image_id == two.featured_image_id == image.pk
        assert (one.featured_image_caption, one.featured_image_credit) == ("", "")
        assert two.featured_image_caption == "Chú thích khác."  # kept as an override
        assert three.featured_image_id is None

        back = migrate(BEFORE)
        Article = back.get_model("articles", "Article")
        one, two = Article.objects.get(pk=first.pk), Article.objects.get(pk=second.pk)
        assert one.featured_image.name == two.featured_image.name == image.file.name
        assert (one.featured_image_caption, two.featured_image_caption) == ("Lúa chín.", "Chú thích khác.")
        assert one.featured_image_credit == "Ảnh: A"
        assert (one.featured_image_width, one.featured_image_height) == (300, 400)
        assert PILImage.open(io.BytesIO(default_storage.open(one.featured_image.name).read())).size == (300, 400)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
