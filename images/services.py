"""The image library's workflow steps: add an image, check whether it may be
deleted, remove its files."""

import uuid

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsroom.text import nfc

from . import processing, uploads
from .models import Image


def random_name(extension):
    """``images/2026/11/<32 random hex digits>.<ext>``: unguessable, never the
    uploader's file name (which can carry a person's name or a path)."""
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def write_files(processed):
    """Store the re-encoded original and every rendition of an upload
    (``uploads.process``); return the original's name, its size in bytes and
    the rendition widths. The scratch files are removed."""
    try:
        with open(processed.original, "rb") as handle:
            name = default_storage.save(random_name(processed.extension), File(handle))
        stem = name.rsplit(".", 1)[0]
        widths = []
        written = [name]
        try:
            for width, _height, extension, path in processed.renditions:
                with open(path, "rb") as handle:
                    written.append(default_storage.save(f"{stem}-{width}.{extension}", File(handle)))
                if width not in widths:
                    widths.append(width)
        except BaseException:
            delete_files(written)
            raise
        return name, processed.original.stat().st_size, sorted(widths)
    finally:
        processed.cleanup()


def attach_files(image, prepared, original_filename=""):
    """Write the files of ``prepared`` (``uploads.process``) and fill in the
    fields of ``image`` that describe them (the row is not saved here)."""
    name, size, widths = write_files(prepared)
    image.file = name
    image.width = prepared.width
    image.height = prepared.height
    image.format = prepared.format
    image.file_size = size
    image.rendition_widths = widths
    image.original_filename = nfc(original_filename or "")[:255]
    return image


def save_new(image):
    """Save a new image whose files were just written; if the row cannot be
    saved, remove the files again so nothing is orphaned."""
    try:
        with transaction.atomic():
            image.save()
    except BaseException:
        delete_files([image.file.name, *image.rendition_names()])
        raise
    return image


def add_image(prepared, *, by=None, original_filename="", caption="", credit="", alt_text=""):
    """Add a checked image (``uploads.process``) to the library."""
    image = Image(caption=caption, credit=credit, alt_text=alt_text, uploaded_by=by)
    attach_files(image, prepared, original_filename)
    return save_new(image)


def add_image_from_file(fileobj, **kwargs):
    """Check and add; raises ValidationError with a Vietnamese message."""
    return add_image(uploads.process(fileobj), **kwargs)


def _rendition_names(name, widths):
    stem = name.rsplit(".", 1)[0]
    return [f"{stem}-{w}.{ext}" for w in widths for _fmt, ext in processing.RENDITION_FORMATS]


def delete_files(names):
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def articles_using(image):
    """Articles that show ``image``: as featured image, or as a figure in
    their body (matched by the image's random key, which is in every URL of
    the image and its renditions). A scan of the bodies: only run when an
    image is about to be deleted."""
    from articles.models import Article

    return (
        Article.objects.filter(Q(featured_image=image) | Q(body__contains=image.key))
        .only("id", "title", "slug", "category_id", "status")
        .order_by("-id")
    )


class ImageInUse(Exception):
    def __init__(self, articles):
        self.articles = list(articles)
        super().__init__(", ".join(a.title for a in self.articles))


def delete_image(image):
    """Delete ``image`` unless an article uses it (raises ImageInUse naming
    them). Its files are removed after commit (signals.py)."""
    with transaction.atomic():
        users = list(articles_using(image))
        if users:
            raise ImageInUse(users)
        image.delete()
