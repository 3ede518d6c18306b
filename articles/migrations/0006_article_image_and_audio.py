"""Featured images move into the image library.

``Article.featured_image`` was an ImageField holding a file; it becomes a
foreign key to ``images.Image``. Each distinct file is checked, re-encoded
without metadata, given renditions and added to the library once (an image
shared by several articles stays one library image). The article's caption
and credit move to the library image; an article whose caption or credit
differs from the image's keeps its own as an override. The old files (which
may carry EXIF/GPS) are removed after the migration commits.

Reverse: each article's file field points at its library image's re-encoded
file again and gets the caption and credit it showed."""

import logging
import posixpath

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models, transaction

import newsroom.fields

log = logging.getLogger(__name__)


def move_into_library(apps, schema_editor):
    from django.core.exceptions import ValidationError

    from images import uploads
    from images.services import delete_files, write_files

    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    by_name = {}
    old_files = []
    for article in Article.objects.exclude(featured_image_file="").order_by("pk").iterator():
        name = article.featured_image_file.name
        image = by_name.get(name)
        if image is None:
            try:
                with default_storage.open(name, "rb") as handle:
                    prepared = uploads.process(handle)
            except (OSError, ValidationError) as error:
                log.warning("Article %s: image %s not moved into the library: %s", article.pk, name, error)
                continue
            stored, size, widths = write_files(prepared)
            image = Image.objects.create(
                file=stored,
                width=prepared.width,
                height=prepared.height,
                format=prepared.format,
                file_size=size,
                rendition_widths=widths,
                caption=article.featured_image_caption,
                credit=article.featured_image_credit,
                original_filename=posixpath.basename(name)[:255],
                uploaded_by_id=article.created_by_id,
            )
            by_name[name] = image
            old_files.append(name)
        article.featured_image = image
        if article.featured_image_caption == image.caption:
            article.featured_image_caption = ""
        if article.featured_image_credit == image.credit:
            article.featured_image_credit = ""
        article.save(update_fields=["featured_image", "featured_image_caption", "featured_image_credit"])
    transaction.on_commit(lambda: delete_files(old_files))


def move_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.filter(featured_image__isnull=False).select_related("featured_image"):
        image = article.featured_image
        article.featured_image_file = image.file.name
        article.featured_image_width = image.width
        article.featured_image_height = image.height
        article.featured_image_caption = article.featured_image_caption or image.caption
        article.featured_image_credit = article.featured_image_credit or image.credit
        article.save(
            update_fields=[
                "featured_image_file",
                "featured_image_width",
                "featured_image_height",
                "featured_image_caption",
                "featured_image_credit",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_workflow_roles"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("article", "featured_image", "featured_image_file"),
        migrations.AddField(
            model_name="article",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Chọn một ảnh trong thư viện ảnh (gõ để tìm theo chú thích, nguồn ảnh).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="featured_in",
                to="images.image",
                verbose_name="ảnh đại diện",
            ),
        ),
        migrations.RunPython(move_into_library, move_back),
        migrations.RemoveField(model_name="article", name="featured_image_file"),
        migrations.RemoveField(model_name="article", name="featured_image_width"),
        migrations.RemoveField(model_name="article", name="featured_image_height"),
        migrations.AlterField(
            model_name="article",
            name="featured_image_caption",
            field=newsroom.fields.NFCCharField(
                blank=True,
                help_text="Để trống để dùng chú thích của ảnh trong thư viện; điền để thay riêng cho bài này.",
                max_length=500,
                verbose_name="chú thích ảnh",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="featured_image_credit",
            field=newsroom.fields.NFCCharField(
                blank=True,
                help_text="Để trống để dùng nguồn ảnh trong thư viện; điền để thay riêng cho bài này, ví dụ “Ảnh: Quang Long”.",
                max_length=200,
                verbose_name="nguồn ảnh",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="audio",
            field=models.FileField(
                blank=True,
                help_text="MP3, M4A hoặc OGG. Trình phát hiện phía trên sapo.",
                max_length=200,
                upload_to="audio/%Y/%m/",
                verbose_name="tệp âm thanh",
            ),
        ),
    ]
