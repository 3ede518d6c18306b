"""Checking and re-encoding uploaded images with Pillow.

The order matters: the size of the file and the type read from its first
bytes are checked before Pillow looks at it; the pixel count read from the
header is checked before anything is decoded; only then is the image decoded
(truncated or corrupt files are refused), turned upright from its EXIF
orientation and re-encoded with no metadata at all (no EXIF, GPS, XMP, IPTC,
comments). Renditions are made from that clean, upright image.

Pure functions on bytes and files: no database, so the data migration and the
benchmark script use them too."""

import io
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

# Never decode half a file: a truncated image is refused, not padded with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# The formats we accept, by their first bytes. Nothing else (SVG, HTML, PDF,
# TIFF, BMP…) is ever opened by Pillow.
SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}

RENDITION_FORMATS = (("WEBP", "webp"), ("JPEG", "jpg"))


def max_bytes():
    return settings.NEWSROOM_IMAGE_MAX_BYTES


def max_pixels():
    return settings.NEWSROOM_IMAGE_MAX_PIXELS


def max_total_pixels():
    """All frames of an animated GIF together: what decoding them costs."""
    return settings.NEWSROOM_IMAGE_MAX_TOTAL_PIXELS


def rendition_widths():
    return settings.NEWSROOM_IMAGE_RENDITION_WIDTHS


def sniff(head):
    """The image format decided from the first bytes, or None."""
    for signature, name in SIGNATURES:
        if head.startswith(signature):
            return name
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


@dataclass
class PreparedImage:
    """A checked, decoded, upright image with no metadata, ready to store.
    An animated GIF keeps its source open: its other frames are decoded one
    at a time while the original is written (``frames``), never all at once."""

    image: Image.Image
    format: str  # JPEG, PNG, GIF or WEBP: the format of the stored original
    animation: Image.Image | None = field(default=None, repr=False)

    @property
    def frames(self):
        """The frames after the first of an animated GIF, one at a time, as
        copies without metadata."""
        if self.animation is None:
            return
        for index in range(1, self.animation.n_frames):
            self.animation.seek(index)
            frame = self.animation.copy()
            frame.info = {}
            yield frame

    @property
    def width(self):
        return self.image.width

    @property
    def height(self):
        return self.image.height

    @property
    def extension(self):
        return EXTENSIONS[self.format]


def _read_head(fileobj, n=32):
    fileobj.seek(0)
    head = fileobj.read(n)
    fileobj.seek(0)
    return head


