"""Every uploaded image goes through here: the library's photos, banners,
the publication's logo, anything new. One function, ``process()``, checks
the file (size, type from its content, pixel count, a full decode, frames of
an animated GIF), turns it upright and re-encodes it without any metadata,
and makes the renditions; ``checked_image()`` gives the re-encoded file
under a random name for a plain ``ImageField``.

**Memory.** Decoding is bounded before it starts: at most
NEWSROOM_IMAGE_MAX_PIXELS in one frame and NEWSROOM_IMAGE_MAX_TOTAL_PIXELS in
all frames of a GIF together, and GIF frames are decoded one at a time. And
the work runs in a child process of its own (NEWSROOM_IMAGE_PROCESSING =
"subprocess", the default): whatever memory decoding takes — up to a few
hundred MB for a 7000 × 7000 photo or a 300-frame GIF — is given back to the
system when the child ends, so the server's workers do not grow by it. The
child has an address-space limit (NEWSROOM_IMAGE_CHILD_MEMORY_MB) and a time
limit (NEWSROOM_IMAGE_CHILD_SECONDS). "inline" does the same work in the
calling process (the test suite).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from . import processing


@dataclass
class ProcessedImage:
    """The checked, re-encoded files of one upload, in a scratch folder that
    is removed with this object (or by ``cleanup()``)."""

    format: str
    width: int
    height: int
    original: Path
    renditions: list = field(default_factory=list)  # (width, height, extension, path)
    folder: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @property
    def extension(self):
        return processing.EXTENSIONS[self.format]

    def cleanup(self):
        if self.folder is not None:
            self.folder.cleanup()


def process(fileobj, size=None, renditions=True):
    """Check and re-encode an uploaded image; returns a ProcessedImage or
    raises ValidationError with a message for the journalist."""
    if size is None:
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
    fileobj.seek(0)
    folder = tempfile.TemporaryDirectory(prefix="newsroom-image-")
    try:
        source = _as_file(fileobj, Path(folder.name))
        if settings.NEWSROOM_IMAGE_PROCESSING == "inline":
            with open(source, "rb") as handle:
                result = process_into(handle, size, Path(folder.name), renditions)
        else:
            result = _in_child(source, size, Path(folder.name), renditions)
    except BaseException:
        folder.cleanup()
        raise
    return ProcessedImage(
        format=result["format"],
        width=result["width"],
        height=result["height"],
        original=Path(result["original"]),
        renditions=[(w, h, ext, Path(path)) for w, h, ext, path in result["renditions"]],
        folder=folder,
    )


def process_into(fileobj, size, folder, make_renditions=True):
    """The work itself, wherever it runs: write the original and the
    renditions into ``folder``; returns their description."""
    prepared = processing.prepare(fileobj, size=size)
    original = folder / f"original.{prepared.extension}"
    original.write_bytes(processing.encode_original(prepared))
    made = []
    if make_renditions:
        for width, height, extension, payload in processing.renditions(prepared):
            path = folder / f"{width}.{extension}"
            path.write_bytes(payload)
            made.append((width, height, extension, str(path)))
    result = {
        "format": prepared.format,
        "width": prepared.width,
        "height": prepared.height,
        "original": str(original),
        "renditions": made,
    }
    prepared.image.close()
    if prepared.animation is not None:
        prepared.animation.close()
    return result


def _as_file(fileobj, folder):
    """A path to the upload's bytes: Django's temporary file when it has one,
    else a copy in the scratch folder."""
    if hasattr(fileobj, "temporary_file_path"):
        return Path(fileobj.temporary_file_path())
    path = folder / "upload"
    with open(path, "wb") as out:
        shutil.copyfileobj(fileobj, out, 1 << 20)
    fileobj.seek(0)
    return path


def _in_child(source, size, folder, renditions):
    limits = {
        "NEWSROOM_IMAGE_MAX_BYTES": settings.NEWSROOM_IMAGE_MAX_BYTES,
        "NEWSROOM_IMAGE_MAX_PIXELS": settings.NEWSROOM_IMAGE_MAX_PIXELS,
        "NEWSROOM_IMAGE_MAX_TOTAL_PIXELS": settings.NEWSROOM_IMAGE_MAX_TOTAL_PIXELS,
        "NEWSROOM_IMAGE_RENDITION_WIDTHS": list(settings.NEWSROOM_IMAGE_RENDITION_WIDTHS),
        "memory_mb": settings.NEWSROOM_IMAGE_CHILD_MEMORY_MB,
    }
    command = [sys.executable, "-m", "images.child", str(source), str(size), str(folder), json.dumps(limits)]
    if not renditions:
        command.append("--no-renditions")
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments we made
            command,
            cwd=settings.BASE_DIR,
            capture_output=True,
            timeout=settings.NEWSROOM_IMAGE_CHILD_SECONDS,
            env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
        )
    except subprocess.TimeoutExpired:
        raise ValidationError(
            _("Ảnh này xử lý quá lâu nên không được nhận. Mời chọn ảnh nhỏ hơn."), code="too_slow"
        ) from None
    try:
        answer = json.loads(done.stdout.decode() or "null")
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "error" in answer:
        raise ValidationError(answer["error"]["message"], code=answer["error"]["code"])
    if done.returncode != 0 or not isinstance(answer, dict):
        # Killed, or out of its address space: too much for this server.
        raise ValidationError(
            _("Ảnh này quá nặng để xử lý (không đủ bộ nhớ). Mời chọn ảnh nhỏ hơn hoặc ít khung hình hơn."),
            code="too_heavy",
        )
    return answer


def checked_image(upload):
    """For an ``ImageField`` outside the library (banners, the logo): the
    upload checked and re-encoded like a library photo, as a File with a
    random name of the right extension. Raises ValidationError."""
    processed = process(upload, size=getattr(upload, "size", None), renditions=False)
    try:
        data = processed.original.read_bytes()
    finally:
        processed.cleanup()
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{processing.EXTENSIONS[processed.format]}")