def prepare(fileobj, size=None):
    """Check ``fileobj`` (a file-like object) and return a PreparedImage, or
    raise ValidationError with a message for the journalist."""
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    if size == 0:
        raise ValidationError(_("Tệp rỗng: không có ảnh nào trong tệp này."), code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("Tệp ảnh quá lớn (%(size)s). Giới hạn là %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
            code="too_big",
        )
    kind = sniff(_read_head(fileobj))
    if kind is None:
        raise ValidationError(
            _(
                "Tệp này không phải ảnh JPEG, PNG, WebP hoặc GIF. "
                "Ảnh SVG, trang HTML và các loại tệp khác không được nhận."
            ),
            code="bad_type",
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own bomb limit and raises above twice
            # that; both mean "too many pixels" to us.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fileobj, formats=[kind])  # reads the header only
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:  # noqa: BLE001 - an untrusted file: any parser error means "not a usable image"
        raise _corrupt() from None
    if image.width * image.height > max_pixels():
        image.close()
        raise _too_many_pixels(image.width, image.height)
    animated = kind == "GIF" and getattr(image, "n_frames", 1) > 1
    if animated:
        _check_frames(image)
    try:
        image.load()  # the decode: only now is memory spent on pixels
        clean = _clean(image, kind, keep_open=animated)
    except (ValidationError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - truncated, corrupt or hostile data: refused, never a 500
        raise _corrupt() from None
    return PreparedImage(image=clean, format=kind, animation=image if animated else None)


def _too_many_pixels(width=None, height=None):
    if width:
        return ValidationError(
            _("Ảnh quá nhiều điểm ảnh (%(w)s × %(h)s). Giới hạn là %(limit)s triệu điểm ảnh.")
            % {"w": width, "h": height, "limit": f"{max_pixels() / 1_000_000:g}"},
            code="too_many_pixels",
        )
    return ValidationError(
        _("Ảnh quá nhiều điểm ảnh. Giới hạn là %(limit)s triệu điểm ảnh.") % {"limit": f"{max_pixels() / 1_000_000:g}"},
        code="too_many_pixels",
    )


def _corrupt():
    return ValidationError(
        _("Tệp ảnh bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng). Mời chọn lại tệp gốc."),
        code="corrupt",
    )


MAX_GIF_FRAMES = 300


def _check_frames(image):
    """An animated GIF is refused before any frame is decoded when it has
    too many frames or too many pixels in all its frames together."""
    n = image.n_frames
    if n > MAX_GIF_FRAMES:
        raise ValidationError(
            _("Ảnh GIF động có quá nhiều khung hình (%(n)s, tối đa %(max)s).") % {"n": n, "max": MAX_GIF_FRAMES}
        )
    if image.width * image.height * n > max_total_pixels():
        raise ValidationError(
            _("Ảnh GIF động quá nặng: %(n)s khung hình × %(w)s × %(h)s điểm ảnh (tối đa %(limit)s triệu điểm ảnh).")
            % {"n": n, "w": image.width, "h": image.height, "limit": f"{max_total_pixels() / 1_000_000:g}"},
            code="too_many_pixels",
        )
    image.seek(0)


def _clean(image, kind, keep_open=False):
    """Upright, in a mode the target format can store, with no metadata.
    Each step makes at most one new image (a 24-megapixel photo is 72 MB)."""
    upright = ImageOps.exif_transpose(image)  # always a new image
    if not keep_open:
        image.close()
    if kind == "JPEG":
        mode = "L" if upright.mode in ("L", "1") else "RGB"
    elif kind == "GIF":
        mode = "RGBA"
    else:
        mode = "RGBA" if _has_alpha(upright) else "RGB"
    if upright.mode != mode:
        upright = upright.convert(mode)
    upright.info = {}  # EXIF, XMP, ICC, comments: never written back
    return upright


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def encode(image, fmt, **options):
    """Bytes of ``image`` in ``fmt`` with sensible quality and no metadata."""
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = flatten(image)
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True, **options)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=78, method=4, **options)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True, **options)
    elif fmt == "GIF":
        image.save(out, "GIF", **options)
    else:  # pragma: no cover - the formats are ours
        raise ValueError(fmt)
    return out.getvalue()


def flatten(image):
    """RGB on white, for JPEG (which has no transparency)."""
    if image.mode in ("RGB", "L"):
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def encode_original(prepared):
    """The stored "original": the same format, re-encoded, metadata gone."""
    if prepared.format == "GIF" and prepared.animation is not None:
        # The frames are read one at a time from the source; Pillow keeps
        # each as palette indices (one byte a pixel) until it writes them.
        return encode(prepared.image, "GIF", save_all=True, append_images=prepared.frames, loop=0, comment=b"")
    if prepared.format == "JPEG":
        out = io.BytesIO()
        prepared.image.save(out, "JPEG", quality=90, optimize=True)
        return out.getvalue()
    if prepared.format == "WEBP":
        out = io.BytesIO()
        prepared.image.save(out, "WEBP", quality=90, method=4)
        return out.getvalue()
    return encode(prepared.image, prepared.format)


def widths_for(width):
    """Rendition widths for an image ``width`` pixels wide: the configured
    widths below it, plus its own width when it is below the largest (so a
    small image still has one rendition and is never enlarged)."""
    configured = sorted(rendition_widths())
    widths = [w for w in configured if w < width]
    if width <= configured[-1] and width not in widths:
        widths.append(width)
    return widths or [configured[0]]


def height_for(width, original_width, original_height):
    return max(1, round(original_height * width / original_width))


def renditions(prepared):
    """Yield (width, height, extension, bytes) for every rendition: each
    width in WebP and in JPEG, resized from the largest already made (fast,
    and memory stays at two images at a time)."""
    source = prepared.image
    if source.mode not in ("RGB", "RGBA", "L"):
        source = source.convert("RGBA")
    for width in sorted(widths_for(prepared.width), reverse=True):
        height = height_for(width, prepared.width, prepared.height)
        if (width, height) == source.size:
            resized = source
        else:
            resized = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for fmt, extension in RENDITION_FORMATS:
            yield width, height, extension, encode(resized, fmt)
        source = resized
